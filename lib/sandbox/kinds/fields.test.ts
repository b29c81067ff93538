// unknownFields (strict field validation) and schemaAt (strategic merge metadata), table-driven.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kindRegistry } from "./index";
import * as fieldsModule from "./fields";
import { schemaAt, unknownFields } from "./fields";

const def = (group: string, kind: string) => kindRegistry.byKind(group, kind)!;

test("unknownFields names every field the kind's schema does not define, as strict decoding does", () => {
  const cases: [string, string, unknown, string[]][] = [
    ["networking.k8s.io", "NetworkPolicy", { metadata: { name: "x" }, spec: { podSelectr: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80, protocl: "TCP" }] }] } }, ["spec.podSelectr", "spec.ingress[0].ports[0].protocl"]],
    [
      "apps",
      "Deployment",
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" }, annotations: { a: "b" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: {
              containers: [
                {
                  name: "web",
                  image: "nginx",
                  imagePullPolicy: "IfNotPresent",
                  ports: [{ containerPort: 80, name: "http" }],
                  env: [{ name: "A", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }],
                  envFrom: [{ configMapRef: { name: "c" } }],
                  resources: { limits: { cpu: "1" }, requests: { memory: "64Mi" } },
                  livenessProbe: { httpGet: { path: "/", port: "http" }, initialDelaySeconds: 3 },
                  securityContext: { runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seLinuxOptions: { level: "s0" } },
                  volumeMounts: [{ name: "d", mountPath: "/d" }],
                },
              ],
              initContainers: [{ name: "init", image: "busybox", command: ["true"] }],
              volumes: [{ name: "d", emptyDir: {} }, { name: "n", nfs: { server: "x", path: "/" } }],
              affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "a", operator: "In", values: ["b"] }] }] } } },
              tolerations: [{ key: "k", operator: "Exists" }],
              nodeSelector: { disk: "ssd" },
              serviceAccountName: "robot",
            },
          },
        },
        status: { replicas: 2 },
      },
      [],
    ],
    ["apps", "Deployment", { metadata: { name: "x" }, spec: { replica: 1, template: { spec: { containers: [{ name: "a", imagee: "x" }] } } } }, ["spec.replica", "spec.template.spec.containers[0].imagee"]],
    ["", "Pod", { metadata: { name: "x", labelz: {} }, spec: { containers: [{ name: "a", image: "b", port: [] }] }, extra: 1 }, ["metadata.labelz", "spec.containers[0].port", "extra"]],
    ["", "Service", { metadata: { name: "s" }, spec: { ports: [{ port: 80, targetport: 80 }], selector: { app: "x" } } }, ["spec.ports[0].targetport"]],
    ["", "ConfigMap", { metadata: { name: "c" }, data: { anything: "goes" }, dat: {} }, ["dat"]],
    // Subtrees stored as written (the spec of a kind without a controller) are never reported.
    ["apps", "StatefulSet", { metadata: { name: "s" }, spec: { whatever: { deep: 1 } } }, []],
  ];
  const bad: string[] = [];
  for (const [group, kind, obj, want] of cases) {
    const got = unknownFields(def(group, kind), obj);
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${kind}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
  }
  assert.deepEqual(bad, []);
});

test("schemaAt resolves refs and returns the list extensions strategic merge patch reads", () => {
  const cases: [string, string, string[], Record<string, unknown>][] = [
    ["", "Pod", ["spec", "containers"], { "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge", type: "array" }],
    ["", "Pod", ["spec", "containers", "ports"], { "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-list-map-keys": ["containerPort", "protocol"] }],
    ["", "Pod", ["spec", "containers", "env"], { "x-kubernetes-patch-merge-key": "name" }],
    ["", "Pod", ["spec", "volumes"], { "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge,retainKeys" }],
    ["", "Pod", ["spec", "containers", "volumeMounts"], { "x-kubernetes-patch-merge-key": "mountPath" }],
    ["apps", "Deployment", ["spec", "template", "spec", "containers"], { "x-kubernetes-patch-merge-key": "name" }],
    ["apps", "Deployment", ["spec", "strategy"], { "x-kubernetes-patch-strategy": "retainKeys", type: "object" }],
    ["", "Service", ["spec", "ports"], { "x-kubernetes-patch-merge-key": "port", "x-kubernetes-list-map-keys": ["port", "protocol"] }],
    ["", "Pod", ["spec", "tolerations"], { "x-kubernetes-list-type": "atomic" }],
    ["networking.k8s.io", "NetworkPolicy", ["spec", "ingress"], { "x-kubernetes-list-type": "atomic" }],
    ["", "Pod", ["metadata", "labels", "app"], { type: "string" }],
    ["", "Pod", ["spec", "containers", "resources", "limits", "cpu"], { oneOf: [{ type: "string" }, { type: "number" }] }],
    ["", "Pod", ["metadata", "ownerReferences"], { "x-kubernetes-patch-merge-key": "uid" }],
  ];
  const bad: string[] = [];
  for (const [group, kind, path, want] of cases) {
    const s = schemaAt(def(group, kind), path) as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(want)) if (JSON.stringify(s?.[k]) !== JSON.stringify(v)) bad.push(`${kind} ${path.join(".")}: ${k}=${JSON.stringify(s?.[k])} want ${JSON.stringify(v)}`);
  }
  assert.equal(schemaAt(def("", "Pod"), ["spec", "nope"]), undefined);
  assert.deepEqual(bad, []);
});

test("decodeError: bodies the API server's decoder rejects, in its words; validate() turns them into a 400", () => {
  const cases: [string, string, unknown, string | undefined][] = [
    ["apps", "Deployment", { metadata: { name: "d" }, spec: { replicas: "3" } }, "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"],
    ["apps", "Deployment", { metadata: { name: "d" }, spec: { template: "web" } }, "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec"],
    ["", "Pod", { metadata: { name: "p" }, spec: { containers: [{ name: "a", ports: [{ containerPort: "80" }] }] } }, "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"],
    ["", "Pod", { metadata: { name: "p" }, spec: { containers: { name: "a" } } }, "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"],
    ["", "Pod", { metadata: { name: "p", labels: ["a"] } }, "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string"],
    ["", "Pod", { metadata: { name: "p" }, spec: { containers: [{ name: "a", resources: { limits: { cpu: "1 core" } } }] } }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["", "Pod", { metadata: { name: "p" }, spec: { containers: [{ name: "a", resources: { limits: { cpu: 1, memory: "64Mi" } } }] } }, undefined],
    ["", "Service", { metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: 1.5 }] } }, "json: cannot unmarshal number into Go struct field ServicePort.spec.ports.targetPort of type intstr.IntOrString"],
    ["", "Service", { metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: "http" }], selector: { app: "web" } } }, undefined],
    ["", "Secret", { metadata: { name: "s" }, data: { a: "bm90!" } }, "illegal base64 data at input byte 4"],
    ["", "Secret", { metadata: { name: "s" }, data: { a: "aGk=" } }, undefined],
    ["apps", "Deployment", { metadata: { name: "d" }, spec: { replicas: 1.5 } }, "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"],
  ];
  const bad: string[] = [];
  for (const [group, kind, obj, want] of cases) {
    const { decodeError } = fieldsModule;
    const got = decodeError(def(group, kind), obj);
    if (got !== want) bad.push(`${kind} ${JSON.stringify(obj)}: got ${got} want ${want}`);
  }
  assert.deepEqual(bad, []);
  assert.throws(
    () => def("apps", "Deployment").validate!({ metadata: { name: "d", namespace: "default" }, spec: { replicas: "3" } }),
    (e: any) =>
      e.code === 400 &&
      e.reason === "BadRequest" &&
      e.message === 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
});
