// The NetworkPolicy examples of the Kubernetes documentation
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/), each as a table of
// (source → destination:port) → allowed/denied by policy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork } from "./index";
import { addNamespace, addPod, addPolicy, addService, newWorld, type World } from "./testkit";
import { refs } from "./snapshot";
import type { Source } from "./types";

type Spec = Record<string, unknown>;

function docsWorld(): World {
  const w = newWorld();
  addNamespace(w, "myproject", { project: "myproject" });
  addNamespace(w, "other-ns");
  const web = [{ port: 80 }, { port: 6379 }, { port: 6380 }];
  addPod(w, "default", "db", { labels: { role: "db" }, ip: "10.244.1.60", ports: web });
  addPod(w, "default", "frontend", { labels: { role: "frontend" }, ip: "10.244.2.61", node: "kind-worker2", ports: web });
  addPod(w, "default", "other", { labels: { role: "other" }, ip: "10.244.2.62", node: "kind-worker2", ports: web });
  addPod(w, "myproject", "app", { labels: { app: "x" }, ip: "10.244.1.63", ports: web });
  addPod(w, "other-ns", "app", { labels: { app: "x" }, ip: "10.244.2.64", node: "kind-worker2", ports: web });
  // Outside clients reach db through a NodePort that keeps their source IP (externalTrafficPolicy Local).
  addService(w, "default", "db", { type: "NodePort", clusterIP: "10.96.70.1", selector: { role: "db" }, ports: [{ port: 6379, nodePort: 30379 }], spec: { externalTrafficPolicy: "Local" } });
  return w;
}

const ip: Record<string, string> = { "db-nodeport": "10.89.0.3",  "default/db": "10.244.1.60", "default/frontend": "10.244.2.61", "default/other": "10.244.2.62", "myproject/app": "10.244.1.63", "other-ns/app": "10.244.2.64" };

interface Example {
  name: string;
  policies: [string, string, Spec][];
  /** [from (pod key or external IP), to (pod key or IP), port, allowed] */
  probes: [string, string, number, boolean][];
}

const examples: Example[] = [
  {
    name: "test-network-policy (ipBlock with except, namespaceSelector, podSelector, ports; egress to a CIDR)",
    policies: [
      [
        "default",
        "test-network-policy",
        {
          podSelector: { matchLabels: { role: "db" } },
          policyTypes: ["Ingress", "Egress"],
          ingress: [{ from: [{ ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } }, { namespaceSelector: { matchLabels: { project: "myproject" } } }, { podSelector: { matchLabels: { role: "frontend" } } }], ports: [{ protocol: "TCP", port: 6379 }] }],
          egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/24" } }], ports: [{ protocol: "TCP", port: 5978 }] }],
        },
      ],
    ],
    probes: [
      ["default/frontend", "default/db", 6379, true],
      ["default/other", "default/db", 6379, false],
      ["myproject/app", "default/db", 6379, true],
      ["other-ns/app", "default/db", 6379, false],
      ["172.17.0.5", "db-nodeport", 30379, true],
      ["172.17.1.5", "db-nodeport", 30379, false],
      ["192.168.5.5", "db-nodeport", 30379, false],
      ["default/frontend", "default/db", 6380, false],
      ["default/db", "10.0.0.5", 5978, true],
      ["default/db", "10.0.0.5", 80, false],
      ["default/db", "10.0.1.5", 5978, false],
      ["default/db", "default/frontend", 80, false],
      ["default/frontend", "default/other", 80, true],
    ],
  },
  {
    name: "default deny all ingress traffic",
    policies: [["default", "default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] }]],
    probes: [
      ["default/frontend", "default/db", 80, false],
      ["myproject/app", "default/other", 80, false],
      ["default/db", "myproject/app", 80, true],
      ["default/db", "93.184.215.14", 80, true],
    ],
  },
  {
    name: "allow all ingress traffic",
    policies: [
      ["default", "default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] }],
      ["default", "allow-all-ingress", { podSelector: {}, ingress: [{}], policyTypes: ["Ingress"] }],
    ],
    probes: [
      ["default/frontend", "default/db", 80, true],
      ["203.0.113.9", "db-nodeport", 30379, true],
    ],
  },
  {
    name: "default deny all egress traffic",
    policies: [["default", "default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] }]],
    probes: [
      ["default/frontend", "default/db", 80, false],
      ["default/frontend", "93.184.215.14", 80, false],
      ["myproject/app", "default/db", 80, true],
    ],
  },
  {
    name: "allow all egress traffic",
    policies: [
      ["default", "default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] }],
      ["default", "allow-all-egress", { podSelector: {}, egress: [{}], policyTypes: ["Egress"] }],
    ],
    probes: [
      ["default/frontend", "default/db", 80, true],
      ["default/frontend", "93.184.215.14", 443, true],
    ],
  },
  {
    name: "default deny all ingress and all egress traffic",
    policies: [["default", "default-deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }]],
    probes: [
      ["default/frontend", "default/db", 80, false],
      ["myproject/app", "default/db", 80, false],
      ["default/db", "myproject/app", 80, false],
      ["myproject/app", "other-ns/app", 80, true],
    ],
  },
  {
    name: "targeting a range of ports (endPort)",
    policies: [["default", "multi-port-egress", { podSelector: { matchLabels: { role: "db" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/24" } }], ports: [{ protocol: "TCP", port: 32000, endPort: 32768 }] }] }]],
    probes: [
      ["default/db", "10.0.0.9", 32000, true],
      ["default/db", "10.0.0.9", 32768, true],
      ["default/db", "10.0.0.9", 31999, false],
      ["default/db", "10.0.0.9", 32769, false],
      ["default/frontend", "10.0.0.9", 80, true],
    ],
  },
  {
    name: "targeting a namespace by its name",
    policies: [["default", "from-myproject", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "myproject" } } }] }] }]],
    probes: [
      ["myproject/app", "default/db", 80, true],
      ["other-ns/app", "default/db", 80, false],
      ["default/frontend", "default/db", 80, false],
    ],
  },
];

test("Kubernetes documentation NetworkPolicy examples", () => {
  const failures: string[] = [];
  for (const ex of examples) {
    const w = docsWorld();
    for (const [ns, name, spec] of ex.policies) addPolicy(w, ns, name, spec);
    const net = createNetwork(w);
    for (const [from, to, port, allowed] of ex.probes) {
      const src: Source = from.includes("/") ? { pod: w.store.get(refs.pods, from.split("/")[0], from.split("/")[1])! } : { external: from };
      const r = net.explain(src, ip[to] ?? to, port, "TCP");
      if (r.policy?.allowed !== allowed) failures.push(`${ex.name}: ${from} -> ${to}:${port} want ${allowed ? "allowed" : "denied"}, got ${r.policy?.allowed} (${r.reason})`);
      if (!allowed && r.outcome !== "timeout") failures.push(`${ex.name}: ${from} -> ${to}:${port} denied traffic must time out, got ${r.outcome}`);
    }
  }
  assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
});
