// The contract of the simulated network (network/*.ts implements it; exec tools, the ingress
// controller, probes and the grader's explanations use it). Every decision is made the way a
// cluster with a NetworkPolicy-enforcing CNI makes it: DNS, then Service VIP/NodePort/Ingress to a
// ready endpoint, then the source's egress and the destination's ingress policies, then whether
// anything listens. Verdicts are computed instantly; the *tool* decides how long a dropped
// connection takes to time out (its own -T / -m / --timeout), using the cluster clock.
import type { K8sObject } from "../types";
import type { HttpRequest, HttpResponse } from "../images/types";

export type Protocol = "TCP" | "UDP" | "SCTP";

/** Where traffic starts: a pod (by uid), a node (hostNetwork traffic), or a host outside the cluster. */
export type Source = { pod: K8sObject } | { node: string } | { external: string };

export type Outcome =
  /** Something accepted the connection. */
  | "connected"
  /** Reached the destination, nothing listens on that port: TCP RST / ICMP port unreachable, reported at once. */
  | "refused"
  /** Dropped by a NetworkPolicy (or an unanswered address): the client waits until its own timeout. */
  | "timeout"
  /** No route / address does not exist in the simulated world: treated like a drop by most tools. */
  | "unreachable";

/** One policy rule that decided (or could have decided) a direction. */
export interface RuleRef {
  namespace: string;
  policy: string;
  /** "ingress" or "egress" rule list of that policy, and the index of the rule within it. */
  direction: "ingress" | "egress";
  ruleIndex: number;
}

export interface DirectionVerdict {
  allowed: boolean;
  /** True when at least one policy selects the pod for this direction (the pod is "isolated"). */
  isolated: boolean;
  /** Every policy that selects the pod for this direction. */
  policies: { namespace: string; name: string }[];
  /** The first rule that allowed the traffic, when one did. */
  allowedBy?: RuleRef;
  /** One sentence, in the learner's terms, of why. */
  reason: string;
}

export interface PolicyVerdict {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

export interface ConnectRequest {
  from: Source;
  /** An IP address (Service VIP, pod IP, node IP, external IP). Names are resolved before. */
  to: string;
  port: number;
  protocol: Protocol;
}

export interface ConnectResult {
  outcome: Outcome;
  /** What the address turned out to be, after Service translation (VIP or NodePort → endpoint). */
  via?: { service?: { namespace: string; name: string }; nodePort?: number; loadBalancer?: string };
  /** The pod that finally received (or would have received) the traffic, and the port there. */
  target?: { pod?: K8sObject; ip: string; port: number; external?: boolean };
  policy?: PolicyVerdict;
  /** Human-readable reason for the outcome, e.g. "Service web has no ready endpoints". */
  reason: string;
  /** The client address as the destination sees it (after SNAT, e.g. a node IP for NodePort traffic). */
  clientIp?: string;
}

export type DnsType = "A" | "AAAA" | "SRV" | "PTR" | "CNAME" | "TXT" | "ANY";

export interface DnsAnswer {
  name: string;
  type: DnsType;
  ttl: number;
  data: string;
}

export interface DnsResult {
  /** NOERROR with answers, NXDOMAIN for a missing name, SERVFAIL, or "timeout" when DNS traffic is blocked. */
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "timeout";
  /** The fully-qualified name that answered (after search-path expansion). */
  name: string;
  answers: DnsAnswer[];
  /** The DNS server asked (the kube-dns Service IP for pods with dnsPolicy ClusterFirst). */
  server: string;
  /** Every fully-qualified name tried, in order (search path expansion), for tools that print it. */
  tried: string[];
  /** The connection to the DNS server when it failed (refused/timeout), so tools can word the error. */
  transport?: ConnectResult;
}

export interface HttpResult {
  connect: ConnectResult;
  /** Present when connected and something answered HTTP on that port. */
  response?: HttpResponse;
}

export interface Network {
  resolve(from: Source, name: string, type?: DnsType): DnsResult;
  connect(req: ConnectRequest): ConnectResult;
  /** connect + an HTTP exchange with whatever listens (nginx, agnhost netexec, the ingress controller, ...). */
  http(from: Source, to: string, port: number, req: HttpRequest): Promise<HttpResult>;
  /** The policy decision alone, for pod → pod/IP traffic (used by the grader's matrix view). */
  explain(from: Source, to: string, port: number, protocol: Protocol): ConnectResult;
}
