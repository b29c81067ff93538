import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, pod, threeNodes } from "./testkit";
import { namespaceController } from "./namespace";
import { kubelet } from "./kubelet";
import { R } from "./refs";

test("namespace: new namespaces get default ServiceAccount and kube-root-ca.crt, recreated when deleted", () => {
  const h = harness([namespaceController]);
  h.loop.start();
  h.store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" }, spec: { finalizers: ["kubernetes"] } });
  h.settle();
  assert.equal(h.store.mustGet(R.namespaces, undefined, "team-a").status.phase, "Active");
  assert.ok(h.store.get(R.serviceaccounts, "team-a", "default"));
  const cm = h.store.mustGet(R.configmaps, "team-a", "kube-root-ca.crt");
  assert.match(cm.data["ca.crt"], /BEGIN CERTIFICATE/);
  assert.match(cm.metadata.annotations!["kubernetes.io/description"], /^Contains a CA bundle/);
  h.store.remove(R.serviceaccounts, "team-a", "default");
  h.settle();
  assert.ok(h.store.get(R.serviceaccounts, "team-a", "default"));
});

test("namespace: deletion is Terminating until pods have stopped, then the namespace is gone", () => {
  const h = harness([namespaceController, kubelet]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  h.store.create(R.namespaces, { metadata: { name: "team-a" }, spec: { finalizers: ["kubernetes"] } });
  h.store.create(R.pods, pod("web", { nodeName: "kind-worker", terminationGracePeriodSeconds: 5, containers: [{ name: "web", image: "nginx", command: ["sleep", "3600"] }] }, { namespace: "team-a" }));
  h.store.create(R.configmaps, { metadata: { name: "cfg", namespace: "team-a" } });
  h.run(3000);
  h.store.mutate(R.namespaces, undefined, "team-a", (o) => void (o.metadata.deletionTimestamp = h.clock.now().toISOString()));
  h.run(2000);
  const ns = h.store.get(R.namespaces, undefined, "team-a");
  assert.equal(ns?.status.phase, "Terminating");
  assert.equal(h.store.get(R.configmaps, "team-a", "cfg"), undefined);
  assert.ok(h.store.get(R.pods, "team-a", "web")?.metadata.deletionTimestamp, "the pod is terminating");
  h.run(5000);
  assert.equal(h.store.get(R.namespaces, undefined, "team-a"), undefined);
  assert.equal(h.store.count(R.pods, "team-a"), 0);
});
