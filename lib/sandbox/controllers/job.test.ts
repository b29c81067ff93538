import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, threeNodes } from "./testkit";
import { scheduler } from "./scheduler";
import { kubelet } from "./kubelet";
import { jobController } from "./job";
import { garbageCollector } from "./gc";
import { R } from "./refs";
import type { K8sObject } from "../types";

const jobs = { group: "batch", resource: "jobs" };
const job = (name: string, image: string, spec: any = {}): K8sObject => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name, namespace: "default" },
  spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { metadata: { labels: { "job-name": name } }, spec: { restartPolicy: "Never", containers: [{ name, image }] } }, ...spec },
});

test("job: runs pods to completion, or fails past backoffLimit, with upstream conditions and events", () => {
  const table: { name: string; job: K8sObject; after: number; want: string }[] = [
    { name: "one pod succeeds", job: job("ok", "busybox"), after: 5000, want: "Complete succeeded=1 failed=0 pods=1" },
    { name: "three completions, two at a time", job: job("many", "busybox", { completions: 3, parallelism: 2 }), after: 8000, want: "Complete succeeded=3 failed=0 pods=3" },
    { name: "failing pods stop after backoffLimit", job: job("bad", "crash", { backoffLimit: 1 }), after: 30_000, want: "Failed succeeded=0 failed=2 pods=2" },
    { name: "activeDeadlineSeconds", job: job("slow", "nginx", { activeDeadlineSeconds: 5 }), after: 8000, want: "Failed succeeded=0 failed=0 pods=0" },
  ];
  const wrong: string[] = [];
  for (const c of table) {
    const h = harness([scheduler, kubelet, jobController, garbageCollector]);
    for (const n of threeNodes()) h.store.create(R.nodes, n);
    h.loop.start();
    h.store.create(jobs, c.job);
    h.run(c.after, 250);
    const j = h.store.mustGet(jobs, "default", c.job.metadata.name!);
    const state = (j.status.conditions ?? []).filter((x: any) => (x.type === "Complete" || x.type === "Failed") && x.status === "True").map((x: any) => x.type).join(",") || "Running";
    const got = `${state} succeeded=${j.status.succeeded ?? 0} failed=${j.status.failed ?? 0} pods=${h.store.count(R.pods)}`;
    if (got !== c.want) wrong.push(`${c.name}: ${got}`);
  }
  assert.deepEqual(wrong, []);
});

test("job: Complete carries SuccessCriteriaMet, completionTime and a Completed event; ttlSecondsAfterFinished deletes it", () => {
  const h = harness([scheduler, kubelet, jobController, garbageCollector]);
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  h.store.create(jobs, job("ok", "busybox", { ttlSecondsAfterFinished: 10 }));
  h.run(5000, 250);
  const j = h.store.mustGet(jobs, "default", "ok");
  assert.deepEqual(j.status.conditions.map((c: any) => `${c.type}/${c.reason}`), ["SuccessCriteriaMet/CompletionsReached", "Complete/CompletionsReached"]);
  assert.ok(j.status.completionTime);
  assert.deepEqual(h.events().filter((e) => e.involvedObject.kind === "Job").map((e) => e.reason), ["SuccessfulCreate", "Completed"]);
  h.run(12_000, 1000);
  assert.equal(h.store.get(jobs, "default", "ok"), undefined);
  assert.equal(h.store.count(R.pods), 0);
});
