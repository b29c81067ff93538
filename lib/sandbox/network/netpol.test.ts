// The upstream Kubernetes e2e NetworkPolicy cases (test/e2e/network/netpol/network_policy.go),
// as full truth tables: namespaces x, y, z with pods a, b, c each serving 80 and 81 on TCP, UDP
// and SCTP (container ports named serve-80-tcp, ...), a policy set per case, and the expected
// reachability of every (from, to) pair built the way upstream builds it (ExpectPeer,
// ExpectAllIngress, ...). Upstream ignores loopback cells because CNIs differ there; the sandbox
// always lets a pod reach itself (NetworkPolicy docs), so those cells are expected allowed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork, explainFromObjects } from "./index";
import { addCoreDNS, addNamespace, addPod, addPolicy, newWorld, type World } from "./testkit";
import { refs } from "./snapshot";
import type { Protocol } from "./types";
import { all, cases, egress, ingress, namespaces, nsName, policiesOf, port, R, sel, tcp, xa, type Probe, type Reachability } from "./netpol-cases";

const nodes = ["kind-worker", "kind-worker2"];
const ipOf = (key: string): string => `10.244.${nodes.indexOf(nodeOf(key)) + 1}.${10 + all.indexOf(key)}`;
const nodeOf = (key: string): string => nodes[all.indexOf(key) % 2];

function agnhostWorld(): World {
  const w = newWorld();
  addCoreDNS(w);
  for (const ns of namespaces) addNamespace(w, ns);
  for (const key of all) {
    const [ns, name] = key.split("/");
    const ports = [80, 81].flatMap((port) => (["TCP", "UDP", "SCTP"] as Protocol[]).map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, port, protocol })));
    addPod(w, ns, name, { labels: { pod: name }, ip: ipOf(key), node: nodeOf(key), ports });
  }
  return w;
}

function runMatrix(w: World, probe: Probe): string[] {
  const net = createNetwork(w);
  const pods = new Map(w.store.list(refs.pods).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const wrong: string[] = [];
  for (const f of all) {
    for (const t of all) {
      const want = f === t ? true : probe.expect.cells.get(`${f}>${t}`)!;
      const r = net.connect({ from: { pod: pods.get(f)! }, to: ipOf(t), port: probe.port, protocol: probe.protocol });
      const got = r.outcome === "connected";
      if (got !== want || (!got && r.outcome !== "timeout")) wrong.push(`  ${f} -> ${t} ${probe.port}/${probe.protocol}: want ${want ? "allowed" : "denied"}, got ${r.outcome} (${r.reason})`);
    }
  }
  return wrong;
}

test("upstream e2e NetworkPolicy cases: full 9x9 truth tables", () => {
  const failures: string[] = [];
  for (const c of cases) {
    const w = agnhostWorld();
    for (const [ns, name, spec] of policiesOf(c, ipOf)) addPolicy(w, ns, name, spec);
    for (const p of c.probes) {
      const wrong = runMatrix(w, p);
      if (wrong.length) failures.push(`${c.name}:\n${wrong.join("\n")}`);
    }
  }
  assert.equal(failures.length, 0, `\n${failures.join("\n\n")}`);
});

test("policies follow label and namespace updates (upstream 'updated pod' / 'updated namespace' cases)", () => {
  const w = agnhostWorld();
  addPolicy(w, "x", "allow-client-a-via-ns-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: sel({ ns2: "updated" }) }] }]));
  addPolicy(w, "x", "allow-client-a-via-pod-selector", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: sel({ pod: "b", pod2: "updated" }) }] }]));
  addPolicy(w, "x", "deny-ingress-via-label-selector", ingress(sel({ target: "isolated" }), []));
  const steps: [string, () => void, Reachability][] = [
    ["before any update", () => {}, R().allIngress(xa, false)],
    ["namespace y labelled ns2=updated", () => w.store.mutate(refs.namespaces, undefined, "y", (n) => (n.metadata.labels = { ...n.metadata.labels, ns2: "updated" })), R().allIngress(xa, false).expectPeer({ ns: "y" }, { ns: "x", pod: "a" }, true)],
    ["pod x/b labelled pod2=updated", () => w.store.mutate(refs.pods, "x", "b", (p) => (p.metadata.labels = { ...p.metadata.labels, pod2: "updated" })), R().allIngress(xa, false).expectPeer({ ns: "y" }, { ns: "x", pod: "a" }, true).expect("x/b", xa, true)],
    ["pod x/c labelled target=isolated", () => w.store.mutate(refs.pods, "x", "c", (p) => (p.metadata.labels = { ...p.metadata.labels, target: "isolated" })), R().allIngress(xa, false).expectPeer({ ns: "y" }, { ns: "x", pod: "a" }, true).expect("x/b", xa, true).allIngress("x/c", false)],
    ["policies deleted", () => w.store.list(refs.networkpolicies).forEach((p) => w.store.remove(refs.networkpolicies, p.metadata.namespace, p.metadata.name!)), R()],
    ["allow-all ingress policy in x", () => addPolicy(w, "x", "allow-all-mutate-to-deny-all", ingress({}, [{}])), R()],
    ["policy updated to deny-all (should enforce updated policy)", () => w.store.mutate(refs.networkpolicies, "x", "allow-all-mutate-to-deny-all", (p) => (p.spec.ingress = [])), R().expectPeer({}, { ns: "x" }, false)],
  ];
  const failures: string[] = [];
  for (const [name, change, expect] of steps) {
    change();
    const wrong = runMatrix(w, tcp(80, expect));
    if (wrong.length) failures.push(`${name}:\n${wrong.join("\n")}`);
  }
  assert.equal(failures.length, 0, `\n${failures.join("\n\n")}`);
});

test("a denied verdict names the isolating policies; an allowed one names the policy and rule", () => {
  const w = agnhostWorld();
  addPolicy(w, "x", "deny-ingress", ingress({}, []));
  addPolicy(w, "x", "allow-from-y", ingress(sel({ pod: "a" }), [{ from: [{ podSelector: sel({ pod: "zz" }) }] }, { from: [{ namespaceSelector: nsName("y") }], ports: [port(80)] }]));
  const net = createNetwork(w);
  const from = (key: string) => w.store.get(refs.pods, key.split("/")[0], key.split("/")[1])!;
  const allowed = net.explain({ pod: from("y/b") }, ipOf(xa), 80, "TCP");
  assert.equal(allowed.outcome, "connected");
  assert.deepEqual(allowed.policy?.ingress.allowedBy, { namespace: "x", policy: "allow-from-y", direction: "ingress", ruleIndex: 1 });
  assert.deepEqual(allowed.policy?.ingress.policies, [{ namespace: "x", name: "allow-from-y" }, { namespace: "x", name: "deny-ingress" }]);
  const denied = net.explain({ pod: from("z/b") }, ipOf(xa), 80, "TCP");
  assert.equal(denied.outcome, "timeout");
  assert.equal(denied.policy?.ingress.allowed, false);
  assert.equal(denied.reason, `ingress to x/a is isolated by policies allow-from-y, deny-ingress and no ingress rule allows traffic from z/b (${ipOf("z/b")}) to port 80/TCP`);
  const notIsolated = net.explain({ pod: from("x/a") }, ipOf("y/b"), 80, "TCP");
  assert.equal(notIsolated.policy?.egress.reason, "no NetworkPolicy selects x/a for egress, so all egress is allowed");
  const refused = net.explain({ pod: from("y/b") }, ipOf(xa), 80, "TCP");
  assert.equal(refused.outcome, "connected");
});

test("explainFromObjects gives the same verdicts from plain objects (how the grader explains a kind cluster)", () => {
  const w = agnhostWorld();
  addPolicy(w, "x", "allow-ns-y-pod-a-via-namespace-pod-selector", ingress(sel({ pod: "a" }), [{ from: [{ namespaceSelector: nsName("y"), podSelector: sel({ pod: "a" }) }] }]));
  addPolicy(w, "y", "deny-egress", egress(sel({ pod: "c" }), []));
  const objects = [refs.pods, refs.namespaces, refs.nodes, refs.networkpolicies, refs.services, refs.endpointslices].flatMap((r) => w.store.list(r));
  const net = createNetwork(w);
  const pods = new Map(w.store.list(refs.pods).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const wrong: string[] = [];
  for (const f of all) {
    for (const t of all) {
      const live = net.explain({ pod: pods.get(f)! }, ipOf(t), 80, "TCP");
      const offline = explainFromObjects(objects, { pod: pods.get(f)! }, ipOf(t), 80, "TCP");
      if (live.outcome !== offline.outcome || JSON.stringify(live.policy) !== JSON.stringify(offline.policy)) wrong.push(`${f} -> ${t}: live ${live.outcome}, from objects ${offline.outcome}`);
    }
  }
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
  const cell = explainFromObjects(objects, { pod: pods.get("z/a")! }, ipOf(xa), 80, "TCP");
  assert.equal(cell.outcome, "timeout");
  assert.deepEqual(cell.policy?.ingress.policies, [{ namespace: "x", name: "allow-ns-y-pod-a-via-namespace-pod-selector" }]);
});
