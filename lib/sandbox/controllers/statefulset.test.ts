import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, threeNodes } from "./testkit";
import { scheduler } from "./scheduler";
import { kubelet } from "./kubelet";
import { statefulSetController } from "./statefulset";
import { R } from "./refs";

const sets = { group: "apps", resource: "statefulsets" };

test("statefulset: ordered pods with stable names and DNS identity, ordered scale-down, rolling update", () => {
  const h = harness([scheduler, kubelet, statefulSetController]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  h.store.create(sets, {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 3, serviceName: "nginx", selector: { matchLabels: { app: "nginx" } }, template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] } } },
  });
  // OrderedReady: web-1 only once web-0 is Ready.
  const order: string[] = [];
  for (let i = 0; i < 80; i++) {
    h.clock.advance(100);
    h.settle();
    for (const p of h.store.list(R.pods)) if (!order.includes(p.metadata.name!)) order.push(p.metadata.name!);
  }
  assert.deepEqual(order, ["web-0", "web-1", "web-2"]);
  const p0 = h.store.mustGet(R.pods, "default", "web-0");
  assert.equal(p0.spec.hostname, "web-0");
  assert.equal(p0.spec.subdomain, "nginx");
  assert.equal(p0.metadata.labels!["statefulset.kubernetes.io/pod-name"], "web-0");
  const st = h.store.mustGet(sets, "default", "web").status;
  assert.equal(st.readyReplicas, 3);
  assert.equal(st.currentRevision, st.updateRevision);

  h.store.mutate(sets, "default", "web", (o) => void (o.spec.template.spec.containers[0].image = "nginx:1.27"));
  h.run(15_000, 200);
  assert.deepEqual(h.store.list(R.pods).map((p) => `${p.metadata.name}:${p.spec.containers[0].image}`), ["web-0:nginx:1.27", "web-1:nginx:1.27", "web-2:nginx:1.27"]);
  const deletes = h.events().filter((e) => e.reason === "SuccessfulDelete").map((e) => e.message);
  assert.deepEqual(deletes, ["delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful", "delete Pod web-0 in StatefulSet web successful"]);

  h.store.mutate(sets, "default", "web", (o) => void (o.spec.replicas = 1));
  h.run(5000, 200);
  assert.deepEqual(h.store.list(R.pods).map((p) => p.metadata.name), ["web-0"]);
});
