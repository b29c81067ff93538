// NetworkPolicy evaluation (networking.k8s.io/v1), as a NetworkPolicy-enforcing CNI applies it:
// egress on the source pod and ingress on the destination pod, both against the post-DNAT
// destination (the endpoint pod and its container port), policies adding up (a union of allow
// rules), a pod always reaching itself, traffic between a pod and its own node always allowed,
// hostNetwork pods never selected, and reply traffic implicitly allowed (only connection
// initiations are decided here). Every verdict names the policies that isolate the pod and the
// rule that allowed the traffic, or says in the learner's terms why nothing did.
// Upstream semantics: https://kubernetes.io/docs/concepts/services-networking/network-policies/
import type { DirectionVerdict, PolicyVerdict, Protocol, RuleRef } from "./types";
import type { CompiledPeer, CompiledPolicy, CompiledPort, CompiledRule } from "./policy-compile";
import type { NodeInfo, PodInfo, Snapshot } from "./snapshot";
import { cidrContains, parseIPv4 } from "./ip";

/** ICMP is in no NetworkPolicy port list: only rules without ports (or no isolation) let it through. */
export type PolicyProtocol = Protocol | "ICMP";

const trafficText = (port: number, protocol: PolicyProtocol): string => (protocol === "ICMP" ? "ICMP" : `port ${port}/${protocol}`);

/** One end of a connection as the policy engine sees it. */
export interface PolicyEndpoint {
  ip: string;
  /** Set when the address belongs to a pod on the pod network (hostNetwork pods are node addresses). */
  pod?: PodInfo;
  /** Set when the address is a node's (node traffic, hostNetwork pods, SNATed traffic). */
  node?: NodeInfo;
}

export function describeEndpoint(e: PolicyEndpoint): string {
  if (e.pod) return `${e.pod.key} (${e.ip})`;
  if (e.node) return `node ${e.node.name} (${e.ip})`;
  return e.ip;
}

/** The policies selecting a pod, per direction, cached for the snapshot's lifetime. */
export function selectingPolicies(snap: Snapshot, pod: PodInfo): { ingress: CompiledPolicy[]; egress: CompiledPolicy[] } {
  let sel = snap.selectionCache.get(pod.uid);
  if (sel) return sel;
  sel = { ingress: [], egress: [] };
  // NetworkPolicy does not apply to hostNetwork pods: they live in the node's network namespace.
  if (!pod.hostNetwork) {
    for (const p of snap.policiesByNs.get(pod.ns) ?? []) {
      if (!p.podSelector.matches(pod.labels)) continue;
      if (p.ingressType) sel.ingress.push(p);
      if (p.egressType) sel.egress.push(p);
    }
  }
  snap.selectionCache.set(pod.uid, sel);
  return sel;
}

function peerMatches(snap: Snapshot, policy: CompiledPolicy, peer: CompiledPeer, remote: PolicyEndpoint): boolean {
  if (peer.ipBlock) {
    const ip = parseIPv4(remote.ip);
    return ip !== undefined && cidrContains(peer.ipBlock.cidr, ip) && !peer.ipBlock.except.some((e) => cidrContains(e, ip));
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  // Pod and namespace selectors select pods on the pod network only: node IPs and hostNetwork
  // pods (which use the node's IP) are matched by ipBlock alone.
  const pod = remote.pod;
  if (!pod) return false;
  if (peer.namespaceSelector) {
    if (!peer.namespaceSelector.matches(snap.namespaceLabels.get(pod.ns) ?? {})) return false;
  } else if (pod.ns !== policy.ns) {
    return false;
  }
  return !peer.podSelector || peer.podSelector.matches(pod.labels);
}

/** A named port resolves against the destination pod's container ports (name + protocol). */
function portMatches(p: CompiledPort, port: number, protocol: PolicyProtocol, destination: PolicyEndpoint): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === "number") return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  const named = destination.pod?.ports.find((cp) => cp.name === p.port && cp.protocol === protocol);
  return !!named && named.containerPort === port;
}

function ruleMatches(snap: Snapshot, policy: CompiledPolicy, rule: CompiledRule, remote: PolicyEndpoint, destination: PolicyEndpoint, port: number, protocol: PolicyProtocol): boolean {
  if (rule.ports && !rule.ports.some((p) => portMatches(p, port, protocol, destination))) return false;
  return !rule.peers || rule.peers.some((peer) => peerMatches(snap, policy, peer, remote));
}

function ruleText(rule: CompiledRule, direction: "ingress" | "egress"): string {
  const peers = rule.peers ? rule.peers.map((p) => p.text).join(" or ") : direction === "ingress" ? "any source" : "any destination";
  const ports = rule.ports ? rule.ports.map((p) => p.text).join(", ") : "any port";
  return `${direction === "ingress" ? "from" : "to"} ${peers} on ${ports}`;
}

const names = (ps: CompiledPolicy[]): string => ps.map((p) => p.name).join(", ");

/**
 * Decides one direction for a pod. `self` is the pod the policies would select; `remote` is the
 * other end; `destination` is whichever end receives the connection (named ports resolve there).
 */
function decide(snap: Snapshot, direction: "ingress" | "egress", self: PodInfo, remote: PolicyEndpoint, destination: PolicyEndpoint, port: number, protocol: PolicyProtocol): DirectionVerdict {
  const verb = direction === "ingress" ? "ingress to" : "egress from";
  if (self.hostNetwork) {
    return { allowed: true, isolated: false, policies: [], reason: `${self.key} uses hostNetwork: NetworkPolicy does not apply to it` };
  }
  const selected = selectingPolicies(snap, self)[direction];
  const policies = selected.map((p) => ({ namespace: p.ns, name: p.name }));
  const isolated = selected.length > 0;
  if (remote.pod && remote.pod.uid === self.uid) {
    return { allowed: true, isolated, policies, reason: `a pod can always reach itself (${self.key})` };
  }
  if (remote.node && remote.node.name === self.nodeName) {
    // "traffic to and from the node where a Pod is running is always allowed" (NetworkPolicy docs).
    return { allowed: true, isolated, policies, reason: `traffic between ${self.key} and its own node ${remote.node.name} is always allowed` };
  }
  if (!isolated) {
    return { allowed: true, isolated, policies, reason: `no NetworkPolicy selects ${self.key} for ${direction}, so all ${direction} is allowed` };
  }
  for (const p of selected) {
    const rules = direction === "ingress" ? p.ingress : p.egress;
    for (const rule of rules) {
      if (!ruleMatches(snap, p, rule, remote, destination, port, protocol)) continue;
      const allowedBy: RuleRef = { namespace: p.ns, policy: p.name, direction, ruleIndex: rule.index };
      return { allowed: true, isolated, policies, allowedBy, reason: `${verb} ${self.key} allowed by policy ${p.name}, ${direction} rule ${rule.index} (${ruleText(rule, direction)})` };
    }
  }
  const what = direction === "ingress" ? `from ${describeEndpoint(remote)} to ${trafficText(port, protocol)}` : `to ${describeEndpoint(remote)} ${trafficText(port, protocol)}`;
  return {
    allowed: false,
    isolated,
    policies,
    reason: `${verb} ${self.key} is isolated by ${selected.length > 1 ? "policies" : "policy"} ${names(selected)} and no ${direction} rule allows traffic ${what}`,
  };
}

function notApplicable(direction: "ingress" | "egress", e: PolicyEndpoint): DirectionVerdict {
  const who = e.pod ? `${e.pod.key} uses hostNetwork` : e.node ? `${describeEndpoint(e)} is a node` : `${e.ip} is not a pod`;
  return { allowed: true, isolated: false, policies: [], reason: `${who}: no ${direction} policy applies` };
}

/** The full policy decision for a connection from `src` to `dst` (post-DNAT) on port/protocol. */
export function evaluatePolicy(snap: Snapshot, src: PolicyEndpoint, dst: PolicyEndpoint, port: number, protocol: PolicyProtocol): PolicyVerdict {
  const egress = src.pod ? decide(snap, "egress", src.pod, dst, dst, port, protocol) : notApplicable("egress", src);
  const ingress = dst.pod ? decide(snap, "ingress", dst.pod, src, dst, port, protocol) : notApplicable("ingress", dst);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** The policy view of an address: a pod on the pod network, a node, or neither. */
export function endpointFor(snap: Snapshot, ip: string): PolicyEndpoint {
  const pod = snap.podByIP.get(ip);
  const node = snap.nodeByIP.get(ip);
  return { ip, ...(pod ? { pod } : {}), ...(node ? { node } : {}) };
}
