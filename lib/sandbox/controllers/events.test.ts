import { test } from "node:test";
import assert from "node:assert/strict";
import { Store } from "../store/store";
import { createEventRecorder, maxEvents } from "./events";
import { manualClock } from "./testkit";
import { R } from "./refs";

test("events: core/v1 shape, dedup by reason+message, kubelet host, terminating namespaces", () => {
  const store = new Store();
  const clock = manualClock();
  const rec = createEventRecorder(store, clock);
  const pod = store.create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { nodeName: "kind-worker" } });
  rec.record(pod, "Normal", "Pulling", 'Pulling image "nginx"', "kubelet", "spec.containers{web}");
  clock.advance(5000);
  rec.record(pod, "Normal", "Pulling", 'Pulling image "nginx"', "kubelet", "spec.containers{web}");
  rec.record(pod, "Warning", "BackOff", "Back-off", "kubelet");
  const events = store.list(R.events);
  assert.equal(events.length, 2);
  const e = events.find((x) => x.reason === "Pulling")!;
  assert.match(e.metadata.name!, /^web\.[0-9a-f]{16,}$/);
  assert.equal(e.metadata.namespace, "default");
  assert.deepEqual(e.involvedObject, { kind: "Pod", namespace: "default", name: "web", uid: pod.metadata.uid, apiVersion: "v1", resourceVersion: pod.metadata.resourceVersion, fieldPath: "spec.containers{web}" });
  assert.deepEqual(e.source, { component: "kubelet", host: "kind-worker" });
  assert.equal(e.reportingComponent, "kubelet");
  assert.equal(e.reportingInstance, "kind-worker");
  assert.equal(e.count, 2);
  assert.equal(Date.parse(e.lastTimestamp) - Date.parse(e.firstTimestamp), 5000);
  assert.equal(e.type, "Normal");

  // Cluster-scoped objects' events live in "default"; terminating namespaces take no new events.
  const node = store.create(R.nodes, { apiVersion: "v1", kind: "Node", metadata: { name: "kind-worker" } });
  rec.record(node, "Normal", "NodeReady", "Node kind-worker status is now: NodeReady", "kubelet");
  assert.equal(store.list(R.events, "default").filter((x) => x.involvedObject.kind === "Node").length, 1);
  store.create(R.namespaces, { metadata: { name: "gone" } });
  store.mutate(R.namespaces, undefined, "gone", (o) => void (o.metadata.deletionTimestamp = clock.now().toISOString()));
  rec.record({ kind: "Pod", apiVersion: "v1", metadata: { name: "x", namespace: "gone", uid: "u" } }, "Normal", "Killing", "Stopping container x", "kubelet");
  assert.equal(store.list(R.events, "gone").length, 0);
});

test("events: pruned past the cap and past the 1h TTL", () => {
  const store = new Store();
  const clock = manualClock();
  const rec = createEventRecorder(store, clock);
  const cm = { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "c", namespace: "default", uid: "u" } };
  for (let i = 0; i < maxEvents + 100; i++) rec.record(cm, "Normal", "Test", `event ${i}`, "test");
  assert.ok(store.count(R.events) <= maxEvents, `${store.count(R.events)} events kept`);
  clock.advance(2 * 60 * 60 * 1000);
  for (let i = 0; i < 50; i++) rec.record(cm, "Normal", "Test", `late ${i}`, "test");
  assert.ok(store.list(R.events).every((e) => e.message.startsWith("late")));
});
