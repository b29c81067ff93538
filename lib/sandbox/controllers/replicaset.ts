// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods that
// match the selector, created from the template as `<rs>-<5 chars>` with a controller
// ownerReference, adopts matching orphans, deletes the least valuable pods first on scale-down,
// and reports replicas / fullyLabeledReplicas / readyReplicas / availableReplicas.
import { ApiError } from "../errors";
import type { K8sObject } from "../types";
import { deleteObject } from "./delete";
import { selectorMatches } from "../labels";
import type { Controller, ControllerContext } from "./loop";
import { R, conditionOf, controllerOf, isActivePod, isPodReady, keyOf, splitKey } from "./refs";

export const replicaSetComponent = "replicaset-controller";
/** After a refused pod create, look again this much later (sandbox ms). */
const createRetryMs = 10_000;

/**
 * Ready for at least minReadySeconds of sandbox time (upstream podutil.IsPodAvailable). Timestamps
 * are wall-clock, so wall time elapsed counts `scale` times. Returns [available, sandbox ms until it will be].
 */
export function podAvailability(pod: K8sObject, minReadySeconds: number, nowMs: number, scale = 1): [boolean, number | undefined] {
  if (!isPodReady(pod)) return [false, undefined];
  if (!minReadySeconds) return [true, undefined];
  const since = Date.parse(conditionOf(pod, "Ready")?.lastTransitionTime ?? "");
  if (!Number.isFinite(since)) return [true, undefined];
  // lastTransitionTime has whole seconds: count from the end of that second, so a sped-up clock
  // never makes a pod available early.
  const left = minReadySeconds * 1000 - Math.max(0, nowMs - since - 1000) * scale;
  return left <= 0 ? [true, undefined] : [false, left];
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Pods to delete first on scale-down (controller.ActivePodsWithRanks): unscheduled before scheduled,
 * Pending before Running, not ready before ready, more restarts first, newer before older.
 */
export function rankForDeletion(a: K8sObject, b: K8sObject): number {
  const assigned = (p: K8sObject) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: K8sObject) => phaseRank[p.status?.phase ?? "Pending"] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: K8sObject) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: K8sObject) => ((p.status?.containerStatuses ?? []) as any[]).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: K8sObject) => Date.parse(p.metadata.creationTimestamp ?? "") || 0;
  if (created(a) !== created(b)) return created(b) - created(a);
  return b.metadata.name!.localeCompare(a.metadata.name!);
}

function podFromTemplate(rs: K8sObject): K8sObject {
  const t = structuredClone(rs.spec?.template ?? {});
  const meta = t.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...meta,
      name: undefined,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: t.spec ?? {},
  };
}

export function reconcileReplicaSet(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const rs = ctx.store.get(R.replicasets, ns, name);
  if (!rs) return;
  const selector = rs.spec?.selector;
  const all = ctx.store.list(R.pods, ns);
  const owned: K8sObject[] = [];
  for (const p of all) {
    const ref = controllerOf(p);
    if (ref?.uid === rs.metadata.uid) owned.push(p);
    else if (!ref && !rs.metadata.deletionTimestamp && isActivePod(p) && selectorMatches(selector, p.metadata.labels)) {
      // Adoption: an orphan that matches the selector becomes this ReplicaSet's.
      const adopted = ctx.store.mutate(R.pods, ns, p.metadata.name!, (o) => {
        o.metadata.ownerReferences = [
          ...(o.metadata.ownerReferences ?? []),
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true },
        ];
      });
      owned.push(adopted);
    }
  }
  const active = owned.filter(isActivePod);
  const want = rs.spec?.replicas ?? 1;
  let failedCreate = false;
  if (!rs.metadata.deletionTimestamp) {
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        let pod: K8sObject;
        try {
          pod = ctx.store.create(R.pods, podFromTemplate(rs));
        } catch (err) {
          // Refused (the sandbox's pod quota): report it as the controller does and try again later.
          if (!(err instanceof ApiError)) throw err;
          ctx.events.record(rs, "Warning", "FailedCreate", `Error creating: ${err.message}`, replicaSetComponent);
          failedCreate = true;
          break;
        }
        active.push(pod);
        ctx.events.record(rs, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, replicaSetComponent);
      }
    } else if (active.length > want) {
      const victims = [...active].sort(rankForDeletion).slice(0, active.length - want);
      for (const v of victims) {
        deleteObject(ctx.store, R.pods, v, ctx.clock.now());
        ctx.events.record(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${v.metadata.name}`, replicaSetComponent);
      }
      const gone = new Set(victims.map((v) => v.metadata.uid));
      active.splice(0, active.length, ...active.filter((p) => !gone.has(p.metadata.uid)));
    }
  }
  // Status, from the pods as they are now.
  const templateLabels = (rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const nowMs = ctx.clock.now().getTime();
  let available = 0;
  let recheck: number | undefined;
  for (const p of active) {
    const [ok, left] = podAvailability(p, minReady, nowMs, ctx.clock.scale);
    if (ok) available++;
    if (left !== undefined) recheck = Math.min(recheck ?? Infinity, left);
  }
  const status = {
    ...(rs.status ?? {}),
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  // The API omits zero counts (omitempty), as kubectl -o yaml shows.
  for (const f of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"] as const) if (!status[f]) delete (status as any)[f];
  ctx.store.mutate(R.replicasets, ns, name, (o) => {
    o.status = status;
  }, { subresource: "status" });
  return failedCreate ? Math.min(recheck ?? Infinity, createRetryMs) : recheck;
}

export const replicaSetController: Controller = {
  name: "replicaset",
  keysFor(e, ctx) {
    if (e.ref.group === "apps" && e.ref.resource === "replicasets") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    if (e.ref.group === "" && e.ref.resource === "pods") {
      const ref = controllerOf(e.object);
      const ns = e.object.metadata.namespace!;
      if (ref?.kind === "ReplicaSet") return [`${ns}/${ref.name}`];
      if (!ref && e.type !== "DELETED")
        return ctx.store
          .list(R.replicasets, ns)
          .filter((rs) => selectorMatches(rs.spec?.selector, e.object.metadata.labels))
          .map(keyOf);
    }
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.replicasets).map(keyOf),
  reconcile: reconcileReplicaSet,
};
