import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, threeNodes, type Harness } from "./testkit";
import { scheduler } from "./scheduler";
import { kubelet } from "./kubelet";
import { deploymentController, fenceposts, intOrPercent } from "./deployment";
import { replicaSetController, rankForDeletion } from "./replicaset";
import { garbageCollector } from "./gc";
import { R, controllerOf } from "./refs";
import { podTemplateHash, safeEncode } from "./hash";
import type { K8sObject } from "../types";
import { Store } from "../store/store";
import { quotaExceeded } from "../errors";

function cluster(): Harness {
  const h = harness([scheduler, kubelet, deploymentController, replicaSetController, garbageCollector]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  return h;
}

const deployment = (name: string, replicas: number, image: string, strategy?: any): K8sObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "default", generation: 1, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image }] } },
    ...(strategy ? { strategy } : {}),
  },
});

/** Changes the template as `kubectl set image` would (and bumps generation as the API would). */
const setImage = (h: Harness, name: string, image: string) =>
  h.store.mutate(R.deployments, "default", name, (d) => {
    d.spec.template.spec.containers[0].image = image;
    d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  });

const rsSummary = (h: Harness) =>
  h.store
    .list(R.replicasets)
    .sort((a, b) => Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) - Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]))
    .map((rs) => `${rs.spec.template.spec.containers[0].image}:${rs.spec.replicas}`);

test("pod-template-hash has upstream's shape and is stable", () => {
  const t = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } };
  const h1 = podTemplateHash(t);
  assert.match(h1, /^[4-9bcdf]{8,10}$/);
  assert.equal(podTemplateHash(structuredClone(t)), h1);
  assert.notEqual(podTemplateHash(t, 1), h1);
  assert.equal(safeEncode("0123456789"), "456789bcdf");
});

test("fenceposts: maxSurge rounds up, maxUnavailable down, never both zero", () => {
  const table: [number, any, { surge: number; unavailable: number }][] = [
    [3, undefined, { surge: 1, unavailable: 0 }],
    [4, undefined, { surge: 1, unavailable: 1 }],
    [10, { maxSurge: "50%", maxUnavailable: "10%" }, { surge: 5, unavailable: 1 }],
    [3, { maxSurge: 0, maxUnavailable: 0 }, { surge: 0, unavailable: 1 }],
    [3, { maxSurge: 2, maxUnavailable: "0%" }, { surge: 2, unavailable: 0 }],
  ];
  const wrong = table.filter(([replicas, ru, want]) => {
    const got = fenceposts({ metadata: {}, spec: { replicas, strategy: ru ? { type: "RollingUpdate", rollingUpdate: ru } : undefined } });
    return got.surge !== want.surge || got.unavailable !== want.unavailable;
  });
  assert.deepEqual(wrong, []);
  assert.equal(intOrPercent("25%", 7, true), 2);
});

test("deployment: creates a ReplicaSet and pods, reports status and conditions", () => {
  const h = cluster();
  h.store.create(R.deployments, deployment("web", 3, "nginx"));
  h.run(3000);
  const [rs] = h.store.list(R.replicasets);
  const hash = rs.metadata.labels!["pod-template-hash"];
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.equal(rs.metadata.annotations!["deployment.kubernetes.io/revision"], "1");
  assert.equal(rs.metadata.annotations!["deployment.kubernetes.io/desired-replicas"], "3");
  assert.equal(rs.metadata.annotations!["deployment.kubernetes.io/max-replicas"], "4");
  assert.deepEqual(rs.spec.selector.matchLabels, { app: "web", "pod-template-hash": hash });
  assert.equal(controllerOf(rs)!.kind, "Deployment");
  const pods = h.store.list(R.pods);
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.match(p.metadata.name!, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.metadata.labels!["pod-template-hash"], hash);
    assert.equal(p.status.phase, "Running");
  }
  assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  const d = h.store.mustGet(R.deployments, "default", "web");
  assert.equal(d.metadata.annotations!["deployment.kubernetes.io/revision"], "1");
  assert.deepEqual(
    { ...d.status, conditions: d.status.conditions.map((c: any) => `${c.type}/${c.status}/${c.reason}/${c.message}`) },
    {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: ["Available/True/MinimumReplicasAvailable/Deployment has minimum availability.", `Progressing/True/NewReplicaSetAvailable/ReplicaSet "web-${hash}" has successfully progressed.`],
    },
  );
  const ev = h.events().filter((e) => e.involvedObject.kind === "Deployment").map((e) => e.message);
  assert.deepEqual(ev, [`Scaled up replica set web-${hash} from 0 to 3`]);
  const rsEv = h.events().filter((e) => e.involvedObject.kind === "ReplicaSet" && e.reason === "SuccessfulCreate");
  assert.equal(rsEv.length, 3);
  assert.match(rsEv[0].message, /^Created pod: web-/);
  assert.equal(rsEv[0].source.component, "replicaset-controller");
});

test("deployment: rolling update never exceeds maxSurge nor drops below minAvailable, then cleans up", () => {
  const h = cluster();
  h.store.create(R.deployments, deployment("web", 4, "nginx:1.26", { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }));
  h.run(3000);
  setImage(h, "web", "nginx:1.27");
  let maxPods = 0;
  let minAvailable = Infinity;
  let maxDesired = 0;
  for (let i = 0; i < 100; i++) {
    h.clock.advance(100);
    h.settle();
    maxDesired = Math.max(maxDesired, h.store.list(R.replicasets).reduce((n, rs) => n + rs.spec.replicas, 0));
    const active = h.store.list(R.pods).filter((p) => !p.metadata.deletionTimestamp);
    const ready = active.filter((p) => p.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"));
    maxPods = Math.max(maxPods, active.length);
    minAvailable = Math.min(minAvailable, ready.length);
  }
  assert.ok(maxPods <= 5, `at most replicas+maxSurge pods, saw ${maxPods}`);
  assert.ok(maxDesired <= 5, `ReplicaSets never ask for more than replicas+maxSurge, saw ${maxDesired}`);
  assert.ok(minAvailable >= 3, `at least replicas-maxUnavailable ready, saw ${minAvailable}`);
  assert.deepEqual(rsSummary(h), ["nginx:1.26:0", "nginx:1.27:4"]);
  const d = h.store.mustGet(R.deployments, "default", "web");
  assert.equal(d.metadata.annotations!["deployment.kubernetes.io/revision"], "2");
  assert.equal(d.status.updatedReplicas, 4);
  assert.equal(d.status.observedGeneration, 2);
  assert.equal(d.status.conditions.find((c: any) => c.type === "Progressing").reason, "NewReplicaSetAvailable");
  const msgs = h.events().filter((e) => e.reason === "ScalingReplicaSet").map((e) => e.message.replace(/web-[4-9bcdf]+/g, "RS"));
  assert.ok(msgs.includes("Scaled down replica set RS from 4 to 3"), msgs.join("\n"));

  // Undo: the template goes back to 1.26, the old ReplicaSet becomes revision 3.
  setImage(h, "web", "nginx:1.26");
  h.run(10_000);
  assert.deepEqual(rsSummary(h), ["nginx:1.27:0", "nginx:1.26:4"]);
  const old = h.store.list(R.replicasets).find((rs) => rs.spec.template.spec.containers[0].image === "nginx:1.26")!;
  assert.equal(old.metadata.annotations!["deployment.kubernetes.io/revision"], "3");
  assert.equal(old.metadata.annotations!["deployment.kubernetes.io/revision-history"], "1");

  // revisionHistoryLimit 0 removes the old, empty ReplicaSets.
  h.store.mutate(R.deployments, "default", "web", (o) => void (o.spec.revisionHistoryLimit = 0));
  h.run(500);
  assert.deepEqual(rsSummary(h), ["nginx:1.26:4"]);
});

test("deployment: scaling up and down; Recreate stops old pods before new ones start", () => {
  const h = cluster();
  h.store.create(R.deployments, deployment("web", 2, "nginx"));
  h.run(3000);
  h.store.mutate(R.deployments, "default", "web", (o) => void (o.spec.replicas = 5));
  h.run(3000);
  assert.equal(h.store.list(R.pods).filter((p) => p.status.phase === "Running").length, 5);
  h.store.mutate(R.deployments, "default", "web", (o) => void (o.spec.replicas = 1));
  h.run(3000);
  assert.equal(h.store.list(R.pods).length, 1);
  assert.equal(h.store.mustGet(R.deployments, "default", "web").status.replicas, 1);

  const r = cluster();
  r.store.create(R.deployments, deployment("web", 3, "nginx:1.26", { type: "Recreate" }));
  r.run(3000);
  setImage(r, "web", "nginx:1.27");
  let mixed = false;
  for (let i = 0; i < 60; i++) {
    r.clock.advance(100);
    r.settle();
    const images = new Set(r.store.list(R.pods).map((p) => p.spec.containers[0].image));
    if (images.size > 1) mixed = true;
  }
  assert.equal(mixed, false, "Recreate never runs old and new pods together");
  assert.deepEqual(rsSummary(r), ["nginx:1.26:0", "nginx:1.27:3"]);
});

test("replicaset: scale-down deletes not-ready and newest pods first, and adopts orphans", () => {
  const mk = (name: string, node: string | undefined, phase: string, ready: boolean, created: string): K8sObject => ({
    metadata: { name, creationTimestamp: created },
    spec: node ? { nodeName: node } : {},
    status: { phase, conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });
  const pods = [
    mk("old-ready", "n", "Running", true, "2026-01-01T00:00:00Z"),
    mk("new-ready", "n", "Running", true, "2026-01-02T00:00:00Z"),
    mk("not-ready", "n", "Running", false, "2026-01-01T00:00:00Z"),
    mk("pending", "n", "Pending", false, "2026-01-01T00:00:00Z"),
    mk("unscheduled", undefined, "Pending", false, "2026-01-01T00:00:00Z"),
  ];
  assert.deepEqual([...pods].sort(rankForDeletion).map((p) => p.metadata.name), ["unscheduled", "pending", "not-ready", "new-ready", "old-ready"]);

  const h = cluster();
  h.store.create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "orphan", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } });
  h.store.create(R.replicasets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  });
  h.run(2000);
  const pods2 = h.store.list(R.pods);
  assert.equal(pods2.length, 2);
  assert.equal(controllerOf(h.store.mustGet(R.pods, "default", "orphan"))!.name, "web");
});

test("deployment: pause holds a template change back, resume rolls it out; minReadySeconds delays availability", () => {
  const h = cluster();
  h.store.create(R.deployments, deployment("web", 2, "nginx:1.26"));
  h.run(3000);
  h.store.mutate(R.deployments, "default", "web", (o) => void (o.spec.paused = true));
  setImage(h, "web", "nginx:1.27");
  h.run(3000);
  assert.deepEqual(rsSummary(h), ["nginx:1.26:2"]);
  const cond = () => h.store.mustGet(R.deployments, "default", "web").status.conditions.find((c: any) => c.type === "Progressing");
  assert.deepEqual([cond().status, cond().reason, cond().message], ["Unknown", "DeploymentPaused", "Deployment is paused"]);
  h.store.mutate(R.deployments, "default", "web", (o) => void delete o.spec.paused);
  h.run(6000);
  assert.deepEqual(rsSummary(h), ["nginx:1.26:0", "nginx:1.27:2"]);
  assert.equal(cond().reason, "NewReplicaSetAvailable");

  const m = cluster();
  const d = deployment("slow", 1, "nginx");
  d.spec.minReadySeconds = 10;
  m.store.create(R.deployments, d);
  m.run(3000);
  const status = () => m.store.mustGet(R.deployments, "default", "slow").status;
  assert.equal(status().readyReplicas, 1);
  assert.equal(status().availableReplicas, undefined, "ready but not yet available");
  m.run(12_000, 500);
  assert.equal(status().availableReplicas, 1);
});

test("deployment: default strategy (25%/25%) on 3 replicas surges one pod at a time and keeps all 3 available", () => {
  const h = cluster();
  h.store.create(R.deployments, deployment("web", 3, "nginx:1.26"));
  h.run(3000);
  setImage(h, "web", "nginx:1.27");
  let maxDesired = 0;
  let minReady = Infinity;
  for (let i = 0; i < 100; i++) {
    h.clock.advance(100);
    h.settle();
    maxDesired = Math.max(maxDesired, h.store.list(R.replicasets).reduce((n, rs) => n + rs.spec.replicas, 0));
    const ready = h.store.list(R.pods).filter((p) => !p.metadata.deletionTimestamp && p.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"));
    minReady = Math.min(minReady, ready.length);
  }
  assert.equal(maxDesired, 4);
  assert.equal(minReady, 3);
  const msgs = h.events().filter((e) => e.reason === "ScalingReplicaSet").map((e) => e.message.replace(/web-[4-9bcdf]+/g, "RS"));
  assert.deepEqual(msgs.slice(1, 3), ["Scaled up replica set RS from 0 to 1", "Scaled down replica set RS from 3 to 2"]);
  assert.deepEqual(rsSummary(h), ["nginx:1.26:0", "nginx:1.27:3"]);
});

test("replicaset: a refused pod create becomes a FailedCreate event, and is retried", () => {
  let maxPods = 2;
  const store = new Store({
    admit: (ref, obj, s) => {
      if (ref.resource === "pods" && s.count(R.pods) >= maxPods) throw quotaExceeded("pods", "", obj.metadata.name ?? "", "sandbox-quota", "pods", 1, s.count(R.pods), maxPods);
    },
  });
  const h = harness([replicaSetController], { store });
  h.loop.start();
  h.store.create(R.replicasets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  });
  h.settle();
  assert.equal(h.store.count(R.pods), 2);
  const failed = h.events().find((e) => e.reason === "FailedCreate")!;
  assert.match(failed.message, /^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: sandbox-quota, requested: pods=1, used: pods=2, limited: pods=2$/);
  maxPods = 5;
  h.run(11_000, 1000);
  assert.equal(h.store.count(R.pods), 3);
});
