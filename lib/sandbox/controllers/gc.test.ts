import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, pod, threeNodes } from "./testkit";
import { garbageCollector } from "./gc";
import { kubelet } from "./kubelet";
import { R } from "./refs";
import type { K8sObject } from "../types";

/** deploy → rs → 2 pods (pods on a node: they terminate gracefully, so they pass through the kubelet). */
function world(onNode: boolean) {
  const h = harness([garbageCollector, kubelet]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  const d = h.store.create(R.deployments, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec: {} });
  const own = (o: K8sObject, kind: string, apiVersion = "apps/v1") => [{ apiVersion, kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  const rs = h.store.create(R.replicasets, { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc", namespace: "default", ownerReferences: own(d, "Deployment") }, spec: {} });
  for (const n of ["web-abc-1", "web-abc-2"])
    h.store.create(R.pods, pod(n, { ...(onNode ? { nodeName: "kind-worker" } : {}), containers: [{ name: "c", image: "nginx" }] }, { ownerReferences: own(rs, "ReplicaSet") }));
  h.loop.start();
  h.run(2000);
  return { h, d, rs };
}

const names = (h: ReturnType<typeof world>["h"]) =>
  [...h.store.list(R.deployments), ...h.store.list(R.replicasets), ...h.store.list(R.pods)].map((o) => `${o.metadata.name}${o.metadata.deletionTimestamp ? "(terminating)" : ""}${o.metadata.ownerReferences?.length ? "" : "(orphan)"}`);

test("garbage collector: background, foreground and orphan propagation", () => {
  const table: { name: string; del: (h: any, d: K8sObject) => void; during?: string[]; after: string[] }[] = [
    {
      name: "background: owner gone at once, dependents follow",
      del: (h, d) => h.store.remove(R.deployments, "default", d.metadata.name),
      after: [],
    },
    {
      name: "foreground: owner waits (terminating) until dependents are gone",
      del: (h) =>
        h.store.mutate(R.deployments, "default", "web", (o: K8sObject) => {
          o.metadata.finalizers = ["foregroundDeletion"];
          o.metadata.deletionTimestamp = h.clock.now().toISOString();
        }),
      during: ["web(terminating)(orphan)"],
      after: [],
    },
    {
      name: "orphan: dependents lose the ownerReference and stay",
      del: (h) =>
        h.store.mutate(R.deployments, "default", "web", (o: K8sObject) => {
          o.metadata.finalizers = ["orphan"];
          o.metadata.deletionTimestamp = h.clock.now().toISOString();
        }),
      after: ["web-abc(orphan)", "web-abc-1", "web-abc-2"],
    },
  ];
  const wrong: string[] = [];
  for (const c of table) {
    const { h, d } = world(true);
    c.del(h, d);
    h.settle();
    if (c.during && !c.during.every((x) => names(h).includes(x))) wrong.push(`${c.name}: during ${names(h).join(" ")}`);
    h.run(3000);
    const got = names(h);
    if (JSON.stringify(got) !== JSON.stringify(c.after)) wrong.push(`${c.name}: after ${got.join(" ")}`);
  }
  assert.deepEqual(wrong, []);
});

test("garbage collector: a dependent with another live owner only loses the dangling reference", () => {
  const h = harness([garbageCollector]);
  const a = h.store.create(R.configmaps, { metadata: { name: "a", namespace: "default" } });
  h.store.create(R.configmaps, {
    metadata: {
      name: "dep",
      namespace: "default",
      ownerReferences: [
        { apiVersion: "v1", kind: "ConfigMap", name: "a", uid: a.metadata.uid! },
        { apiVersion: "v1", kind: "ConfigMap", name: "gone", uid: "00000000-0000-0000-0000-000000000000" },
      ],
    },
  });
  h.loop.start();
  h.settle();
  assert.deepEqual(h.store.mustGet(R.configmaps, "default", "dep").metadata.ownerReferences!.map((r) => r.name), ["a"]);
  h.store.remove(R.configmaps, "default", "a");
  h.settle();
  assert.equal(h.store.get(R.configmaps, "default", "dep"), undefined);
});
