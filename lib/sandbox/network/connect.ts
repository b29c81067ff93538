// The packet path of the simulated cluster: where an address leads (pod, Service VIP, NodePort,
// LoadBalancer IP, node, the outside world), kube-proxy's translation to one endpoint (iptables
// mode semantics), SNAT where upstream does it, then the source's egress and the destination's
// ingress NetworkPolicies, then whether anything listens. Each decision gives the outcome a tool
// would see (connected / refused at once / timeout / unreachable) and a sentence saying why.
import type { Clock } from "../clock";
import type { Runtime } from "../runtime/types";
import type { K8sObject } from "../types";
import type { ConnectRequest, ConnectResult, Protocol, Source } from "./types";
import type { EndpointInfo, NodeInfo, PodInfo, ServiceInfo, ServicePort, Snapshot } from "./snapshot";
import { nodePortKey } from "./snapshot";
import { describeEndpoint, endpointFor, evaluatePolicy, type PolicyEndpoint } from "./policy";
import { inCidr, isIPv4, isLoopback, isPublicIPv4 } from "./ip";
import { outsideAccepts, outsideNameFor } from "./outside";
import { nodeDaemonAt, type NodeDaemon } from "./node-daemons";

export const serviceCIDR = "10.96.0.0/16";
export const clusterPodCIDR = "10.244.0.0/16";
export const nodePortRange = { min: 30000, max: 32767 };

export type Mode = "connect" | "explain";

export interface ResolvedSource {
  ip: string;
  /** How policies see this source. */
  policy: PolicyEndpoint;
  /** The pod making the connection (also for hostNetwork pods). */
  pod?: PodInfo;
  nodeName?: string;
  external: boolean;
  label: string;
}

export interface NetworkOptions {
  /** Endpoint choice for Services without session affinity (iptables mode picks at random). */
  random?: () => number;
  /**
   * Treat every port of every pod as listening (no runtime to ask): for explaining a real
   * cluster's verdicts from its objects, where only the policy decision is wanted.
   */
  assumeListening?: boolean;
}

function protocolText(port: number, protocol: Protocol): string {
  return `${port}/${protocol}`;
}

export class PacketPath {
  private readonly affinity = new Map<string, { ip: string; until: number }>();
  private readonly random: () => number;

  private readonly assumeListening: boolean;

  constructor(
    private readonly cluster: { readonly runtime?: Runtime; readonly clock?: Pick<Clock, "now"> },
    readonly snapshot: () => Snapshot,
    opts: NetworkOptions = {},
  ) {
    this.random = opts.random ?? Math.random;
    this.assumeListening = !!opts.assumeListening;
  }

  resolveSource(snap: Snapshot, from: Source): ResolvedSource | { error: string } {
    if ("pod" in from) {
      const given = from.pod;
      const uid = given.metadata.uid;
      const pod = (uid && snap.podByUid.get(uid)) || snap.pods.find((p) => p.ns === (given.metadata.namespace ?? "default") && p.name === given.metadata.name);
      if (!pod) return { error: `pod ${given.metadata.namespace ?? "default"}/${given.metadata.name} does not exist or has no network` };
      if (pod.hostNetwork) {
        const node = pod.nodeName ? snap.nodeByName.get(pod.nodeName) : undefined;
        if (!node?.ip) return { error: `pod ${pod.key} is not on a node yet` };
        return { ip: node.ip, policy: { ip: node.ip, node }, pod, nodeName: node.name, external: false, label: `${pod.key} (hostNetwork on ${node.name})` };
      }
      if (!pod.ip) return { error: `pod ${pod.key} has no IP address yet` };
      return { ip: pod.ip, policy: { ip: pod.ip, pod }, pod, nodeName: pod.nodeName, external: false, label: `${pod.key} (${pod.ip})` };
    }
    if ("node" in from) {
      const node = snap.nodeByName.get(from.node);
      if (!node?.ip) return { error: `node ${from.node} does not exist` };
      return { ip: node.ip, policy: { ip: node.ip, node }, nodeName: node.name, external: false, label: `node ${node.name} (${node.ip})` };
    }
    if (!isIPv4(from.external)) return { error: `"${from.external}" is not an IPv4 address` };
    return { ip: from.external, policy: endpointFor(snap, from.external), external: true, label: from.external };
  }

  /** Is some container of this pod (or, for a node, some hostNetwork pod on it) listening? */
  private podListens(pod: PodInfo, port: number, protocol: Protocol): boolean {
    if (this.assumeListening) return true;
    for (const c of this.cluster.runtime?.containers(pod.uid) ?? []) {
      if (c.process?.listeners.some((l) => l.port === port && l.protocol === protocol)) return true;
    }
    return false;
  }

  /** A node process (kubelet, kube-apiserver, ...) or a hostNetwork pod listening on the node's IP. */
  nodeListens(snap: Snapshot, nodeName: string, port: number, protocol: Protocol): PodInfo | NodeDaemon | undefined {
    const daemon = nodeDaemonAt(snap, nodeName, port, protocol);
    if (daemon) return daemon;
    for (const p of snap.pods) if (p.hostNetwork && p.nodeName === nodeName && this.podListens(p, port, protocol)) return p;
    return undefined;
  }

  /** The last hop to a node's own IP: egress policy of the source (ipBlock only), then what listens. */
  private toNode(snap: Snapshot, src: ResolvedSource, policySrc: PolicyEndpoint, clientIp: string, node: NodeInfo, port: number, protocol: Protocol, via: ConnectResult["via"], viaText: string): ConnectResult {
    const pt = protocolText(port, protocol);
    const policy = evaluatePolicy(snap, policySrc, { ip: node.ip, node }, port, protocol);
    const base = { ...(via ? { via } : {}), target: { ip: node.ip, port }, policy, clientIp };
    if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.reason + viaText };
    const l = this.nodeListens(snap, node.name, port, protocol);
    if (!l) return { ...base, outcome: "refused", reason: `nothing listens on node ${node.name} (${node.ip}) port ${pt}${viaText}` };
    const what = typeof l === "string" ? l : l.key;
    return { ...base, ...(typeof l !== "string" ? { target: { pod: l.obj, ip: node.ip, port } } : {}), outcome: "connected", reason: `connected to ${what} on node ${node.name} (${node.ip}) port ${pt}${viaText}` };
  }

  run(req: ConnectRequest, mode: Mode): ConnectResult {
    const snap = this.snapshot();
    const src = this.resolveSource(snap, req.from);
    if ("error" in src) return { outcome: "unreachable", reason: src.error };
    const { to, port, protocol } = req;
    if (!isIPv4(to)) return { outcome: "unreachable", reason: `${to} is not an IPv4 address` };
    const pt = protocolText(port, protocol);

    if (isLoopback(to)) return this.loopback(snap, src, to, port, protocol);

    // From outside the cluster only node IPs, NodePorts and load balancer IPs are routed: the
    // host of a kind cluster has no route to the pod or Service CIDRs.
    if (src.external && (snap.serviceByClusterIP.has(to) || snap.podByIP.has(to) || inCidr(clusterPodCIDR, to) || inCidr(serviceCIDR, to))) {
      return { outcome: "timeout", clientIp: src.ip, reason: `${to} is a cluster-internal address: outside the cluster there is no route to it (use a NodePort or a LoadBalancer)` };
    }

    const svc = snap.serviceByClusterIP.get(to);
    if (svc) return this.viaService(snap, src, svc, { kind: "clusterIP", ip: to }, port, protocol, mode);

    const lbServices = snap.servicesByLoadBalancerIP.get(to);
    if (lbServices) {
      const lb = lbServices.find((s) => s.ports.some((p) => p.port === port && p.protocol === protocol)) ?? lbServices[0];
      return this.viaService(snap, src, lb, { kind: "loadBalancer", ip: to }, port, protocol, mode);
    }

    const node = snap.nodeByIP.get(to);
    if (node) {
      if (port >= nodePortRange.min && port <= nodePortRange.max) {
        const np = snap.serviceByNodePort.get(nodePortKey(port, protocol));
        if (np) return this.viaService(snap, src, np, { kind: "nodePort", ip: to, node: node.name }, port, protocol, mode);
      }
      return this.toNode(snap, src, src.policy, src.ip, node, port, protocol, undefined, "");
    }

    const pod = snap.podByIP.get(to);
    if (pod) return this.toPod(snap, src, src.policy, src.ip, pod, port, protocol, undefined, "");

    if (isPublicIPv4(to)) {
      const dst: PolicyEndpoint = { ip: to };
      const policy = evaluatePolicy(snap, src.policy, dst, port, protocol);
      const name = outsideNameFor(to);
      const label = name ? `${to} (${name})` : to;
      // Egress to the internet leaves through the node, masqueraded to the node's IP (kindnet's ip-masq).
      const base = { target: { ip: to, port, external: true }, policy, clientIp: src.nodeName ? (snap.nodeByName.get(src.nodeName)?.ip ?? src.ip) : src.ip };
      if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.reason };
      if (!outsideAccepts(to, port, protocol)) return { ...base, outcome: "timeout", reason: `${label} does not answer on port ${pt}: the outside world only answers TCP 80 and 443 and drops the rest` };
      return { ...base, outcome: "connected", reason: `connected to ${label} port ${pt} on the internet` };
    }

    if (this.isNodeGateway(snap, to)) {
      const policy = evaluatePolicy(snap, src.policy, { ip: to }, port, protocol);
      const base = { target: { ip: to, port, external: true }, policy, clientIp: src.ip };
      if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.reason };
      if (port === 53 && protocol !== "SCTP") return { ...base, outcome: "connected", reason: `connected to the node network's resolver ${to} port ${pt}` };
      return { ...base, outcome: "timeout", reason: `the node network's gateway ${to} drops traffic to port ${pt}` };
    }

    // Addresses nobody has. The policy verdict is still given (the grader's explanations use it).
    const policy = evaluatePolicy(snap, src.policy, { ip: to }, port, protocol);
    const base = { target: { ip: to, port }, policy, clientIp: src.ip };
    if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.reason };
    if (inCidr(serviceCIDR, to)) return { ...base, outcome: "timeout", reason: `no Service has the ClusterIP ${to}: kube-proxy has no rule for it and the packet is dropped` };
    if (inCidr(clusterPodCIDR, to)) return { ...base, outcome: "unreachable", reason: `no pod has the IP ${to} (no route to host)` };
    return { ...base, outcome: "timeout", reason: `nothing in the simulated world has the address ${to}; the packet is lost` };
  }

  /**
   * An ICMP echo (ping). Pod and node IPs answer (the kernel does, whatever listens), subject to
   * NetworkPolicy, where ICMP only passes rules without ports. Service ClusterIPs and load balancer
   * IPs are virtual: kube-proxy in iptables mode has no ICMP rule, so nothing answers. Public hosts
   * of the outside world answer.
   */
  ping(from: Source, to: string): ConnectResult {
    const snap = this.snapshot();
    const src = this.resolveSource(snap, from);
    if ("error" in src) return { outcome: "unreachable", reason: src.error };
    if (!isIPv4(to)) return { outcome: "unreachable", reason: `${to} is not an IPv4 address` };
    if (isLoopback(to) || to === src.ip) return { outcome: "connected", target: { ip: to, port: 0 }, clientIp: to, reason: `${to} is this host` };
    const svc = snap.serviceByClusterIP.get(to) ?? snap.servicesByLoadBalancerIP.get(to)?.[0];
    if (svc) return { outcome: "timeout", via: { service: { namespace: svc.ns, name: svc.name } }, clientIp: src.ip, reason: `${to} is a virtual IP of Service ${svc.key}: kube-proxy only forwards the Service's ports, nothing answers ICMP` };
    const dst = endpointFor(snap, to);
    const policy = evaluatePolicy(snap, src.policy, dst, 0, "ICMP");
    const base = { target: { ...(dst.pod ? { pod: dst.pod.obj } : {}), ip: to, port: 0, ...(isPublicIPv4(to) ? { external: true } : {}) }, policy, clientIp: src.ip };
    if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.allowed ? policy.ingress.reason : policy.egress.reason };
    if (dst.pod || dst.node || isPublicIPv4(to) || this.isNodeGateway(snap, to)) return { ...base, outcome: "connected", reason: `${describeEndpoint(dst)} answers ICMP echo` };
    if (inCidr(clusterPodCIDR, to)) return { ...base, outcome: "unreachable", reason: `no pod has the IP ${to} (no route to host)` };
    return { ...base, outcome: "timeout", reason: `nothing in the simulated world has the address ${to}` };
  }

  /** The node network's gateway (x.y.z.1 of the nodes' network): the host, and the nodes' DNS resolver. */
  isNodeGateway(snap: Snapshot, ip: string): boolean {
    return snap.nodes.some((n) => n.ip && n.ip.replace(/\.\d+$/, ".1") === ip);
  }

  nodeGateway(snap: Snapshot): string | undefined {
    const n = snap.nodes.find((x) => x.ip);
    return n?.ip.replace(/\.\d+$/, ".1");
  }

  private loopback(snap: Snapshot, src: ResolvedSource, to: string, port: number, protocol: Protocol): ConnectResult {
    const pt = protocolText(port, protocol);
    if (src.pod && !src.pod.hostNetwork) {
      const ok = this.podListens(src.pod, port, protocol);
      return {
        outcome: ok ? "connected" : "refused",
        target: { pod: src.pod.obj, ip: to, port },
        clientIp: to,
        reason: ok ? `connected to ${to} port ${pt} inside ${src.pod.key}` : `nothing listens on ${to} port ${pt} inside ${src.pod.key}`,
      };
    }
    if (src.nodeName) {
      const l = this.nodeListens(snap, src.nodeName, port, protocol);
      return { outcome: l ? "connected" : "refused", target: { ...(l && typeof l !== "string" ? { pod: l.obj } : {}), ip: to, port }, clientIp: to, reason: l ? `connected to ${to} port ${pt} on node ${src.nodeName}` : `nothing listens on ${to} port ${pt} on node ${src.nodeName}` };
    }
    return { outcome: "refused", clientIp: to, reason: `nothing listens on ${to} port ${pt}` };
  }

  /** The last hop: policies on both ends (against the pod and its port), then the pod's listeners. */
  private toPod(snap: Snapshot, src: ResolvedSource, policySrc: PolicyEndpoint, clientIp: string, pod: PodInfo, port: number, protocol: Protocol, via: ConnectResult["via"], viaText: string): ConnectResult {
    const pt = protocolText(port, protocol);
    const dst: PolicyEndpoint = { ip: pod.ip!, pod };
    const policy = evaluatePolicy(snap, policySrc, dst, port, protocol);
    const base: Pick<ConnectResult, "via" | "target" | "policy" | "clientIp"> = { ...(via ? { via } : {}), target: { pod: pod.obj, ip: pod.ip!, port }, policy, clientIp };
    if (!policy.allowed) return { ...base, outcome: "timeout", reason: (policy.egress.allowed ? policy.ingress.reason : policy.egress.reason) + viaText };
    if (!this.podListens(pod, port, protocol)) return { ...base, outcome: "refused", reason: `nothing listens on ${describeEndpoint(dst)} port ${pt}${viaText}` };
    return { ...base, outcome: "connected", reason: `connected to ${describeEndpoint(dst)} port ${pt}${viaText}` };
  }

  /** kube-proxy: VIP/NodePort/LB IP + port → one endpoint, or reject/drop. */
  private viaService(
    snap: Snapshot,
    src: ResolvedSource,
    svc: ServiceInfo,
    entry: { kind: "clusterIP" | "nodePort" | "loadBalancer"; ip: string; node?: string },
    port: number,
    protocol: Protocol,
    mode: Mode,
  ): ConnectResult {
    const pt = protocolText(port, protocol);
    const svcPort = entry.kind === "nodePort" ? svc.ports.find((p) => p.nodePort === port && p.protocol === protocol) : svc.ports.find((p) => p.port === port && p.protocol === protocol);
    const via: ConnectResult["via"] = {
      service: { namespace: svc.ns, name: svc.name },
      ...(entry.kind === "nodePort" ? { nodePort: port } : {}),
      ...(entry.kind === "loadBalancer" ? { loadBalancer: entry.ip } : {}),
    };
    const where = entry.kind === "nodePort" ? `NodePort ${port} on node ${entry.node}` : entry.kind === "loadBalancer" ? `load balancer ${entry.ip}` : `ClusterIP ${entry.ip}`;
    if (!svcPort) {
      // iptables mode installs rules only for the Service's own ports; anything else to the VIP
      // matches nothing, is routed away and lost (ClusterIPs are not bound to any interface).
      return { outcome: "timeout", via, clientIp: src.ip, reason: `Service ${svc.key} has no port ${pt} on its ${where}: kube-proxy has no rule for it and the packet is dropped` };
    }
    // Traffic from outside the cluster to a NodePort/LB honours externalTrafficPolicy; traffic from
    // pods and nodes to a ClusterIP honours internalTrafficPolicy. Pod traffic to NodePorts and LB
    // IPs is treated as cluster traffic (kube-proxy short-circuits it), so "Local" does not apply.
    const external = entry.kind !== "clusterIP";
    const localOnly = external ? svc.externalTrafficPolicy === "Local" && src.external : svc.internalTrafficPolicy === "Local";
    const all = this.candidates(snap, svc, svcPort);
    if (all.length === 0) {
      // kube-proxy installs a REJECT rule for Services without endpoints (ICMP port unreachable).
      return { outcome: "refused", via, clientIp: src.ip, reason: `Service ${svc.key} has no ready endpoints${svc.selector ? ` (its selector ${Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(",")} matches no ready pod)` : ""}: kube-proxy rejects the connection` };
    }
    let receivingNode = entry.kind === "nodePort" ? entry.node : undefined;
    let cands = all;
    if (localOnly) {
      const localNode = external ? receivingNode : src.nodeName;
      cands = localNode ? all.filter((c) => c.ep.nodeName === localNode) : all;
      if (cands.length === 0) {
        return { outcome: "timeout", via, clientIp: src.ip, reason: `Service ${svc.key} has ${external ? "externalTrafficPolicy" : "internalTrafficPolicy"} Local and no ready endpoint on node ${localNode}: kube-proxy drops the packet` };
      }
    }
    const chosen = this.pick(svc, svcPort, cands, src.ip, mode);
    const pod = chosen.ep.pod;
    const viaText = ` via Service ${svc.key} (${where}, ${svcPort.port}/${protocol} → ${chosen.port})`;

    // SNAT. ClusterIP traffic from pods keeps its source, except hairpin traffic (a pod reaching
    // itself through its Service), which kube-proxy masquerades. NodePort/LB traffic with
    // externalTrafficPolicy Cluster is masqueraded to the receiving node's IP; the destination
    // node's filter sees that node IP when the endpoint is elsewhere, and the original client when
    // the endpoint is on the receiving node (the SNAT happens after the filter there).
    let policySrc = src.policy;
    let clientIp = src.ip;
    const masquerade = external && !(svc.externalTrafficPolicy === "Local" && src.external);
    if (masquerade) {
      if (!receivingNode) receivingNode = src.external ? chosen.ep.nodeName : (src.nodeName ?? chosen.ep.nodeName);
      const rn = receivingNode ? snap.nodeByName.get(receivingNode) : undefined;
      if (rn?.ip) {
        clientIp = rn.ip;
        if (chosen.ep.nodeName !== rn.name) policySrc = { ip: rn.ip, node: rn };
      }
    } else if (entry.kind === "clusterIP" && pod && src.pod && pod.uid === src.pod.uid && src.nodeName) {
      const n = snap.nodeByName.get(src.nodeName);
      if (n?.ip) clientIp = n.ip;
    }

    if (!pod) {
      // An endpoint that is not a pod on the pod network: a node (the `kubernetes` Service's
      // apiserver, hostNetwork pods) or an address from a hand-written EndpointSlice.
      const node = snap.nodeByIP.get(chosen.ep.ip);
      if (node) return this.toNode(snap, src, policySrc, clientIp, node, chosen.port, protocol, via, viaText);
      const policy = evaluatePolicy(snap, policySrc, endpointFor(snap, chosen.ep.ip), chosen.port, protocol);
      const external = isPublicIPv4(chosen.ep.ip);
      const base = { via, target: { ip: chosen.ep.ip, port: chosen.port, external }, policy, clientIp };
      if (!policy.allowed) return { ...base, outcome: "timeout", reason: policy.egress.reason + viaText };
      const ok = external && outsideAccepts(chosen.ep.ip, chosen.port, protocol);
      return { ...base, outcome: ok ? "connected" : "timeout", reason: ok ? `connected to ${chosen.ep.ip} port ${chosen.port}/${protocol}${viaText}` : `endpoint ${chosen.ep.ip} does not answer on ${chosen.port}/${protocol}${viaText}` };
    }
    return this.toPod(snap, src, policySrc, clientIp, pod, chosen.port, protocol, via, viaText);
  }

  /** Endpoints kube-proxy would use for one Service port: ready ones, else serving+terminating ones. */
  candidates(snap: Snapshot, svc: ServiceInfo, svcPort: ServicePort): { ep: EndpointInfo; port: number }[] {
    const eps = snap.endpointsByService.get(svc.key) ?? [];
    const withPort = (list: EndpointInfo[]) => {
      const out: { ep: EndpointInfo; port: number }[] = [];
      for (const ep of list) {
        const sp = ep.ports.find((p) => p.name === svcPort.name && p.protocol === svcPort.protocol);
        const port = sp ? sp.port : ep.ports.length === 0 ? resolveTargetPort(svcPort, ep.pod) : undefined;
        if (port !== undefined) out.push({ ep, port });
      }
      return out.sort((a, b) => a.ep.ip.localeCompare(b.ep.ip, "en", { numeric: true }));
    };
    const ready = withPort(eps.filter((e) => e.ready));
    if (ready.length) return ready;
    // ProxyTerminatingEndpoints (GA in 1.28): with no ready endpoint, use serving terminating ones.
    return withPort(eps.filter((e) => e.serving && e.terminating));
  }

  private pick(svc: ServiceInfo, svcPort: ServicePort, cands: { ep: EndpointInfo; port: number }[], clientIp: string, mode: Mode): { ep: EndpointInfo; port: number } {
    if (mode === "explain") return cands[0];
    if (svc.sessionAffinity === "ClientIP") {
      const key = `${svc.key}|${svcPort.port}/${svcPort.protocol}|${clientIp}`;
      const now = (this.cluster.clock?.now() ?? new Date()).getTime();
      const held = this.affinity.get(key);
      const still = held && held.until > now ? cands.find((c) => c.ep.ip === held.ip) : undefined;
      const chosen = still ?? cands[Math.floor(this.random() * cands.length) % cands.length];
      this.affinity.set(key, { ip: chosen.ep.ip, until: now + svc.affinityTimeoutSeconds * 1000 });
      return chosen;
    }
    return cands[Math.floor(this.random() * cands.length) % cands.length];
  }
}

/** targetPort by number, or by name against the endpoint pod's container ports. */
export function resolveTargetPort(svcPort: ServicePort, pod: PodInfo | undefined): number | undefined {
  if (typeof svcPort.targetPort === "number") return svcPort.targetPort;
  if (/^\d+$/.test(svcPort.targetPort)) return Number(svcPort.targetPort);
  return pod?.ports.find((p) => p.name === svcPort.targetPort && p.protocol === svcPort.protocol)?.containerPort;
}

/** Whether a pod is an ingress-nginx controller pod (namespace ingress-nginx, component=controller). */
export function isIngressController(pod: K8sObject | PodInfo | undefined): boolean {
  if (!pod) return false;
  const meta = "obj" in pod ? pod.obj.metadata : pod.metadata;
  return meta.namespace === "ingress-nginx" && meta.labels?.["app.kubernetes.io/component"] === "controller";
}
