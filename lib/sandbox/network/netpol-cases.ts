// The upstream Kubernetes e2e NetworkPolicy cases (test/e2e/network/netpol/network_policy.go) as
// data: namespaces x, y, z with pods a, b, c each serving 80 and 81 on TCP, UDP and SCTP
// (container ports named serve-80-tcp, ...), a policy set per case, and the expected reachability
// of every (from, to) pair built the way upstream builds it (ExpectPeer, ExpectAllIngress, ...).
// Shared by the engine-level tables (netpol.test.ts) and the kubectl-level suite.
import type { Protocol } from "./types";

export const namespaces = ["x", "y", "z"];
export const podNames = ["a", "b", "c"];
export const all = namespaces.flatMap((ns) => podNames.map((p) => `${ns}/${p}`));

export interface Peer {
  ns?: string;
  pod?: string;
}
const matchesPeer = (key: string, p: Peer): boolean => {
  const [ns, pod] = key.split("/");
  return (!p.ns || p.ns === ns) && (!p.pod || p.pod === pod);
};

/** Upstream's Reachability: a full matrix with a default, refined by peer expectations. */
export class Reachability {
  readonly cells = new Map<string, boolean>();
  constructor(def = true) {
    for (const f of all) for (const t of all) this.cells.set(`${f}>${t}`, def);
  }
  expectPeer(from: Peer, to: Peer, v: boolean): this {
    for (const f of all) for (const t of all) if (matchesPeer(f, from) && matchesPeer(t, to)) this.cells.set(`${f}>${t}`, v);
    return this;
  }
  expect(from: string, to: string, v: boolean): this {
    this.cells.set(`${from}>${to}`, v);
    return this;
  }
  allIngress(to: string, v: boolean): this {
    return this.expectPeer({}, { ns: to.split("/")[0], pod: to.split("/")[1] }, v);
  }
  allEgress(from: string, v: boolean): this {
    return this.expectPeer({ ns: from.split("/")[0], pod: from.split("/")[1] }, {}, v);
  }
}
export const R = (): Reachability => new Reachability(true);

export type Spec = Record<string, unknown>;
export const sel = (labels: Record<string, string>) => ({ matchLabels: labels });
export const nsName = (ns: string) => ({ matchLabels: { "kubernetes.io/metadata.name": ns } });
export const ingress = (podSelector: object, rules: object[], extra: Spec = {}): Spec => ({ podSelector, policyTypes: ["Ingress"], ingress: rules, ...extra });
export const egress = (podSelector: object, rules: object[], extra: Spec = {}): Spec => ({ podSelector, policyTypes: ["Egress"], egress: rules, ...extra });
export const port = (p: number | string, protocol?: Protocol, endPort?: number) => ({ port: p, ...(protocol ? { protocol } : {}), ...(endPort ? { endPort } : {}) });

export interface Probe {
  port: number;
  protocol: Protocol;
  expect: Reachability;
}
export type PolicyList = [ns: string, name: string, spec: Spec][];
export interface Case {
  name: string;
  /** The policies, or a function of the pods' IPs for ipBlock cases. */
  policies: PolicyList | ((ip: (pod: string) => string) => PolicyList);
  probes: Probe[];
}

export const policiesOf = (c: Case, ip: (pod: string) => string): PolicyList => (typeof c.policies === "function" ? c.policies(ip) : c.policies);

export const tcp = (p: number, expect: Reachability): Probe => ({ port: p, protocol: "TCP", expect });
export const xa = "x/a";

export const cases: Case[] = [
  {
    name: "should support a 'default-deny-ingress' policy (TCP, UDP, SCTP)",
    policies: [["x", "deny-ingress", ingress({}, [])]],
    probes: (["TCP", "UDP", "SCTP"] as Protocol[]).map((protocol) => ({ port: 80, protocol, expect: R().expectPeer({}, { ns: "x" }, false) })),
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: [["x", "deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [], egress: [] }]],
    probes: [tcp(80, R().expectPeer({}, { ns: "x" }, false).expectPeer({ ns: "x" }, {}, false))],
  },
  {
    name: "should enforce policy to allow traffic from pods within server namespace based on PodSelector",
    policies: [["x", "x-a-allows-x-b", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: sel({ pod: "b" }) }] }])]],
    probes: [tcp(80, R().allIngress(xa, false).expect("x/b", xa, true))],
  },
  {
    name: "should enforce policy to allow ingress traffic for a target",
    policies: [
      ["x", "deny-all", ingress({}, [])],
      ["x", "allow-all-to-a", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: {}, namespaceSelector: {} }] }])],
    ],
    probes: [tcp(80, R().allIngress(xa, true).allIngress("x/b", false).allIngress("x/c", false))],
  },
  {
    name: "should enforce policy to allow ingress traffic from pods in all namespaces",
    policies: [["x", "allow-from-another-ns", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: {} }] }])]],
    probes: [tcp(80, R())],
  },
  {
    name: "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector",
    policies: [["x", "allow-client-a-via-ns-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, { ns: "x", pod: "a" }, false).expectPeer({ ns: "z" }, { ns: "x", pod: "a" }, false))],
  },
  {
    name: "should enforce policy based on PodSelector with MatchExpressions",
    policies: [["x", "x-a-allows-x-b", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: { matchExpressions: [{ key: "pod", operator: "In", values: ["b"] }] } }] }])]],
    probes: [tcp(80, R().allIngress(xa, false).expect("x/b", xa, true))],
  },
  {
    name: "should enforce policy based on NamespaceSelector with MatchExpressions",
    policies: [["x", "allow-ns-y-match-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["y"] }] } }] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, { ns: "x", pod: "a" }, false).expectPeer({ ns: "z" }, { ns: "x", pod: "a" }, false))],
  },
  {
    name: "should enforce policy based on PodSelector or NamespaceSelector (two peers: OR)",
    policies: [
      ["x", "allow-ns-y-match-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["x"] }] } }, { podSelector: sel({ pod: "b" }) }] }])],
    ],
    probes: [tcp(80, R().expect("x/c", xa, false))],
  },
  {
    name: "should enforce policy based on PodSelector and NamespaceSelector (one peer: AND)",
    policies: [
      ["x", "allow-ns-y-podselector-and-nsselector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["x"] }] }, podSelector: sel({ pod: "b" }) }] }])],
    ],
    probes: [tcp(80, R().allIngress(xa, false).expect("y/b", xa, true).expect("z/b", xa, true))],
  },
  {
    name: "should enforce policy based on Multiple PodSelectors and NamespaceSelectors",
    policies: [
      [
        "x",
        "allow-ns-y-z-pod-b-c",
        ingress(sel({ pod: "a" }), [
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["x"] }] }, podSelector: { matchExpressions: [{ key: "pod", operator: "In", values: ["b", "c"] }] } }] },
        ]),
      ],
    ],
    probes: [tcp(80, R().allIngress(xa, false).expect("y/b", xa, true).expect("y/c", xa, true).expect("z/b", xa, true).expect("z/c", xa, true))],
  },
  {
    name: "should enforce policy based on any PodSelectors",
    policies: [["x", "allow-ns-x-pod-b-c", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: sel({ pod: "b" }) }, { podSelector: sel({ pod: "c" }) }] }])]],
    probes: [tcp(80, R().allIngress(xa, false).expect("x/b", xa, true).expect("x/c", xa, true))],
  },
  {
    name: "should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector (TCP, UDP, SCTP)",
    policies: [["x", "allow-ns-y-pod-a-via-namespace-pod-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y"), podSelector: sel({ pod: "a" }) }] }])]],
    probes: (["TCP", "UDP", "SCTP"] as Protocol[]).map((protocol) => ({ port: 80, protocol, expect: R().allIngress(xa, false).expect("y/a", xa, true) })),
  },
  {
    name: "should enforce policy based on Ports (TCP, UDP, SCTP)",
    policies: [
      ["x", "allow-tcp-81", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port(81, "TCP")] }])],
      ["x", "allow-udp-81", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port(81, "UDP")] }])],
      ["x", "allow-sctp-81", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port(81, "SCTP")] }])],
    ],
    probes: [
      ...(["TCP", "UDP", "SCTP"] as Protocol[]).map((protocol) => ({ port: 81, protocol, expect: R().allIngress(xa, false).expectPeer({ ns: "y" }, { ns: "x", pod: "a" }, true) })),
      tcp(80, R().allIngress(xa, false)),
    ],
  },
  {
    name: "should enforce multiple, stacked policies with overlapping podSelectors",
    policies: [
      ["x", "allow-client-a-via-ns-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port(81, "TCP")] }])],
      ["x", "allow-client-a-via-ns-selector-80", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port(80, "TCP")] }])],
    ],
    probes: [80, 81].map((p) => tcp(p, R().allIngress(xa, false).expectPeer({ ns: "y" }, { ns: "x", pod: "a" }, true))),
  },
  {
    name: "should support allow-all policy",
    policies: [["x", "allow-all", ingress({}, [{}])]],
    probes: [tcp(80, R()), tcp(81, R())],
  },
  {
    name: "should allow ingress access on one named port",
    policies: [["x", "allow-all", ingress({}, [{ ports: [{ port: "serve-81-tcp" }] }])]],
    probes: [tcp(81, R()), tcp(80, R().expectPeer({}, { ns: "x" }, false))],
  },
  {
    name: "should allow ingress access from namespace on one named port",
    policies: [["x", "allow-client-a-via-ns-selector-80", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }], ports: [port("serve-80-tcp", "TCP")] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, { ns: "x", pod: "a" }, false).expectPeer({ ns: "z" }, { ns: "x", pod: "a" }, false)), tcp(81, R().allIngress(xa, false))],
  },
  {
    name: "should allow egress access on one named port",
    policies: [["x", "allow-egress", egress({}, [{ ports: [{ port: "serve-80-tcp" }] }])]],
    probes: [tcp(80, R()), tcp(81, R().expectPeer({ ns: "x" }, {}, false))],
  },
  {
    name: "should deny ingress from pods on other namespaces",
    policies: [["x", "deny-empty-policy", ingress({}, [{ from: [{ podSelector: {} }] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "y" }, { ns: "x" }, false).expectPeer({ ns: "z" }, { ns: "x" }, false))],
  },
  {
    name: "should deny egress from pods based on PodSelector",
    policies: [["x", "deny-egress-pod-a", egress(sel({ pod: "a" }), [])]],
    probes: [tcp(80, R().allEgress(xa, false))],
  },
  {
    name: "should deny egress from all pods in a namespace",
    policies: [["x", "deny-egress-ns-x", egress({}, [])]],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, {}, false))],
  },
  {
    name: "should work with Ingress, Egress specified together",
    policies: [["x", "allow-client-a-via-pod-selector", { podSelector: sel({ pod: "a" }), policyTypes: ["Egress", "Ingress"], ingress: [{ from: [{ podSelector: sel({ pod: "b" }) }] }], egress: [{ ports: [port(80)] }] }]],
    probes: [tcp(80, R().allIngress(xa, false).expect("x/b", xa, true)), tcp(81, R().allIngress(xa, false).allEgress(xa, false).expect("x/b", xa, true))],
  },
  {
    name: "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)",
    policies: [
      ["x", "allow-to-ns-y-pod-a", egress(sel({ pod: "a" }), [{ to: [{ namespaceSelector: nsName("y"), podSelector: sel({ pod: "a" }) }] }])],
      ["y", "allow-from-xa-on-ya-match-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("x"), podSelector: sel({ pod: "a" }) }] }])],
      ["y", "allow-from-xa-on-yb-match-selector", ingress(sel({ pod: "b" }), [{ from: [{ namespaceSelector: nsName("x"), podSelector: sel({ pod: "a" }) }] }])],
    ],
    probes: [tcp(80, R().expectPeer({ ns: "x", pod: "a" }, {}, false).expectPeer({}, { ns: "y", pod: "a" }, false).expectPeer({ ns: "x", pod: "a" }, { ns: "y", pod: "a" }, true).expectPeer({}, { ns: "y", pod: "b" }, false))],
  },
  {
    name: "should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector",
    policies: [["x", "allow-to-ns-y-pod-a", egress(sel({ pod: "a" }), [{ to: [{ namespaceSelector: nsName("y"), podSelector: sel({ pod: "a" }) }] }])]],
    probes: [tcp(80, R().allEgress(xa, false).expect(xa, "y/a", true))],
  },
  {
    name: "should enforce ingress policy allowing any port traffic to a server on a specific protocol",
    policies: [["x", "allow-ingress-by-proto", ingress(sel({ pod: "a" }), [{ ports: [{ protocol: "TCP" }] }])]],
    probes: [tcp(80, R()), { port: 80, protocol: "UDP", expect: R().allIngress(xa, false) }],
  },
  {
    name: "should enforce multiple ingress policies with ingress allow-all policy taking precedence (before allow-all)",
    policies: [["x", "allow-ingress-port-80", ingress({}, [{ ports: [port(80)] }])]],
    probes: [tcp(81, R().expectPeer({}, { ns: "x" }, false))],
  },
  {
    name: "should enforce multiple ingress policies with ingress allow-all policy taking precedence (after allow-all)",
    policies: [
      ["x", "allow-ingress-port-80", ingress({}, [{ ports: [port(80)] }])],
      ["x", "allow-ingress", ingress({}, [{}])],
    ],
    probes: [tcp(81, R())],
  },
  {
    name: "should enforce multiple egress policies with egress allow-all policy taking precedence",
    policies: [
      ["x", "allow-egress-port-80", egress({}, [{ ports: [port(80)] }])],
      ["x", "allow-egress", egress({}, [{}])],
    ],
    probes: [tcp(81, R())],
  },
  {
    name: "should allow egress access to server in CIDR block",
    policies: (ip) => [["x", "allow-client-a-via-cidr-egress-rule", egress(sel({ pod: "a" }), [{ to: [{ ipBlock: { cidr: `${ip("y/b")}/32` } }] }])]],
    probes: [tcp(80, R().allEgress(xa, false).expect(xa, "y/b", true))],
  },
  {
    name: "should enforce except clause while egress access to server in CIDR block",
    policies: (ip) => [["x", "allow-client-a-via-cidr-egress-rule", egress(sel({ pod: "a" }), [{ to: [{ ipBlock: { cidr: "0.0.0.0/4", except: [`${ip("x/b")}/32`] } }] }])]],
    probes: [tcp(80, R().expect(xa, "x/b", false))],
  },
  {
    name: "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (a second policy allows it)",
    policies: (ip) => [
      ["x", "allow-client-a-via-cidr-egress-rule", egress(sel({ pod: "a" }), [{ to: [{ ipBlock: { cidr: "0.0.0.0/4", except: [`${ip("x/b")}/32`] } }] }])],
      ["x", "allow-client-a-to-x-b", egress(sel({ pod: "a" }), [{ to: [{ ipBlock: { cidr: `${ip("x/b")}/32` } }] }])],
    ],
    probes: [tcp(80, R())],
  },
  {
    name: "should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector",
    policies: [
      ["x", "allow-egress-for-target", egress(sel({ pod: "a" }), [{}])],
      ["x", "deny-ingress-via-label-selector", ingress(sel({ pod: "a" }), [])],
    ],
    probes: [tcp(80, R().allIngress(xa, false))],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    policies: [
      ["x", "deny-ingress", ingress({}, [])],
      ["x", "allow-only-sctp-ingress-on-port-81", ingress(sel({ pod: "a" }), [{ ports: [port(81, "SCTP")] }])],
    ],
    probes: [tcp(81, R().expectPeer({}, { ns: "x" }, false)), { port: 81, protocol: "SCTP", expect: R().expectPeer({}, { ns: "x" }, false).allIngress(xa, true) }],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP",
    policies: [["x", "allow-only-sctp-ingress-on-port-80", ingress(sel({ pod: "a" }), [{ ports: [port(80, "SCTP")] }])]],
    probes: [tcp(81, R().allIngress(xa, false))],
  },
  {
    name: "should not allow access by TCP when a policy specifies only UDP",
    policies: [["x", "allow-only-udp-ingress-on-port-81", ingress(sel({ pod: "a" }), [{ ports: [port(81, "UDP")] }])]],
    probes: [tcp(81, R().allIngress(xa, false)), { port: 81, protocol: "UDP", expect: R() }],
  },
  {
    name: "should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label",
    policies: [["x", "allow-client-a-via-ns-selector-for-immutable-ns-label", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y") }] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, { ns: "x", pod: "a" }, false).expectPeer({ ns: "z" }, { ns: "x", pod: "a" }, false))],
  },
  {
    name: "should enforce policy based on NamespaceSelector with MatchExpressions using default ns label",
    policies: [["x", "allow-ns-y-match-selector-for-immutable-ns-label", egress(sel({ pod: "a" }), [{ to: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["y"] }] } }] }])]],
    probes: [tcp(80, R().expectPeer({ ns: "x", pod: "a" }, { ns: "y" }, false))],
  },
  // Cases beyond the upstream list: endPort ranges, Exists/DoesNotExist, and the
  // policyTypes / empty-vs-missing edge cases learners trip over.
  {
    name: "endPort: ingress to x/a allowed on 79-80 only",
    policies: [["x", "allow-range", ingress(sel({ pod: "a" }), [{ ports: [port(79, "TCP", 80)] }])]],
    probes: [tcp(80, R()), tcp(81, R().allIngress(xa, false))],
  },
  {
    name: "endPort: egress from x/b allowed on 81-82 only",
    policies: [["x", "egress-range", egress(sel({ pod: "b" }), [{ ports: [port(81, "TCP", 82)] }])]],
    probes: [tcp(80, R().allEgress("x/b", false)), tcp(81, R())],
  },
  {
    name: "matchExpressions Exists selects every labelled pod of the namespace; DoesNotExist selects none; NotIn matches pods without the key",
    policies: [
      ["x", "from-labelled", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: { matchExpressions: [{ key: "pod", operator: "Exists" }] } }] }])],
      ["y", "from-unlabelled", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: { matchExpressions: [{ key: "pod", operator: "DoesNotExist" }] } }] }])],
      // NotIn also matches pods that do not have the key at all.
      ["y", "from-not-red", ingress(sel({ pod: "b" }), [{ from: [{ podSelector: { matchExpressions: [{ key: "team", operator: "NotIn", values: ["red"] }] } }] }])],
    ],
    probes: [tcp(80, R().allIngress(xa, false).expectPeer({ ns: "x" }, { ns: "x", pod: "a" }, true).allIngress("y/a", false).allIngress("y/b", false).expectPeer({ ns: "y" }, { ns: "y", pod: "b" }, true))],
  },
  {
    name: "egress: [] without policyTypes is an Ingress-only policy with no ingress rules (isolates ingress, not egress)",
    policies: [["x", "looks-like-deny-egress", { podSelector: sel({ pod: "a" }), egress: [] }]],
    probes: [tcp(80, R().allIngress(xa, false))],
  },
  {
    name: "egress rules without policyTypes make an Ingress+Egress policy: ingress is denied too",
    policies: [["x", "egress-only-by-mistake", { podSelector: sel({ pod: "a" }), egress: [{}] }]],
    probes: [tcp(80, R().allIngress(xa, false))],
  },
  {
    name: "policyTypes [Egress] ignores ingress rules present in the spec",
    policies: [["x", "egress-typed", { podSelector: sel({ pod: "a" }), policyTypes: ["Egress"], ingress: [{ from: [{ podSelector: sel({ pod: "b" }) }] }], egress: [] }]],
    probes: [tcp(80, R().allEgress(xa, false))],
  },
  {
    name: "an empty from list and an empty ports list each match everything",
    policies: [
      ["x", "empty-from", ingress(sel({ pod: "a" }), [{ from: [] }])],
      ["x", "empty-ports", ingress(sel({ pod: "b" }), [{ ports: [] }])],
    ],
    probes: [tcp(80, R())],
  },
  {
    name: "default deny egress in x plus allow DNS: pod-to-pod egress from x is denied",
    policies: [
      ["x", "default-deny-egress", egress({}, [])],
      ["x", "allow-dns", egress({}, [{ to: [{ namespaceSelector: nsName("kube-system"), podSelector: sel({ "k8s-app": "kube-dns" }) }], ports: [port(53, "UDP"), port(53, "TCP")] }])],
    ],
    probes: [tcp(80, R().expectPeer({ ns: "x" }, {}, false))],
  },
];
