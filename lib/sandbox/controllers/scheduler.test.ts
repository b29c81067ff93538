import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, pod, threeNodes } from "./testkit";
import { scheduler, fitErrorMessage } from "./scheduler";
import { R } from "./refs";
import { nodeController } from "./node";

const cpToleration = { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" };

// Each case: a pod spec, and the node it must land on (or the FailedScheduling message).
const cases: { name: string; spec: any; cordon?: string; want: string }[] = [
  { name: "plain pod avoids the tainted control plane", spec: {}, want: "kind-worker" },
  { name: "nodeName is honoured as is", spec: { nodeName: "kind-worker2" }, want: "kind-worker2" },
  { name: "nodeSelector by hostname", spec: { nodeSelector: { "kubernetes.io/hostname": "kind-worker2" } }, want: "kind-worker2" },
  { name: "toleration + selector reach the control plane", spec: { tolerations: [cpToleration], nodeSelector: { "node-role.kubernetes.io/control-plane": "" } }, want: "kind-control-plane" },
  {
    name: "selector on the tainted node only",
    spec: { nodeSelector: { "node-role.kubernetes.io/control-plane": "" } },
    want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  },
  {
    name: "selector nobody has",
    spec: { nodeSelector: { disktype: "ssd" } },
    want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  },
  { name: "cordoned worker is skipped", spec: {}, cordon: "kind-worker", want: "kind-worker2" },
  {
    name: "a toleration for everything still cannot use a cordoned node",
    spec: { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists" }], nodeSelector: { "kubernetes.io/hostname": "kind-worker" } },
    cordon: "kind-worker",
    want: "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  },
  {
    name: "required node affinity In",
    spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["kind-worker2"] }] }] } } } },
    want: "kind-worker2",
  },
  {
    name: "too much cpu",
    spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "64" } } }] },
    want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
  },
];

test("scheduler: placement and FailedScheduling messages", () => {
  const wrong: string[] = [];
  for (const c of cases) {
    const h = harness([scheduler]);
    for (const n of threeNodes()) {
      if (n.metadata.name === c.cordon) n.spec.unschedulable = true;
      h.store.create(R.nodes, n);
    }
    h.loop.start();
    h.store.create(R.pods, pod("p", { containers: [{ name: "c", image: "nginx" }], ...c.spec }));
    h.settle();
    const p = h.store.mustGet(R.pods, "default", "p");
    const got = p.spec.nodeName ?? p.status.conditions?.find((x: any) => x.type === "PodScheduled")?.message ?? "(nothing)";
    if (got !== c.want) wrong.push(`${c.name}: got ${got}`);
    const ev = h.events().map((e) => `${e.reason}`);
    const wantEvent = c.want.startsWith("0/") ? "FailedScheduling" : c.spec.nodeName ? undefined : "Scheduled";
    if (wantEvent && !ev.includes(wantEvent)) wrong.push(`${c.name}: events ${ev.join(",")}`);
  }
  assert.deepEqual(wrong, []);
});

test("scheduler: replicas spread over the workers, and a waiting pod is placed when a node frees up", () => {
  const h = harness([scheduler]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  for (const name of ["a", "b", "c", "d"]) h.store.create(R.pods, pod(name, { containers: [{ name: "c", image: "nginx" }] }));
  h.settle();
  const nodes = h.store.list(R.pods).map((p) => p.spec.nodeName);
  assert.deepEqual(nodes, ["kind-worker", "kind-worker2", "kind-worker", "kind-worker2"]);
  const e = h.events().find((x) => x.reason === "Scheduled" && x.involvedObject.name === "a")!;
  assert.equal(e.message, "Successfully assigned default/a to kind-worker");
  assert.equal(e.source.component, "default-scheduler");

  // Uncordoning makes a pending pod schedulable: node events re-queue waiting pods.
  const h2 = harness([scheduler]);
  for (const n of threeNodes()) {
    if (n.metadata.name !== "kind-control-plane") n.spec.unschedulable = true;
    h2.store.create(R.nodes, n);
  }
  h2.loop.start();
  h2.store.create(R.pods, pod("w", { containers: [{ name: "c", image: "nginx" }] }));
  h2.settle();
  assert.equal(h2.store.mustGet(R.pods, "default", "w").spec.nodeName, undefined);
  h2.store.mutate(R.nodes, undefined, "kind-worker2", (n) => void delete n.spec.unschedulable);
  h2.settle();
  assert.equal(h2.store.mustGet(R.pods, "default", "w").spec.nodeName, "kind-worker2");
});

test("fitErrorMessage sorts reasons as the scheduler does", () => {
  assert.equal(
    fitErrorMessage(3, ["node(s) were unschedulable", "node(s) were unschedulable", "node(s) had untolerated taint {a: b}"]),
    "0/3 nodes are available: 1 node(s) had untolerated taint {a: b}, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
});

test("cordon: the node gets the unschedulable taint and NodeNotSchedulable; uncordon removes both", () => {
  const h = harness([nodeController]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  h.store.mutate(R.nodes, undefined, "kind-worker", (n) => void (n.spec.unschedulable = true));
  h.settle();
  const taints = () => (h.store.mustGet(R.nodes, undefined, "kind-worker").spec.taints ?? []).map((t: any) => `${t.key}:${t.effect}`);
  assert.deepEqual(taints(), ["node.kubernetes.io/unschedulable:NoSchedule"]);
  h.store.mutate(R.nodes, undefined, "kind-worker", (n) => void delete n.spec.unschedulable);
  h.settle();
  assert.deepEqual(taints(), []);
  assert.deepEqual(
    h.events().map((e) => e.reason),
    ["NodeNotSchedulable", "NodeSchedulable"],
  );
});

test("scheduler: required pod anti-affinity puts replicas on different nodes, and says so when it cannot", () => {
  const h = harness([scheduler]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } };
  for (const name of ["a", "b", "c"]) h.store.create(R.pods, pod(name, { affinity: anti, containers: [{ name: "c", image: "nginx" }] }, { labels: { app: "web" } }));
  // A pod that wants to be next to "a".
  h.store.create(R.pods, pod("friend", { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } }, containers: [{ name: "c", image: "nginx" }] }));
  h.settle();
  const at = (n: string) => h.store.mustGet(R.pods, "default", n).spec.nodeName;
  assert.deepEqual([at("a"), at("b")], ["kind-worker", "kind-worker2"]);
  assert.equal(at("c"), undefined);
  assert.equal(
    h.store.mustGet(R.pods, "default", "c").status.conditions[0].message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
  );
  assert.ok(["kind-worker", "kind-worker2"].includes(at("friend")));
});
