// OpenAPI v3 documents: the structure kubectl relies on (checked for every kind), stable hashes,
// and the real kubectl 1.32 using them for `explain` and for client-side `apply` (strict field
// validation support and the 3-way strategic merge computed from our schemas).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { kindRegistry } from "../kinds";
import { gvPathOf, openapiDocument, openapiIndex } from "./index";
import { startRecorder } from "./recorder";

test("every served kind has a tagged PATCH operation with fieldValidation, a GVK-marked schema, and resolvable refs", () => {
  const bad: string[] = [];
  const index = openapiIndex(kindRegistry);
  for (const k of kindRegistry.all()) {
    const gv = gvPathOf(k);
    const entry = index.paths[gv];
    if (!entry) {
      bad.push(`${gv}: missing from the index`);
      continue;
    }
    const doc = openapiDocument(kindRegistry, gv)!;
    if (!entry.serverRelativeURL.endsWith(`?hash=${doc.hash}`)) bad.push(`${gv}: index hash differs`);
    const spec = JSON.parse(doc.body);
    const schemas = spec.components.schemas;
    const root = schemas[k.rootSchema];
    const gvk = { group: k.group, version: k.version, kind: k.kind };
    if (!root?.["x-kubernetes-group-version-kind"]?.some((g: any) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind))
      bad.push(`${k.kind}: root schema lacks x-kubernetes-group-version-kind`);
    if (k.createOnly) continue;
    const patches = Object.values(spec.paths as Record<string, any>).filter((p) => p.patch && JSON.stringify(p.patch["x-kubernetes-group-version-kind"]) === JSON.stringify(gvk));
    if (!patches.length) bad.push(`${k.kind}: no PATCH operation tagged with its GVK`);
    for (const p of patches) {
      const names = p.patch.parameters.map((x: any) => x.name);
      for (const want of ["dryRun", "fieldManager", "fieldValidation", "force"]) if (!names.includes(want)) bad.push(`${k.kind}: PATCH lacks ${want}`);
    }
  }
  for (const gv of Object.keys(index.paths)) {
    const body = openapiDocument(kindRegistry, gv)!.body;
    for (const m of body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      if (!JSON.parse(body).components.schemas[m[1]]) bad.push(`${gv}: dangling $ref ${m[1]}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("document hashes are sha512 hex (upper case) of the body, stable across calls", () => {
  const a = openapiDocument(kindRegistry, "apis/networking.k8s.io/v1")!;
  const b = openapiDocument(kindRegistry, "/apis/networking.k8s.io/v1/")!;
  assert.equal(a, b);
  assert.equal(a.hash, createHash("sha512").update(a.body).digest("hex").toUpperCase());
  assert.match(a.hash, /^[0-9A-F]{128}$/);
  assert.equal(openapiDocument(kindRegistry, "apis/nope/v1"), undefined);
});

test("strategic-merge-patch is advertised only for kinds whose schema models their spec", () => {
  const cases: [string, string, boolean][] = [
    ["apps/v1", "Deployment", true],
    ["v1", "Pod", true],
    ["v1", "Service", true],
    ["networking.k8s.io/v1", "NetworkPolicy", true],
    ["apps/v1", "StatefulSet", false],
    ["apps/v1", "DaemonSet", false],
  ];
  const bad: string[] = [];
  for (const [apiVersion, kind, want] of cases) {
    const gv = apiVersion.includes("/") ? `apis/${apiVersion}` : `api/${apiVersion}`;
    const spec = JSON.parse(openapiDocument(kindRegistry, gv)!.body);
    const op = Object.values(spec.paths as Record<string, any>).find((p) => p.patch?.["x-kubernetes-group-version-kind"]?.kind === kind)?.patch;
    const got = !!op?.requestBody?.content?.["application/strategic-merge-patch+json"];
    if (got !== want) bad.push(`${kind}: smp=${got}, want ${want}`);
  }
  assert.deepEqual(bad, []);
});

// ---------------------------------------------------------------- real kubectl

const KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
const run = promisify(execFile);

test("kubectl explain reads our schemas", { skip: !existsSync(KUBECTL) }, async () => {
  const rec = await startRecorder(kindRegistry);
  try {
    const explain = async (what: string) =>
      (await run(KUBECTL, ["--kubeconfig", rec.kubeconfig, "--cache-dir", rec.cacheDir, "explain", what], { timeout: 20000 })).stdout;
    const cases: [string, RegExp[]][] = [
      ["networkpolicy.spec", [/KIND:\s+NetworkPolicy/, /GROUP:\s+networking\.k8s\.io/, /VERSION:\s+v1/, /FIELD: spec <NetworkPolicySpec>/, /podSelector\s+<LabelSelector>/, /policyTypes\s+<\[\]string>/, /ingress\s+<\[\]NetworkPolicyIngressRule>/]],
      ["pod.spec.containers.ports", [/KIND:\s+Pod/, /FIELD: ports <\[\]ContainerPort>/, /containerPort\s+<integer> -required-/, /protocol\s+<string>/]],
      ["deployment.spec.strategy.rollingUpdate", [/maxSurge\s+<IntOrString>/, /maxUnavailable\s+<IntOrString>/]],
      ["ingress.spec.rules.http.paths", [/pathType\s+<string> -required-/, /backend\s+<IngressBackend> -required-/]],
      ["svc.spec.ports", [/port\s+<integer> -required-/, /targetPort\s+<IntOrString>/, /nodePort\s+<integer>/]],
    ];
    const bad: string[] = [];
    for (const [what, patterns] of cases) {
      let out = "";
      try {
        out = await explain(what);
      } catch (e) {
        bad.push(`explain ${what} failed: ${(e as { stderr?: string }).stderr ?? e}`);
        continue;
      }
      for (const re of patterns) if (!re.test(out)) bad.push(`explain ${what}: no ${re} in\n${out}`);
    }
    assert.deepEqual(bad, []);
  } finally {
    rec.close();
  }
});

test("kubectl apply validates through our OpenAPI and computes strategic merge patches from it", { skip: !existsSync(KUBECTL) }, async () => {
  const rec = await startRecorder(kindRegistry);
  try {
    const kubectl = (args: string[]) => run(KUBECTL, ["--kubeconfig", rec.kubeconfig, "--cache-dir", rec.cacheDir, ...args], { timeout: 20000 });
    const file = join(rec.cacheDir, "..", "m.yaml");
    const manifests: [string, (v: string) => string][] = [
      [
        "deployment",
        (image) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
        env: [{name: A, value: "1"}]
        resources: {limits: {cpu: 100m}}
        readinessProbe: {httpGet: {path: /, port: 80}}
      volumes: [{name: data, emptyDir: {}}]
`,
      ],
      [
        "networkpolicy",
        (port) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {role: client}}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
    ports: [{port: ${port}, protocol: TCP}]
`,
      ],
      [
        "service",
        (port) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{name: http, port: ${port}, targetPort: 80}]
`,
      ],
      [
        "pod",
        (image) => `apiVersion: v1
kind: Pod
metadata: {name: client, labels: {role: client}}
spec:
  containers:
  - name: c
    image: ${image}
    command: [sleep, "3600"]
    securityContext: {runAsNonRoot: true, runAsUser: 1000, capabilities: {drop: [ALL]}}
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
  volumes: [{name: cfg, configMap: {name: cfg, items: [{key: a, path: a.txt}]}}]
  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]}]}}}
  tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
`,
      ],
      [
        "ingress",
        (path) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}}
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: ${path}, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
      ],
      [
        "configmap",
        (v) => `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {a: "${v}"}
`,
      ],
    ];
    const values: Record<string, [string, string]> = {
      deployment: ["nginx:1.26", "nginx:1.27"],
      networkpolicy: ["80", "8080"],
      service: ["80", "8080"],
      pod: ["busybox:1.36", "busybox:1.37"],
      ingress: ["/", "/app"],
      configmap: ["1", "2"],
    };
    const bad: string[] = [];
    for (const [name, render] of manifests) {
      const [v1, v2] = values[name];
      for (const [i, v] of [v1, v2].entries()) {
        writeFileSync(file, render(v));
        const before = rec.recorded.length;
        let stderr = "";
        try {
          stderr = (await kubectl(["apply", "-f", file])).stderr;
        } catch (e) {
          bad.push(`apply ${name} #${i + 1} failed: ${(e as { stderr?: string }).stderr ?? e}`);
          continue;
        }
        if (/warning|error/i.test(stderr)) bad.push(`apply ${name} #${i + 1} stderr: ${stderr}`);
        const write = rec.recorded.slice(before).find((r) => r.method !== "GET");
        const wantMethod = i === 0 ? "POST" : "PATCH";
        if (write?.method !== wantMethod) bad.push(`apply ${name} #${i + 1}: ${write?.method}, want ${wantMethod}`);
        if (!write?.query.includes("fieldValidation=Strict")) bad.push(`apply ${name} #${i + 1}: no fieldValidation=Strict in ${write?.query}`);
        if (i === 1 && write?.contentType !== "application/strategic-merge-patch+json") bad.push(`apply ${name} #2: content type ${write?.contentType}`);
        if (i === 1 && name === "deployment" && !write?.body.toString().includes('"$setElementOrder/containers"')) bad.push(`apply deployment #2: patch ${write?.body}`);
      }
    }
    assert.deepEqual(bad, []);
  } finally {
    rec.close();
  }
});
