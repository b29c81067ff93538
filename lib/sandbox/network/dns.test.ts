// DNS as CoreDNS answers it in a kind cluster: names × sources → rcode, answers and the names the
// resolver tried (search path, ndots:5), including DNS broken by NetworkPolicy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork } from "./index";
import { addCoreDNS, addNamespace, addPod, addPolicy, addService, newWorld, type World } from "./testkit";
import { refs } from "./snapshot";
import type { DnsResult, DnsType } from "./types";

function dnsWorld(): World {
  const w = newWorld();
  addCoreDNS(w);
  addNamespace(w, "prod");
  addPod(w, "default", "client", { ip: "10.244.1.30", labels: { app: "client" } });
  addPod(w, "prod", "client", { ip: "10.244.2.31", node: "kind-worker2", labels: { app: "client" } });
  addPod(w, "default", "node-dns", { ip: "10.244.1.32", spec: { dnsPolicy: "Default" } });
  addPod(w, "default", "custom", { ip: "10.244.1.33", spec: { dnsConfig: { searches: ["corp.example"], options: [{ name: "ndots", value: "2" }] } } });
  addPod(w, "default", "db-0", { ip: "10.244.1.40", labels: { app: "db" }, ports: [{ name: "pg", port: 5432 }], spec: { hostname: "db-0", subdomain: "db" } });
  addPod(w, "default", "db-1", { ip: "10.244.2.41", node: "kind-worker2", labels: { app: "db" }, ports: [{ name: "pg", port: 5432 }] });
  addPod(w, "default", "db-2", { ip: "10.244.2.42", node: "kind-worker2", labels: { app: "db" }, ports: [{ name: "pg", port: 5432 }] });
  addPod(w, "prod", "api", { ip: "10.244.2.50", node: "kind-worker2", labels: { app: "api" }, ports: [{ name: "http", port: 8080 }] });
  addService(w, "default", "web", { clusterIP: "10.96.30.1", selector: { app: "nothing" }, ports: [{ name: "http", port: 80 }, { port: 8443 }] });
  addService(w, "default", "db", { clusterIP: "None", selector: { app: "db" }, ports: [{ name: "pg", port: 5432 }], unready: ["db-2"] });
  addService(w, "default", "ext", { type: "ExternalName", spec: { externalName: "example.com" } });
  addService(w, "prod", "api", { clusterIP: "10.96.30.2", selector: { app: "api" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] });
  return w;
}

interface Row {
  from: string;
  name: string;
  type?: DnsType;
  rcode: DnsResult["rcode"];
  answers?: string[];
  tried?: string[];
}

const S = (ns: string) => [`${ns}.svc.cluster.local`, "svc.cluster.local", "cluster.local"];
const expand = (name: string, ns = "default") => S(ns).map((s) => `${name}.${s}`);

const rows: Row[] = [
  { from: "default/client", name: "web", rcode: "NOERROR", answers: ["A 10.96.30.1"], tried: ["web.default.svc.cluster.local"] },
  { from: "default/client", name: "web.default", rcode: "NOERROR", answers: ["A 10.96.30.1"], tried: ["web.default.default.svc.cluster.local", "web.default.svc.cluster.local"] },
  { from: "default/client", name: "web.default.svc.cluster.local", rcode: "NOERROR", answers: ["A 10.96.30.1"], tried: ["web.default.svc.cluster.local.default.svc.cluster.local", "web.default.svc.cluster.local.svc.cluster.local", "web.default.svc.cluster.local.cluster.local", "web.default.svc.cluster.local"] },
  { from: "default/client", name: "web.default.svc.cluster.local.", rcode: "NOERROR", answers: ["A 10.96.30.1"], tried: ["web.default.svc.cluster.local"] },
  { from: "prod/client", name: "web", rcode: "NXDOMAIN", tried: [...expand("web", "prod"), "web"] },
  { from: "prod/client", name: "web.default", rcode: "NOERROR", answers: ["A 10.96.30.1"] },
  { from: "prod/client", name: "api", rcode: "NOERROR", answers: ["A 10.96.30.2"] },
  { from: "default/client", name: "api", rcode: "NXDOMAIN", tried: [...expand("api"), "api"] },
  { from: "default/client", name: "db", rcode: "NOERROR", answers: ["A 10.244.1.40", "A 10.244.2.41"] },
  { from: "default/client", name: "db-0.db", rcode: "NOERROR", answers: ["A 10.244.1.40"] },
  { from: "default/client", name: "10-244-2-41.db", rcode: "NOERROR", answers: ["A 10.244.2.41"] },
  { from: "default/client", name: "10-244-2-42.db", rcode: "NXDOMAIN" },
  { from: "default/client", name: "ext", rcode: "NOERROR", answers: ["CNAME example.com", "A 93.184.215.14"] },
  { from: "default/client", name: "10-244-2-50.prod.pod.cluster.local", rcode: "NOERROR", answers: ["A 10.244.2.50"] },
  { from: "default/client", name: "10-244-2-50.nope.pod.cluster.local", rcode: "NXDOMAIN" },
  { from: "default/client", name: "_http._tcp.web", type: "SRV", rcode: "NOERROR", answers: ["SRV 0 100 80 web.default.svc.cluster.local"] },
  { from: "default/client", name: "_pg._tcp.db", type: "SRV", rcode: "NOERROR", answers: ["SRV 0 50 5432 db-0.db.default.svc.cluster.local", "SRV 0 50 5432 10-244-2-41.db.default.svc.cluster.local"] },
  { from: "default/client", name: "_nope._tcp.web", type: "SRV", rcode: "NXDOMAIN" },
  { from: "default/client", name: "web", type: "AAAA", rcode: "NOERROR", answers: [] },
  { from: "default/client", name: "10.96.30.1", type: "PTR", rcode: "NOERROR", answers: ["PTR web.default.svc.cluster.local"] },
  { from: "default/client", name: "10.244.1.40", type: "PTR", rcode: "NOERROR", answers: ["PTR db-0.db.default.svc.cluster.local"] },
  { from: "default/client", name: "10.244.1.30", type: "PTR", rcode: "NXDOMAIN" },
  { from: "default/client", name: "kubernetes", rcode: "NXDOMAIN" },
  { from: "default/client", name: "example.com", rcode: "NOERROR", answers: ["A 93.184.215.14"], tried: [...expand("example.com"), "example.com"] },
  { from: "default/client", name: "no-such-host.invalid", rcode: "NXDOMAIN" },
  { from: "default/node-dns", name: "web", rcode: "NXDOMAIN", tried: ["web"] },
  { from: "default/node-dns", name: "web.default.svc.cluster.local", rcode: "NXDOMAIN" },
  { from: "default/node-dns", name: "kubernetes.io", rcode: "NOERROR", answers: ["A 15.197.167.90"], tried: ["kubernetes.io"] },
  { from: "default/custom", name: "a.b.c", rcode: "NXDOMAIN", tried: ["a.b.c", ...expand("a.b.c"), "a.b.c.corp.example"] },
  { from: "default/custom", name: "a.b", rcode: "NXDOMAIN", tried: [...expand("a.b"), "a.b.corp.example", "a.b"] },
  { from: "node:kind-worker", name: "example.com", rcode: "NOERROR", answers: ["A 93.184.215.14"] },
];

function sourceOf(w: World, from: string) {
  if (from.startsWith("node:")) return { node: from.slice(5) };
  const [ns, name] = from.split("/");
  return { pod: w.store.get(refs.pods, ns, name)! };
}

function check(w: World, rs: Row[]): string[] {
  const net = createNetwork(w);
  const wrong: string[] = [];
  for (const r of rs) {
    const res = net.resolve(sourceOf(w, r.from), r.name, r.type ?? "A");
    const answers = res.answers.map((a) => `${a.type} ${a.data}`);
    const bad = res.rcode !== r.rcode || (r.answers && JSON.stringify(answers) !== JSON.stringify(r.answers)) || (r.tried && JSON.stringify(res.tried) !== JSON.stringify(r.tried));
    if (bad) wrong.push(`${r.from} ${r.type ?? "A"} ${r.name}: want ${r.rcode} ${JSON.stringify(r.answers ?? "*")} tried ${JSON.stringify(r.tried ?? "*")}, got ${res.rcode} ${JSON.stringify(answers)} tried ${JSON.stringify(res.tried)}`);
  }
  return wrong;
}

test("DNS answers: names × pods", () => {
  const wrong = check(dnsWorld(), rows);
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
});

test("DNS goes through the packet path: NetworkPolicy can break it", () => {
  const steps: [string, (w: World) => void, Row[]][] = [
    ["default deny egress in default: lookups time out", (w) => addPolicy(w, "default", "default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] }), [
      { from: "default/client", name: "web", rcode: "timeout" },
      { from: "default/client", name: "example.com", rcode: "timeout" },
      { from: "prod/client", name: "web.default", rcode: "NOERROR" },
    ]],
    ["allowing only TCP 53 is not enough (resolvers use UDP)", (w) => addPolicy(w, "default", "allow-dns-tcp", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 53, protocol: "TCP" }] }] }), [
      { from: "default/client", name: "web", rcode: "timeout" },
    ]],
    ["allow UDP 53 to kube-dns pods: lookups work again", (w) => addPolicy(w, "default", "allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }] }] }), [
      { from: "default/client", name: "web", rcode: "NOERROR", answers: ["A 10.96.30.1"] },
      { from: "default/client", name: "nothing-here", rcode: "NXDOMAIN" },
    ]],
    ["deny ingress to the CoreDNS pods: every ClusterFirst pod times out", (w) => addPolicy(w, "kube-system", "deny-all-ingress", { podSelector: {}, policyTypes: ["Ingress"] }), [
      { from: "default/client", name: "web", rcode: "timeout" },
      { from: "prod/client", name: "api", rcode: "timeout" },
      { from: "default/node-dns", name: "example.com", rcode: "timeout" },
    ]],
  ];
  const w = dnsWorld();
  const failures: string[] = [];
  for (const [name, change, rs] of steps) {
    change(w);
    const wrong = check(w, rs);
    if (wrong.length) failures.push(`${name}:\n  ${wrong.join("\n  ")}`);
  }
  assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
});

test("a blocked lookup says which policy dropped it", () => {
  const w = dnsWorld();
  addPolicy(w, "default", "default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
  const net = createNetwork(w, { random: () => 0 });
  const r = net.resolve(sourceOf(w, "default/client"), "web");
  assert.equal(r.rcode, "timeout");
  assert.equal(r.server, "10.96.0.10");
  assert.equal(
    r.transport?.reason,
    "egress from default/client is isolated by policy default-deny-egress and no egress rule allows traffic to kube-system/coredns-668d6bf9bc-4xkqp (10.244.0.2) port 53/UDP via Service kube-system/kube-dns (ClusterIP 10.96.0.10, 53/UDP → 53)",
  );
});
