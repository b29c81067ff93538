// The Job controller (pkg/controller/job), for NonIndexed Jobs: runs up to `parallelism` pods at
// a time until `completions` succeed, replaces failed pods (with the pod failure back-off: 10s
// doubling to 6m) until more than `backoffLimit` have failed, then marks the Job Complete or
// Failed with the conditions and events `kubectl describe job` shows, and honours
// activeDeadlineSeconds and ttlSecondsAfterFinished.
import { rfc3339 } from "../clock";
import { ApiError } from "../errors";
import type { K8sObject } from "../types";
import { deleteObject } from "./delete";
import type { Controller, ControllerContext } from "./loop";
import { R, controllerOf, isPodReady, keyOf, setCondition, splitKey } from "./refs";

export const jobComponent = "job-controller";
const jobsRef = { group: "batch", resource: "jobs" };
const podBackoffMs = (failures: number) => Math.min(10_000 * 2 ** Math.max(0, failures - 1), 360_000);

const finishedCondition = (job: K8sObject) => (job.status?.conditions ?? []).find((c: any) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");

/** Container restarts count as failures for OnFailure pods (upstream counts them toward backoffLimit). */
const restartsOf = (p: K8sObject) => ((p.status?.containerStatuses ?? []) as any[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);

export function reconcileJob(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const job = ctx.store.get(jobsRef, ns, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const now = ctx.clock.now();
  const nowS = rfc3339(now);
  const finished = finishedCondition(job);
  if (finished) {
    // ttlSecondsAfterFinished: the TTL-after-finished controller deletes the Job (pods follow by GC).
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null) return;
    const left = ttl * 1000 - Math.max(0, now.getTime() - Date.parse(job.status?.completionTime ?? finished.lastTransitionTime) - 1000) * ctx.clock.scale;
    if (left > 0) return left;
    deleteObject(ctx.store, jobsRef, job, now, "Background");
    return;
  }
  const pods = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === job.metadata.uid);
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const succeeded = pods.filter((p) => p.status?.phase === "Succeeded").length;
  const failedPods = pods.filter((p) => p.status?.phase === "Failed");
  const failed = failedPods.length + (job.spec?.template?.spec?.restartPolicy === "OnFailure" ? pods.reduce((n, p) => n + restartsOf(p), 0) : 0);
  const completions: number | undefined = job.spec?.completions ?? undefined;
  const parallelism: number = job.spec?.parallelism ?? 1;
  const backoffLimit: number = job.spec?.backoffLimit ?? 6;
  const startTime: string = job.status?.startTime ?? nowS;
  let conditions = job.status?.conditions ?? [];
  let completionTime: string | undefined;
  let recheck: number | undefined;

  const deadline = job.spec?.activeDeadlineSeconds;
  const runMs = Math.max(0, now.getTime() - Date.parse(startTime) - 1000) * ctx.clock.scale;
  const done = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
  let failure: { reason: string; message: string } | undefined;
  if (!done && failed > backoffLimit) failure = { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
  else if (!done && deadline !== undefined && deadline !== null && runMs >= deadline * 1000) failure = { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };

  if (failure) {
    for (const p of active) deleteObject(ctx.store, R.pods, p, now);
    conditions = setCondition(conditions, { type: "FailureTarget", status: "True", reason: failure.reason, message: failure.message, lastProbeTime: nowS }, nowS);
    conditions = setCondition(conditions, { type: "Failed", status: "True", reason: failure.reason, message: failure.message, lastProbeTime: nowS }, nowS);
    ctx.events.record(job, "Warning", failure.reason, failure.message, jobComponent);
  } else if (done) {
    completionTime = nowS;
    conditions = setCondition(conditions, { type: "SuccessCriteriaMet", status: "True", reason: "CompletionsReached", message: "Reached expected number of succeeded pods", lastProbeTime: nowS }, nowS);
    conditions = setCondition(conditions, { type: "Complete", status: "True", reason: "CompletionsReached", message: "Reached expected number of succeeded pods", lastProbeTime: nowS }, nowS);
    ctx.events.record(job, "Normal", "Completed", "Job completed", jobComponent);
  } else if (!job.spec?.suspend) {
    const remaining = completions !== undefined ? completions - succeeded : 1;
    const want = Math.max(0, Math.min(parallelism, remaining) - active.length);
    // After a failure, new pods wait out the pod failure back-off.
    const lastFailure = Math.max(0, ...failedPods.map((p) => Date.parse(p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? p.metadata.creationTimestamp ?? "") || 0));
    const wait = failedPods.length ? podBackoffMs(failedPods.length) - Math.max(0, now.getTime() - lastFailure) * ctx.clock.scale : 0;
    if (want > 0 && wait > 0) recheck = wait;
    else
      for (let i = 0; i < want; i++) {
        const t = structuredClone(job.spec?.template ?? {});
        try {
          const pod = ctx.store.create(R.pods, {
            apiVersion: "v1",
            kind: "Pod",
            metadata: {
              ...(t.metadata ?? {}),
              generateName: `${name}-`,
              namespace: ns,
              ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: name, uid: job.metadata.uid!, controller: true, blockOwnerDeletion: true }],
            },
            spec: t.spec ?? {},
          });
          active.push(pod);
          ctx.events.record(job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, jobComponent);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          ctx.events.record(job, "Warning", "FailedCreate", `Error creating: ${err.message}`, jobComponent);
          recheck = 10_000;
          break;
        }
      }
    if (deadline !== undefined && deadline !== null) recheck = Math.min(recheck ?? Infinity, Math.max(0, deadline * 1000 - runMs));
  }
  const status: any = {
    ...(job.status ?? {}),
    startTime,
    active: failure || done ? 0 : active.length,
    succeeded,
    failed: failedPods.length,
    ready: failure || done ? 0 : active.filter(isPodReady).length,
    terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
    uncountedTerminatedPods: {},
    conditions,
  };
  if (completionTime) status.completionTime = completionTime;
  for (const f of ["active", "succeeded", "failed"]) if (!status[f]) delete status[f];
  if (!status.conditions.length) delete status.conditions;
  ctx.store.mutate(jobsRef, ns, name, (o) => void (o.status = status), { subresource: "status" });
  return recheck;
}

export const jobController: Controller = {
  name: "job",
  keysFor(e) {
    if (e.ref.group === "batch" && e.ref.resource === "jobs") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    if (e.ref.group === "" && e.ref.resource === "pods") {
      const ref = controllerOf(e.object);
      return ref?.kind === "Job" ? [`${e.object.metadata.namespace}/${ref.name}`] : [];
    }
    return [];
  },
  allKeys: (ctx) => ctx.store.list(jobsRef).map(keyOf),
  reconcile: reconcileJob,
};
