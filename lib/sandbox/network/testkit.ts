// Test-only helpers for the network's table-driven tests and its benchmark: a Store filled with
// hand-made nodes, namespaces, pods, Services and EndpointSlices, and a tiny Runtime that says
// which ports each pod listens on. Never used by the product path (the real runtime is the
// kubelet's, runtime/runtime.ts).
import { Store } from "../store/store";
import { createClock, type Clock } from "../clock";
import type { HttpRequest, HttpResponse, Listener } from "../images/types";
import type { ContainerRuntimeState, Runtime } from "../runtime/types";
import type { K8sObject } from "../types";
import type { Protocol } from "./types";
import { refs } from "./snapshot";
import { mapSelects } from "../labels";

export const kindNodes = [
  { name: "kind-control-plane", ip: "10.89.0.2", podCIDR: "10.244.0.0/24" },
  { name: "kind-worker", ip: "10.89.0.3", podCIDR: "10.244.1.0/24" },
  { name: "kind-worker2", ip: "10.89.0.4", podCIDR: "10.244.2.0/24" },
];

export class FakeRuntime implements Runtime {
  private readonly byPod = new Map<string, ContainerRuntimeState[]>();
  readonly logs: { podUid: string; container: string; line: string }[] = [];

  serve(pod: K8sObject, listeners: Listener[], handleHttp?: (port: number, req: HttpRequest) => HttpResponse): void {
    const uid = pod.metadata.uid!;
    const state: ContainerRuntimeState = {
      podUid: uid,
      name: pod.spec?.containers?.[0]?.name ?? "main",
      image: pod.spec?.containers?.[0]?.image ?? "test",
      process: { listeners, handleHttp, startupLogs: [] },
      restartCount: 0,
      ready: true,
      logs: [],
      previousLogs: [],
      followers: new Set(),
    };
    this.byPod.set(uid, [state]);
  }

  container(podUid: string, name: string): ContainerRuntimeState | undefined {
    return this.byPod.get(podUid)?.find((c) => c.name === name);
  }

  containers(podUid: string): ContainerRuntimeState[] {
    return this.byPod.get(podUid) ?? [];
  }

  log(podUid: string, container: string, line: string): void {
    this.logs.push({ podUid, container, line });
  }
}

export interface World {
  store: Store;
  runtime: FakeRuntime;
  clock: Clock;
}

export function newWorld(): World {
  const store = new Store();
  for (const n of kindNodes) {
    store.create(refs.nodes, {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: n.name, labels: { "kubernetes.io/hostname": n.name } },
      spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] },
      status: { addresses: [{ type: "InternalIP", address: n.ip }, { type: "Hostname", address: n.name }], conditions: [{ type: "Ready", status: "True" }] },
    });
  }
  for (const ns of ["default", "kube-system"]) addNamespace({ store } as World, ns);
  return { store, runtime: new FakeRuntime(), clock: createClock(1000) };
}

export function addNamespace(w: Pick<World, "store">, name: string, labels: Record<string, string> = {}): K8sObject {
  return w.store.create(refs.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } } });
}

export interface PodOpts {
  labels?: Record<string, string>;
  ip?: string;
  node?: string;
  /** Container ports (also what the fake runtime listens on unless `listen` says otherwise). */
  ports?: { name?: string; port: number; protocol?: Protocol; kind?: Listener["kind"] }[];
  listen?: boolean;
  hostNetwork?: boolean;
  spec?: Record<string, unknown>;
  http?: (port: number, req: HttpRequest) => HttpResponse;
}

export function addPod(w: World, ns: string, name: string, o: PodOpts = {}): K8sObject {
  const ports = o.ports ?? [];
  const pod = w.store.create(refs.pods, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, labels: o.labels ?? {} },
    spec: {
      nodeName: o.node ?? "kind-worker",
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
      containers: [{ name: "main", image: "test", ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol ?? "TCP" })) }],
      ...(o.spec ?? {}),
    },
    status: { phase: "Running", ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}) },
  });
  if (o.listen !== false) {
    w.runtime.serve(
      pod,
      ports.map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP", kind: p.kind ?? (p.protocol && p.protocol !== "TCP" ? (p.protocol.toLowerCase() as "udp" | "sctp") : "http") })),
      o.http,
    );
  }
  return pod;
}

export interface SvcOpts {
  type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: Protocol; nodePort?: number }[];
  spec?: Record<string, unknown>;
  lbIP?: string;
  /** Pods (by name) whose endpoints are not ready. */
  unready?: string[];
  /** Skip creating the EndpointSlice. */
  noSlice?: boolean;
}

/** A Service plus the EndpointSlice the EndpointSlice controller would write for it. */
export function addService(w: World, ns: string, name: string, o: SvcOpts = {}): K8sObject {
  const svc = w.store.create(refs.services, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns },
    spec: {
      type: o.type ?? "ClusterIP",
      ...(o.clusterIP ? { clusterIP: o.clusterIP, clusterIPs: [o.clusterIP] } : {}),
      ...(o.selector ? { selector: o.selector } : {}),
      ports: (o.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP", ...(p.nodePort ? { nodePort: p.nodePort } : {}) })),
      ...(o.spec ?? {}),
    },
    status: o.lbIP ? { loadBalancer: { ingress: [{ ip: o.lbIP, ipMode: "VIP" }] } } : {},
  });
  if (o.selector && !o.noSlice) writeSlice(w, svc, o.unready ?? []);
  return svc;
}

/** (Re)writes the Service's EndpointSlice from the pods its selector matches, resolving targetPort per pod. */
export function writeSlice(w: World, svc: K8sObject, unready: string[] = []): void {
  const ns = svc.metadata.namespace!;
  const pods = w.store.list(refs.pods, ns).filter((p) => mapSelects(svc.spec.selector, p.metadata.labels ?? {}) && p.status?.podIP);
  const ports = (svc.spec.ports ?? []).map((sp: any) => {
    const pod = pods[0];
    const tp = sp.targetPort;
    const num = typeof tp === "number" ? tp : pod?.spec.containers.flatMap((c: any) => c.ports ?? []).find((cp: any) => cp.name === tp)?.containerPort;
    return { name: sp.name ?? "", port: num, protocol: sp.protocol ?? "TCP" };
  });
  const name = `${svc.metadata.name}-abcde`;
  w.store.remove(refs.endpointslices, ns, name);
  w.store.create(refs.endpointslices, {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name, namespace: ns, labels: { "kubernetes.io/service-name": svc.metadata.name! } },
    addressType: "IPv4",
    endpoints: pods.map((p) => ({
      addresses: [p.status.podIP],
      conditions: { ready: !unready.includes(p.metadata.name!), serving: !unready.includes(p.metadata.name!), terminating: false },
      nodeName: p.spec.nodeName,
      ...(p.spec.hostname && p.spec.subdomain === svc.metadata.name ? { hostname: p.spec.hostname } : {}),
      targetRef: { kind: "Pod", namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
    })),
    ports,
  });
}

export function addPolicy(w: Pick<World, "store">, ns: string, name: string, spec: Record<string, unknown>): K8sObject {
  return w.store.create(refs.networkpolicies, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec });
}

/** CoreDNS as kind runs it: two pods in kube-system behind the kube-dns Service (10.96.0.10). */
export function addCoreDNS(w: World): K8sObject[] {
  const dnsPorts = [
    { name: "dns", port: 53, protocol: "UDP" as const, kind: "dns" as const },
    { name: "dns-tcp", port: 53, protocol: "TCP" as const, kind: "dns" as const },
    { name: "metrics", port: 9153, protocol: "TCP" as const, kind: "http" as const },
  ];
  const pods = [
    addPod(w, "kube-system", "coredns-668d6bf9bc-4xkqp", { labels: { "k8s-app": "kube-dns" }, ip: "10.244.0.2", node: "kind-control-plane", ports: dnsPorts }),
    addPod(w, "kube-system", "coredns-668d6bf9bc-9z7wd", { labels: { "k8s-app": "kube-dns" }, ip: "10.244.0.3", node: "kind-control-plane", ports: dnsPorts }),
  ];
  addService(w, "kube-system", "kube-dns", {
    clusterIP: "10.96.0.10",
    selector: { "k8s-app": "kube-dns" },
    ports: [
      { name: "dns", port: 53, targetPort: 53, protocol: "UDP" },
      { name: "dns-tcp", port: 53, targetPort: 53, protocol: "TCP" },
      { name: "metrics", port: 9153, targetPort: 9153 },
    ],
  });
  return pods;
}

/** A cyclic random source so tests that need Service load-balancing are deterministic. */
export function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
