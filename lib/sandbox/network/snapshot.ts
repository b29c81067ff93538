// A read-only view of the cluster's network-relevant objects (pods, namespaces, nodes, Services,
// EndpointSlices, NetworkPolicies, Ingresses, IngressClasses), indexed for lookups by IP, port and
// namespace. Built once per change of those kinds (a watch on the store marks it stale; the store's
// resourceVersion keys it), so a verdict costs a few map lookups even with hundreds of pods and
// policies, the way a CNI agent keeps compiled state rather than re-reading the API per packet.
import type { Store } from "../store/store";
import type { K8sObject, ResourceRef } from "../types";
import type { Protocol } from "./types";
import { compilePolicy, type CompiledPolicy } from "./policy-compile";
import type { Labels } from "../labels";

export const refs = {
  pods: { group: "", resource: "pods" },
  namespaces: { group: "", resource: "namespaces" },
  nodes: { group: "", resource: "nodes" },
  services: { group: "", resource: "services" },
  endpointslices: { group: "discovery.k8s.io", resource: "endpointslices" },
  networkpolicies: { group: "networking.k8s.io", resource: "networkpolicies" },
  ingresses: { group: "networking.k8s.io", resource: "ingresses" },
  ingressclasses: { group: "networking.k8s.io", resource: "ingressclasses" },
} satisfies Record<string, ResourceRef>;

const watched = new Set(Object.values(refs).map((r) => `${r.group}/${r.resource}`));

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface PodInfo {
  obj: K8sObject;
  uid: string;
  ns: string;
  name: string;
  key: string;
  labels: Labels;
  /** The pod's own address (the node's for hostNetwork pods). */
  ip?: string;
  ips: string[];
  nodeName?: string;
  hostNetwork: boolean;
  ports: ContainerPort[];
}

export interface NodeInfo {
  name: string;
  ip: string;
  podCIDR?: string;
  ready: boolean;
}

export interface ServicePort {
  name: string;
  port: number;
  protocol: Protocol;
  targetPort: number | string;
  nodePort?: number;
}

export interface ServiceInfo {
  obj: K8sObject;
  ns: string;
  name: string;
  key: string;
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  clusterIPs: string[];
  headless: boolean;
  ports: ServicePort[];
  selector?: Record<string, string>;
  externalName?: string;
  loadBalancerIPs: string[];
  externalTrafficPolicy: "Cluster" | "Local";
  internalTrafficPolicy: "Cluster" | "Local";
  sessionAffinity: "None" | "ClientIP";
  affinityTimeoutSeconds: number;
  publishNotReadyAddresses: boolean;
}

export interface EndpointInfo {
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  pod?: PodInfo;
  /** Port name → port number/protocol, from the slice that holds this endpoint. */
  ports: { name: string; port: number; protocol: Protocol }[];
}

export interface Snapshot {
  rv: number;
  namespaceLabels: Map<string, Labels>;
  pods: PodInfo[];
  podsByNs: Map<string, PodInfo[]>;
  /** Pod IP → pod, for pods on the pod network (hostNetwork pods share their node's IP and are not here). */
  podByIP: Map<string, PodInfo>;
  podByUid: Map<string, PodInfo>;
  nodes: NodeInfo[];
  nodeByName: Map<string, NodeInfo>;
  nodeByIP: Map<string, NodeInfo>;
  services: ServiceInfo[];
  serviceByKey: Map<string, ServiceInfo>;
  serviceByClusterIP: Map<string, ServiceInfo>;
  serviceByNodePort: Map<string, ServiceInfo>;
  servicesByLoadBalancerIP: Map<string, ServiceInfo[]>;
  endpointsByService: Map<string, EndpointInfo[]>;
  policies: CompiledPolicy[];
  policiesByNs: Map<string, CompiledPolicy[]>;
  ingresses: K8sObject[];
  ingressClasses: K8sObject[];
  /** Per-pod cache of the policies selecting it, filled on first use (see policy.ts). */
  selectionCache: Map<string, { ingress: CompiledPolicy[]; egress: CompiledPolicy[] }>;
}

export const nodePortKey = (port: number, protocol: Protocol): string => `${port}/${protocol}`;

function protocolOf(p: unknown): Protocol {
  return p === "UDP" || p === "SCTP" ? p : "TCP";
}

function podInfo(p: K8sObject, nodeByName: Map<string, NodeInfo>): PodInfo {
  const ns = p.metadata.namespace ?? "default";
  const hostNetwork = !!p.spec?.hostNetwork;
  const ips: string[] = (p.status?.podIPs ?? []).map((x: { ip: string }) => x.ip).filter(Boolean);
  if (p.status?.podIP && !ips.includes(p.status.podIP)) ips.unshift(p.status.podIP);
  let ip: string | undefined = ips[0];
  if (hostNetwork && !ip && p.spec?.nodeName) ip = nodeByName.get(p.spec.nodeName)?.ip;
  const ports: ContainerPort[] = [];
  for (const c of [...(p.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === "Always"), ...(p.spec?.containers ?? [])]) {
    for (const cp of c.ports ?? []) ports.push({ name: cp.name, containerPort: cp.containerPort, protocol: protocolOf(cp.protocol) });
  }
  return {
    obj: p,
    uid: p.metadata.uid ?? `${ns}/${p.metadata.name}`,
    ns,
    name: p.metadata.name!,
    key: `${ns}/${p.metadata.name}`,
    labels: p.metadata.labels ?? {},
    ip,
    ips: ip && !ips.length ? [ip] : ips,
    nodeName: p.spec?.nodeName,
    hostNetwork,
    ports,
  };
}

/** A pod that no longer runs (Succeeded/Failed) has given its IP back, as the CNI's IPAM does. */
const holdsIP = (p: K8sObject): boolean => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";

function nodeInfo(n: K8sObject): NodeInfo {
  const addrs: { type: string; address: string }[] = n.status?.addresses ?? [];
  const ip = addrs.find((a) => a.type === "InternalIP")?.address ?? addrs.find((a) => a.type === "ExternalIP")?.address ?? "";
  const ready = (n.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True");
  return { name: n.metadata.name!, ip, podCIDR: n.spec?.podCIDR, ready };
}

function serviceInfo(s: K8sObject): ServiceInfo {
  const ns = s.metadata.namespace ?? "default";
  const spec = s.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  const clusterIPs: string[] = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  const headless = clusterIPs[0] === "None";
  return {
    obj: s,
    ns,
    name: s.metadata.name!,
    key: `${ns}/${s.metadata.name}`,
    type,
    clusterIPs: headless || type === "ExternalName" ? [] : clusterIPs.filter((ip) => ip && ip !== "None"),
    headless,
    ports: (spec.ports ?? []).map((p: any) => ({
      name: p.name ?? "",
      port: p.port,
      protocol: protocolOf(p.protocol),
      targetPort: p.targetPort ?? p.port,
      nodePort: p.nodePort,
    })),
    selector: spec.selector,
    externalName: spec.externalName,
    loadBalancerIPs: type === "LoadBalancer" ? (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).filter(Boolean) : [],
    externalTrafficPolicy: spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster",
    internalTrafficPolicy: spec.internalTrafficPolicy === "Local" ? "Local" : "Cluster",
    sessionAffinity: spec.sessionAffinity === "ClientIP" ? "ClientIP" : "None",
    affinityTimeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
    publishNotReadyAddresses: !!spec.publishNotReadyAddresses,
  };
}

export function buildSnapshot(store: Store): Snapshot {
  return buildSnapshotFrom((ref) => store.list(ref), store.resourceVersion);
}

const refByKind: Record<string, ResourceRef> = {
  Pod: refs.pods,
  Namespace: refs.namespaces,
  Node: refs.nodes,
  Service: refs.services,
  EndpointSlice: refs.endpointslices,
  NetworkPolicy: refs.networkpolicies,
  Ingress: refs.ingresses,
  IngressClass: refs.ingressclasses,
};

/**
 * A snapshot from plain objects (e.g. `kubectl get pods,ns,netpol,svc,endpointslices,nodes -A -o json`
 * items from a real cluster), so the grader explains a kind cluster's verdicts with this same engine.
 * Objects of other kinds are ignored; `kind` must be set on each object.
 */
export function snapshotFromObjects(objects: K8sObject[]): Snapshot {
  const byRef = new Map<ResourceRef, K8sObject[]>();
  for (const o of objects) {
    const ref = refByKind[o.kind ?? ""];
    if (ref) byRef.set(ref, [...(byRef.get(ref) ?? []), o]);
  }
  return buildSnapshotFrom((ref) => byRef.get(ref) ?? [], 0);
}

export function buildSnapshotFrom(list: (ref: ResourceRef) => K8sObject[], rv: number): Snapshot {
  const namespaceLabels = new Map<string, Labels>();
  for (const n of list(refs.namespaces)) {
    // The API server always sets kubernetes.io/metadata.name (immutable); policies rely on it.
    namespaceLabels.set(n.metadata.name!, { ...(n.metadata.labels ?? {}), "kubernetes.io/metadata.name": n.metadata.name! });
  }
  const nodes = list(refs.nodes).map(nodeInfo);
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const nodeByIP = new Map(nodes.filter((n) => n.ip).map((n) => [n.ip, n]));

  const pods = list(refs.pods).filter(holdsIP).map((p) => podInfo(p, nodeByName));
  const podsByNs = new Map<string, PodInfo[]>();
  const podByIP = new Map<string, PodInfo>();
  const podByUid = new Map<string, PodInfo>();
  for (const p of pods) {
    if (!namespaceLabels.has(p.ns)) namespaceLabels.set(p.ns, { "kubernetes.io/metadata.name": p.ns });
    let list = podsByNs.get(p.ns);
    if (!list) podsByNs.set(p.ns, (list = []));
    list.push(p);
    podByUid.set(p.uid, p);
    if (!p.hostNetwork) for (const ip of p.ips) podByIP.set(ip, p);
  }

  const services = list(refs.services).map(serviceInfo);
  const serviceByKey = new Map(services.map((s) => [s.key, s]));
  const serviceByClusterIP = new Map<string, ServiceInfo>();
  const serviceByNodePort = new Map<string, ServiceInfo>();
  const servicesByLoadBalancerIP = new Map<string, ServiceInfo[]>();
  for (const s of services) {
    for (const ip of s.clusterIPs) serviceByClusterIP.set(ip, s);
    if (s.type === "NodePort" || s.type === "LoadBalancer") for (const p of s.ports) if (p.nodePort) serviceByNodePort.set(nodePortKey(p.nodePort, p.protocol), s);
    for (const ip of s.loadBalancerIPs) servicesByLoadBalancerIP.set(ip, [...(servicesByLoadBalancerIP.get(ip) ?? []), s]);
  }

  const endpointsByService = new Map<string, EndpointInfo[]>();
  for (const slice of list(refs.endpointslices)) {
    const svc = slice.metadata.labels?.["kubernetes.io/service-name"];
    if (!svc || (slice.addressType && slice.addressType !== "IPv4")) continue;
    const key = `${slice.metadata.namespace}/${svc}`;
    const ports = (slice.ports ?? []).map((p: any) => ({ name: p.name ?? "", port: p.port, protocol: protocolOf(p.protocol) }));
    const list = endpointsByService.get(key) ?? [];
    for (const e of slice.endpoints ?? []) {
      const c = e.conditions ?? {};
      // discovery/v1: a nil ready/serving condition means "unknown", to be treated as true.
      const ready = c.ready !== false;
      for (const ip of e.addresses ?? []) {
        list.push({
          ip,
          ready,
          serving: c.serving ?? ready,
          terminating: !!c.terminating,
          nodeName: e.nodeName,
          hostname: e.hostname,
          pod: podByIP.get(ip),
          ports,
        });
      }
    }
    endpointsByService.set(key, list);
  }

  const policies = list(refs.networkpolicies)
    .map(compilePolicy)
    .sort((a, b) => a.ns.localeCompare(b.ns) || a.name.localeCompare(b.name));
  const policiesByNs = new Map<string, CompiledPolicy[]>();
  for (const p of policies) policiesByNs.set(p.ns, [...(policiesByNs.get(p.ns) ?? []), p]);

  return {
    rv,
    namespaceLabels,
    pods,
    podsByNs,
    podByIP,
    podByUid,
    nodes,
    nodeByName,
    nodeByIP,
    services,
    serviceByKey,
    serviceByClusterIP,
    serviceByNodePort,
    servicesByLoadBalancerIP,
    endpointsByService,
    policies,
    policiesByNs,
    ingresses: list(refs.ingresses),
    ingressClasses: list(refs.ingressclasses),
    selectionCache: new Map(),
  };
}

/**
 * Keeps one snapshot per store generation. A store watch marks it stale only when a kind the
 * network reads changes, so Leases and Events (which change all the time) cost nothing.
 */
export function snapshotSource(store: Store): () => Snapshot {
  let current: Snapshot | undefined;
  let stale = true;
  let subscribed = false;
  return () => {
    if (!subscribed) {
      store.watch((e) => {
        if (watched.has(`${e.ref.group}/${e.ref.resource}`)) stale = true;
      });
      subscribed = true;
    }
    if (!current || stale) {
      stale = false;
      current = buildSnapshot(store);
    }
    return current;
  };
}
