// Table cells as upstream's printers compute them (pkg/printers/internalversion/printers.go),
// one truth table across kinds, plus the column sets kubectl prints headers from.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { K8sObject } from "../types";
import { kindRegistry } from "./index";

const NOW = new Date("2026-01-01T01:00:00Z");
const created = "2026-01-01T00:59:53Z"; // 7s before NOW
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: "default", creationTimestamp: created, ...extra });
const running = (name: string, restartCount = 0, lastState: any = {}) => ({ name, ready: true, restartCount, state: { running: { startedAt: created } }, lastState, image: "nginx", imageID: "", started: true });
const waiting = (name: string, reason: string, restartCount = 0, lastState: any = {}) => ({ name, ready: false, restartCount, state: { waiting: { reason } }, lastState, image: "nginx", imageID: "" });

type Case = [string, string, string, K8sObject, unknown[]];

const cases: Case[] = [
  ["pod running", "", "Pod", { metadata: meta("web"), spec: { containers: [{ name: "web" }], nodeName: "kind-worker" }, status: { phase: "Running", podIP: "10.244.1.5", podIPs: [{ ip: "10.244.1.5" }], containerStatuses: [running("web")] } }, ["web", "1/1", "Running", "0", "7s", "10.244.1.5", "kind-worker", "<none>", "<none>"]],
  ["pod pending", "", "Pod", { metadata: meta("web"), spec: { containers: [{ name: "web" }] }, status: { phase: "Pending" } }, ["web", "0/1", "Pending", "0", "7s", "<none>", "<none>", "<none>", "<none>"]],
  ["pod container creating", "", "Pod", { metadata: meta("web"), spec: { containers: [{ name: "web" }], nodeName: "kind-worker" }, status: { phase: "Pending", containerStatuses: [waiting("web", "ContainerCreating")] } }, ["web", "0/1", "ContainerCreating", "0", "7s", "<none>", "kind-worker", "<none>", "<none>"]],
  ["pod image pull backoff", "", "Pod", { metadata: meta("web"), spec: { containers: [{ name: "web" }] }, status: { phase: "Pending", containerStatuses: [waiting("web", "ImagePullBackOff")] } }, ["web", "0/1", "ImagePullBackOff", "0", "7s", "<none>", "<none>", "<none>", "<none>"]],
  [
    "pod crash loop with restarts ago",
    "",
    "Pod",
    { metadata: meta("web"), spec: { containers: [{ name: "web" }] }, status: { phase: "Running", containerStatuses: [waiting("web", "CrashLoopBackOff", 3, { terminated: { exitCode: 1, reason: "Error", finishedAt: "2026-01-01T00:59:55Z" } })] } },
    ["web", "0/1", "CrashLoopBackOff", "3 (5s ago)", "7s", "<none>", "<none>", "<none>", "<none>"],
  ],
  ["pod restarted and running", "", "Pod", { metadata: meta("web"), spec: { containers: [{ name: "web" }] }, status: { phase: "Running", containerStatuses: [running("web", 1, { terminated: { exitCode: 137, finishedAt: "2026-01-01T00:58:00Z" } })] } }, ["web", "1/1", "Running", "1 (2m ago)", "7s", "<none>", "<none>", "<none>", "<none>"]],
  ["pod completed", "", "Pod", { metadata: meta("job"), spec: { containers: [{ name: "c" }] }, status: { phase: "Succeeded", containerStatuses: [{ name: "c", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] } }, ["job", "0/1", "Completed", "0", "7s", "<none>", "<none>", "<none>", "<none>"]],
  ["pod terminating", "", "Pod", { metadata: meta("web", { deletionTimestamp: "2026-01-01T01:00:30Z" }), spec: { containers: [{ name: "web" }] }, status: { phase: "Running", containerStatuses: [running("web")] } }, ["web", "1/1", "Terminating", "0", "7s", "<none>", "<none>", "<none>", "<none>"]],
  ["pod init", "", "Pod", { metadata: meta("web"), spec: { initContainers: [{ name: "i" }], containers: [{ name: "web" }] }, status: { phase: "Pending", initContainerStatuses: [waiting("i", "PodInitializing")] } }, ["web", "0/1", "Init:0/1", "0", "7s", "<none>", "<none>", "<none>", "<none>"]],
  ["deployment", "apps", "Deployment", { metadata: meta("web"), spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }, ["web", "2/3", 3, 2, "7s", "nginx", "nginx:1.27", "app=web"]],
  ["replicaset", "apps", "ReplicaSet", { metadata: meta("web-5d8f"), spec: { replicas: 2, selector: { matchLabels: { app: "web", "pod-template-hash": "5d8f" } }, template: { spec: { containers: [{ name: "nginx", image: "nginx" }] } } }, status: { replicas: 2, readyReplicas: 1 } }, ["web-5d8f", 2, 2, 1, "7s", "nginx", "nginx", "app=web,pod-template-hash=5d8f"]],
  ["service clusterip", "", "Service", { metadata: meta("web"), spec: { type: "ClusterIP", clusterIP: "10.96.4.2", clusterIPs: ["10.96.4.2"], ports: [{ port: 80, protocol: "TCP" }], selector: { app: "web" } } }, ["web", "ClusterIP", "10.96.4.2", "<none>", "80/TCP", "7s", "app=web"]],
  ["service nodeport", "", "Service", { metadata: meta("web"), spec: { type: "NodePort", clusterIPs: ["10.96.4.2"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }] } }, ["web", "NodePort", "10.96.4.2", "<none>", "80:30080/TCP,53/UDP", "7s", "<none>"]],
  ["service lb pending", "", "Service", { metadata: meta("web"), spec: { type: "LoadBalancer", clusterIPs: ["10.96.4.2"], ports: [{ port: 80, nodePort: 31000, protocol: "TCP" }] }, status: { loadBalancer: {} } }, ["web", "LoadBalancer", "10.96.4.2", "<pending>", "80:31000/TCP", "7s", "<none>"]],
  ["service lb assigned", "", "Service", { metadata: meta("web"), spec: { type: "LoadBalancer", clusterIPs: ["10.96.4.2"], ports: [{ port: 80, nodePort: 31000, protocol: "TCP" }] }, status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } } }, ["web", "LoadBalancer", "10.96.4.2", "172.18.255.200", "80:31000/TCP", "7s", "<none>"]],
  ["service headless", "", "Service", { metadata: meta("db"), spec: { type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 5432, protocol: "TCP" }] } }, ["db", "ClusterIP", "None", "<none>", "5432/TCP", "7s", "<none>"]],
  ["service externalname", "", "Service", { metadata: meta("ext"), spec: { type: "ExternalName", externalName: "example.com" } }, ["ext", "ExternalName", "<none>", "example.com", "<none>", "7s", "<none>"]],
  ["endpoints", "", "Endpoints", { metadata: meta("web"), subsets: [{ addresses: [{ ip: "10.244.1.5" }, { ip: "10.244.2.6" }, { ip: "10.244.1.7" }, { ip: "10.244.2.8" }], ports: [{ port: 80 }] }] }, ["web", "10.244.1.5:80,10.244.2.6:80,10.244.1.7:80 + 1 more...", "7s"]],
  ["endpoints none ready", "", "Endpoints", { metadata: meta("web"), subsets: [{ notReadyAddresses: [{ ip: "10.244.1.5" }], ports: [{ port: 80 }] }] }, ["web", "<none>", "7s"]],
  ["endpointslice", "discovery.k8s.io", "EndpointSlice", { metadata: meta("web-abcde"), addressType: "IPv4", ports: [{ port: 80, name: "http" }], endpoints: [{ addresses: ["10.244.1.5"] }, { addresses: ["10.244.2.6"] }] }, ["web-abcde", "IPv4", "80", "10.244.1.5,10.244.2.6", "7s"]],
  ["endpointslice empty", "discovery.k8s.io", "EndpointSlice", { metadata: meta("web-abcde"), addressType: "IPv4", endpoints: [] }, ["web-abcde", "IPv4", "<unset>", "<unset>", "7s"]],
  ["networkpolicy", "networking.k8s.io", "NetworkPolicy", { metadata: meta("allow"), spec: { podSelector: { matchLabels: { app: "db" } } } }, ["allow", "app=db", "7s"]],
  ["networkpolicy all pods", "networking.k8s.io", "NetworkPolicy", { metadata: meta("deny"), spec: { podSelector: {} } }, ["deny", "<none>", "7s"]],
  ["ingress", "networking.k8s.io", "Ingress", { metadata: meta("ing"), spec: { ingressClassName: "nginx", rules: [{ host: "a.example.com" }, { host: "b.example.com" }], tls: [{ hosts: ["a.example.com"] }] }, status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } } }, ["ing", "nginx", "a.example.com,b.example.com", "172.18.255.200", "80, 443", "7s"]],
  ["ingress no class no host", "networking.k8s.io", "Ingress", { metadata: meta("ing"), spec: { rules: [{ http: { paths: [] } }] } }, ["ing", "<none>", "*", "", "80", "7s"]],
  ["ingressclass", "networking.k8s.io", "IngressClass", { metadata: meta("nginx"), spec: { controller: "k8s.io/ingress-nginx" } }, ["nginx", "k8s.io/ingress-nginx", "<none>", "7s"]],
  [
    "event",
    "",
    "Event",
    { metadata: meta("web.1"), type: "Normal", reason: "Scheduled", involvedObject: { kind: "Pod", name: "web" }, message: "Successfully assigned default/web to kind-worker", source: { component: "default-scheduler" }, firstTimestamp: "2026-01-01T00:59:00Z", lastTimestamp: "2026-01-01T00:59:50Z", count: 2 },
    ["10s", "Normal", "Scheduled", "pod/web", "", "default-scheduler", "Successfully assigned default/web to kind-worker", "60s", 2, "web.1"],
  ],
  ["event from kubelet", "", "Event", { metadata: meta("web.2"), type: "Normal", reason: "Pulled", involvedObject: { kind: "Pod", name: "web", fieldPath: "spec.containers{web}" }, message: "ok", source: { component: "kubelet", host: "kind-worker" }, firstTimestamp: created }, ["7s", "Normal", "Pulled", "pod/web", "spec.containers{web}", "kubelet, kind-worker", "ok", "7s", 1, "web.2"]],
  ["namespace", "", "Namespace", { metadata: meta("default"), status: { phase: "Active" } }, ["default", "Active", "7s"]],
  [
    "node control plane",
    "",
    "Node",
    {
      metadata: meta("kind-control-plane", { labels: { "node-role.kubernetes.io/control-plane": "" } }),
      spec: {},
      status: { conditions: [{ type: "Ready", status: "True" }], addresses: [{ type: "InternalIP", address: "10.89.0.2" }, { type: "Hostname", address: "kind-control-plane" }], nodeInfo: { kubeletVersion: "v1.32.2", osImage: "Debian GNU/Linux 12 (bookworm)", kernelVersion: "6.1.0", containerRuntimeVersion: "containerd://2.0.2" } },
    },
    ["kind-control-plane", "Ready", "control-plane", "7s", "v1.32.2", "10.89.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0", "containerd://2.0.2"],
  ],
  ["node cordoned worker", "", "Node", { metadata: meta("kind-worker"), spec: { unschedulable: true }, status: { conditions: [{ type: "Ready", status: "False" }], nodeInfo: { kubeletVersion: "v1.32.2" } } }, ["kind-worker", "NotReady,SchedulingDisabled", "<none>", "7s", "v1.32.2", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]],
  ["configmap", "", "ConfigMap", { metadata: meta("cfg"), data: { a: "1", b: "2" }, binaryData: { c: "AA==" } }, ["cfg", 3, "7s"]],
  ["secret", "", "Secret", { metadata: meta("tls"), type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } }, ["tls", "kubernetes.io/tls", 2, "7s"]],
  ["serviceaccount", "", "ServiceAccount", { metadata: meta("default") }, ["default", 0, "7s"]],
  ["lease", "coordination.k8s.io", "Lease", { metadata: meta("kind-worker"), spec: { holderIdentity: "kind-worker" } }, ["kind-worker", "kind-worker", "7s"]],
  ["statefulset", "apps", "StatefulSet", { metadata: meta("db"), spec: { replicas: 3, template: { spec: { containers: [{ name: "pg", image: "postgres" }] } } }, status: { readyReplicas: 1 } }, ["db", "1/3", "7s", "pg", "postgres"]],
  ["job", "batch", "Job", { metadata: meta("pi"), spec: { completions: 1, template: { spec: { containers: [{ name: "pi", image: "perl" }] } } }, status: { succeeded: 0, startTime: "2026-01-01T00:59:57Z" } }, ["pi", "Running", "0/1", "3s", "7s", "pi", "perl", "<none>"]],
  ["hpa", "autoscaling", "HorizontalPodAutoscaler", { metadata: meta("web"), spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }] }, status: { currentReplicas: 1 } }, ["web", "Deployment/web", "cpu: <unknown>/80%", "1", 5, 1, "7s"]],
];

test("row() computes the cells upstream's printers do", () => {
  const bad: string[] = [];
  for (const [name, group, kind, obj, want] of cases) {
    const def = kindRegistry.byKind(group, kind)!;
    const got = def.row(obj, NOW);
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${name}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
    if (got.length !== def.columns.length) bad.push(`${name}: ${got.length} cells for ${def.columns.length} columns`);
  }
  assert.deepEqual(bad, []);
});

test("column sets: names, wide-only columns, and the name format", () => {
  const cases: [string, string, string][] = [
    ["", "Pod", "Name Ready Status Restarts Age *IP *Node *Nominated Node *Readiness Gates"],
    ["apps", "Deployment", "Name Ready Up-to-date Available Age *Containers *Images *Selector"],
    ["apps", "ReplicaSet", "Name Desired Current Ready Age *Containers *Images *Selector"],
    ["", "Service", "Name Type Cluster-IP External-IP Port(s) Age *Selector"],
    ["networking.k8s.io", "NetworkPolicy", "Name Pod-Selector Age"],
    ["networking.k8s.io", "Ingress", "Name Class Hosts Address Ports Age"],
    ["", "Event", "Last Seen Type Reason Object *Subobject *Source Message *First Seen *Count *Name"],
    ["", "Namespace", "Name Status Age"],
    ["", "Node", "Name Status Roles Age Version *Internal-IP *External-IP *OS-Image *Kernel-Version *Container-Runtime"],
    ["", "Endpoints", "Name Endpoints Age"],
    ["discovery.k8s.io", "EndpointSlice", "Name AddressType Ports Endpoints Age"],
    ["", "ConfigMap", "Name Data Age"],
    ["", "Secret", "Name Type Data Age"],
    ["batch", "CronJob", "Name Schedule Timezone Suspend Active Last Schedule Age *Containers *Images *Selector"],
  ];
  const bad: string[] = [];
  for (const [group, kind, want] of cases) {
    const def = kindRegistry.byKind(group, kind)!;
    const got = def.columns.map((c) => `${c.priority ? "*" : ""}${c.name}`).join(" ");
    if (got !== want) bad.push(`${kind}: ${got}`);
    const nameCols = def.columns.filter((c) => c.format === "name").map((c) => c.name);
    if (JSON.stringify(nameCols) !== '["Name"]') bad.push(`${kind}: name-format columns ${JSON.stringify(nameCols)}`);
  }
  assert.deepEqual(bad, []);
});

test("discovery facts match a v1.32 cluster for the kinds kubectl get all and api-resources show", () => {
  const want: Record<string, [string, boolean, string[], string[]]> = {
    pods: ["Pod", true, ["po"], ["all"]],
    services: ["Service", true, ["svc"], ["all"]],
    deployments: ["Deployment", true, ["deploy"], ["all"]],
    replicasets: ["ReplicaSet", true, ["rs"], ["all"]],
    replicationcontrollers: ["ReplicationController", true, ["rc"], ["all"]],
    statefulsets: ["StatefulSet", true, ["sts"], ["all"]],
    daemonsets: ["DaemonSet", true, ["ds"], ["all"]],
    jobs: ["Job", true, [], ["all"]],
    cronjobs: ["CronJob", true, ["cj"], ["all"]],
    horizontalpodautoscalers: ["HorizontalPodAutoscaler", true, ["hpa"], ["all"]],
    namespaces: ["Namespace", false, ["ns"], []],
    nodes: ["Node", false, ["no"], []],
    networkpolicies: ["NetworkPolicy", true, ["netpol"], []],
    ingresses: ["Ingress", true, ["ing"], []],
    ingressclasses: ["IngressClass", false, [], []],
    endpoints: ["Endpoints", true, ["ep"], []],
    endpointslices: ["EndpointSlice", true, [], []],
    events: ["Event", true, ["ev"], []],
    configmaps: ["ConfigMap", true, ["cm"], []],
    secrets: ["Secret", true, [], []],
    serviceaccounts: ["ServiceAccount", true, ["sa"], []],
    leases: ["Lease", true, [], []],
    selfsubjectaccessreviews: ["SelfSubjectAccessReview", false, [], []],
    selfsubjectrulesreviews: ["SelfSubjectRulesReview", false, [], []],
    selfsubjectreviews: ["SelfSubjectReview", false, [], []],
  };
  const bad: string[] = [];
  const seen = new Set<string>();
  for (const k of kindRegistry.all()) {
    seen.add(k.plural);
    const w = want[k.plural];
    if (!w) {
      bad.push(`unexpected ${k.plural}`);
      continue;
    }
    const got: [string, boolean, string[], string[]] = [k.kind, k.namespaced, k.shortNames ?? [], k.categories ?? []];
    if (JSON.stringify(got) !== JSON.stringify(w)) bad.push(`${k.plural}: ${JSON.stringify(got)}`);
    if (kindRegistry.byResource(kindRegistry.refOf(k)) !== k) bad.push(`${k.plural}: byResource`);
  }
  for (const p of Object.keys(want)) if (!seen.has(p)) bad.push(`missing ${p}`);
  assert.deepEqual(bad, []);
});
