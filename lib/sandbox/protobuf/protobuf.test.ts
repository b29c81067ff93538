// Protobuf decoding: round trips through the same descriptors (table-driven), garbage bodies, and
// the real kubectl v1.32 sending typed `create` bodies to a tiny local HTTPS recorder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { ApiError } from "../errors";
import { kindRegistry } from "../kinds";
import { startRecorder } from "../openapi/recorder";
import type { K8sObject } from "../types";
import { decodeProtobuf, encodeProtobuf, PROTOBUF_MAGIC } from "./index";

const roundTrips: K8sObject[] = [
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d1", labels: { app: "d1" } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: "d1" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "d1" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.27",
              command: ["nginx", "-g", "daemon off;"],
              ports: [{ containerPort: 80, protocol: "TCP", name: "http" }],
              env: [{ name: "A", value: "1" }, { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
              resources: { limits: { cpu: "500m", memory: "128Mi" } },
              readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 5 },
              volumeMounts: [{ name: "data", mountPath: "/data" }],
            },
          ],
          volumes: [{ name: "data", emptyDir: {} }, { name: "cfg", configMap: { name: "web-config" } }],
          terminationGracePeriodSeconds: 0,
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }],
        },
      },
    },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: { type: "NodePort", selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080, nodePort: 30080, protocol: "TCP" }] },
  },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "" }, binaryData: { bin: Buffer.from([0, 1, 2]).toString("base64") } },
  { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "kubernetes.io/tls", data: { "tls.crt": "Y3J0", "tls.key": "a2V5" } },
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a", labels: { team: "a" } } },
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "default" }, automountServiceAccountToken: false },
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "ing", annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" } },
    spec: {
      ingressClassName: "nginx",
      rules: [{ host: "foo.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
      tls: [{ hosts: ["foo.example.com"], secretName: "tls" }],
    },
  },
  {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    metadata: {},
    spec: { resourceAttributes: { namespace: "default", verb: "create", resource: "pods" } },
  },
  {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "cj" },
    spec: {
      schedule: "*/5 * * * *",
      suspend: false,
      jobTemplate: { metadata: { name: "cj" }, spec: { template: { spec: { containers: [{ name: "cj", image: "busybox", resources: {} }], restartPolicy: "OnFailure" } } } },
    },
  },
  {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
    },
  },
];

test("protobuf round trips: what the encoder writes (gogo style, zeros included) decodes to the same JSON", () => {
  const bad: string[] = [];
  for (const obj of roundTrips) {
    const got = decodeProtobuf(encodeProtobuf(obj), kindRegistry);
    try {
      assert.deepEqual(got, obj);
    } catch {
      bad.push(`${obj.kind}: got ${JSON.stringify(got)}\n  want ${JSON.stringify(obj)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("protobuf bodies that are not Kubernetes protobuf give a 400 in the API server's words", () => {
  const cases: [string, Buffer, RegExp][] = [
    ["no magic", Buffer.from('{"kind":"Pod"}'), /does not appear to be a protobuf message/],
    ["truncated envelope", Buffer.concat([PROTOBUF_MAGIC, Buffer.from([0x0a, 0x20, 0x0a])]), /unable to decode/],
    ["unserved kind", encodeEnvelope("rbac.authorization.k8s.io/v1", "Role"), /no kind "Role" is registered for version "rbac.authorization.k8s.io\/v1"/],
  ];
  for (const [name, body, re] of cases) {
    assert.throws(
      () => decodeProtobuf(body, kindRegistry),
      (e: unknown) => e instanceof ApiError && e.code === 400 && re.test(e.message),
      name,
    );
  }
});

function encodeEnvelope(apiVersion: string, kind: string): Buffer {
  // typeMeta{1: apiVersion, 2: kind}, raw = empty
  const tm = Buffer.concat([Buffer.from([0x0a, apiVersion.length]), Buffer.from(apiVersion), Buffer.from([0x12, kind.length]), Buffer.from(kind)]);
  return Buffer.concat([PROTOBUF_MAGIC, Buffer.from([0x0a, tm.length]), tm, Buffer.from([0x12, 0x00])]);
}

// ---------------------------------------------------------------- real kubectl

const KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
const run = promisify(execFile);

test("the real kubectl 1.32 sends protobuf for typed create commands, and they decode to the JSON kubectl 1.31 sent", { skip: !existsSync(KUBECTL) }, async () => {
  const rec = await startRecorder(kindRegistry);
  const kubectl = (args: string[]) => run(KUBECTL, ["--kubeconfig", rec.kubeconfig, "--cache-dir", rec.cacheDir, ...args], { timeout: 20000 });
  try {
    const cases: [string[], string, unknown][] = [
      [
        ["create", "deployment", "d1", "--image=nginx"],
        "/apis/apps/v1/namespaces/default/deployments",
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "d1", labels: { app: "d1" } },
          spec: { replicas: 1, selector: { matchLabels: { app: "d1" } }, template: { metadata: { labels: { app: "d1" } }, spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] } } },
        },
      ],
      [
        ["create", "deployment", "d0", "--image=nginx:1.27", "--replicas=0", "--port=80"],
        "/apis/apps/v1/namespaces/default/deployments",
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "d0", labels: { app: "d0" } },
          spec: {
            replicas: 0,
            selector: { matchLabels: { app: "d0" } },
            template: { metadata: { labels: { app: "d0" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: {} }] } },
          },
        },
      ],
      [
        ["create", "service", "nodeport", "web", "--tcp=80:8080", "--node-port=30080"],
        "/api/v1/namespaces/default/services",
        {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "web", labels: { app: "web" } },
          spec: { ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 }], selector: { app: "web" }, type: "NodePort" },
        },
      ],
      [
        ["create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=two"],
        "/api/v1/namespaces/default/configmaps",
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1", b: "two" } },
      ],
      [
        ["create", "secret", "generic", "pw", "--from-literal=password=s3cret"],
        "/api/v1/namespaces/default/secrets",
        { apiVersion: "v1", kind: "Secret", metadata: { name: "pw" }, data: { password: Buffer.from("s3cret").toString("base64") } },
      ],
      [
        ["create", "job", "j1", "--image=busybox", "--", "echo", "hi"],
        "/apis/batch/v1/namespaces/default/jobs",
        {
          apiVersion: "batch/v1",
          kind: "Job",
          metadata: { name: "j1" },
          spec: { template: { spec: { containers: [{ name: "j1", image: "busybox", command: ["echo", "hi"], resources: {} }], restartPolicy: "Never" } } },
        },
      ],
      [
        ["create", "cronjob", "cj", "--image=busybox", "--schedule=*/5 * * * *"],
        "/apis/batch/v1/namespaces/default/cronjobs",
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: { name: "cj" },
          spec: {
            schedule: "*/5 * * * *",
            jobTemplate: { metadata: { name: "cj" }, spec: { template: { spec: { containers: [{ name: "cj", image: "busybox", resources: {} }], restartPolicy: "OnFailure" } } } },
          },
        },
      ],
      [["create", "namespace", "team-a"], "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } }],
      [["create", "serviceaccount", "robot"], "/api/v1/namespaces/default/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } }],
      [
        ["create", "ingress", "ing", "--class=nginx", "--rule=foo.example.com/=web:80"],
        "/apis/networking.k8s.io/v1/namespaces/default/ingresses",
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "Ingress",
          metadata: { name: "ing" },
          spec: {
            ingressClassName: "nginx",
            rules: [{ host: "foo.example.com", http: { paths: [{ path: "/", pathType: "Exact", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
          },
        },
      ],
    ];
    const bad: string[] = [];
    for (const [args, path, want] of cases) {
      const before = rec.recorded.length;
      try {
        await kubectl(args);
      } catch (e) {
        bad.push(`kubectl ${args.join(" ")} failed: ${(e as { stderr?: string }).stderr ?? e}`);
        continue;
      }
      const r = rec.recorded.slice(before).find((x) => x.method === "POST");
      if (!r) {
        bad.push(`kubectl ${args.join(" ")}: no POST recorded`);
        continue;
      }
      if (r.path !== path) bad.push(`kubectl ${args.join(" ")}: path ${r.path}, want ${path}`);
      if (r.contentType !== "application/vnd.kubernetes.protobuf") bad.push(`kubectl ${args.join(" ")}: content type ${r.contentType}`);
      const got = decodeProtobuf(r.body, kindRegistry);
      try {
        assert.deepEqual(got, want);
      } catch {
        bad.push(`kubectl ${args.join(" ")}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
      }
    }
    // auth can-i: a SelfSubjectAccessReview, answered allowed → "yes".
    const { stdout } = await kubectl(["auth", "can-i", "create", "pods"]);
    assert.equal(stdout.trim(), "yes");
    const ssar = decodeProtobuf(rec.recorded.at(-1)!.body, kindRegistry);
    assert.deepEqual(ssar.spec, { resourceAttributes: { namespace: "default", verb: "create", resource: "pods" } });
    // auth can-i --list and auth whoami: the other two reviews.
    await kubectl(["auth", "can-i", "--list"]);
    assert.deepEqual(decodeProtobuf(rec.recorded.at(-1)!.body, kindRegistry), { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", metadata: {}, spec: { namespace: "default" } });
    await kubectl(["auth", "whoami"]).catch(() => undefined);
    assert.deepEqual(decodeProtobuf(rec.recorded.at(-1)!.body, kindRegistry), { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: {} });
    assert.deepEqual(bad, []);
  } finally {
    rec.close();
  }
});
