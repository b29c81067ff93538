// The StatefulSet controller (pkg/controller/statefulset), without volumeClaimTemplates (the
// sandbox has no storage): pods `<set>-<ordinal>` with hostname = pod name and subdomain =
// spec.serviceName (so the headless Service gives each a DNS name), created in order and each
// after the previous one is Ready (OrderedReady) or all at once (Parallel), removed from the
// highest ordinal down, and replaced highest-first when the template changes (RollingUpdate).
import type { K8sObject } from "../types";
import { ApiError } from "../errors";
import { deleteObject } from "./delete";
import { podTemplateHash } from "./hash";
import type { Controller, ControllerContext } from "./loop";
import { podAvailability } from "./replicaset";
import { R, controllerOf, isPodReady, keyOf, splitKey } from "./refs";

export const statefulSetComponent = "statefulset-controller";
const setsRef = { group: "apps", resource: "statefulsets" };

const ordinalOf = (set: K8sObject, pod: K8sObject): number => {
  const m = new RegExp(`^${set.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)$`).exec(pod.metadata.name!);
  return m ? Number(m[1]) : -1;
};

const revisionOf = (set: K8sObject): string => `${set.metadata.name}-${podTemplateHash(set.spec?.template)}`;

function podFor(set: K8sObject, ordinal: number, revision: string): K8sObject {
  const t = structuredClone(set.spec?.template ?? {});
  const name = `${set.metadata.name}-${ordinal}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...(t.metadata ?? {}),
      name,
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), "apps.kubernetes.io/pod-index": String(ordinal), "controller-revision-hash": revision, "statefulset.kubernetes.io/pod-name": name },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: set.metadata.name!, uid: set.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...(t.spec ?? {}), hostname: name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) },
  };
}

export function reconcileStatefulSet(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const set = ctx.store.get(setsRef, ns, name);
  if (!set || set.metadata.deletionTimestamp) return;
  const replicas: number = set.spec?.replicas ?? 1;
  const ordered = (set.spec?.podManagementPolicy ?? "OrderedReady") === "OrderedReady";
  const revision = revisionOf(set);
  const now = ctx.clock.now();
  const mine = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === set.metadata.uid);
  const byOrdinal = new Map(mine.map((p) => [ordinalOf(set, p), p]));
  const healthy = (p: K8sObject | undefined) => !!p && !p.metadata.deletionTimestamp && isPodReady(p);
  let retry: number | undefined;

  // Failed or finished pods are replaced (deleted, then recreated with the same name).
  for (const p of mine)
    if (!p.metadata.deletionTimestamp && (p.status?.phase === "Failed" || p.status?.phase === "Succeeded")) {
      deleteObject(ctx.store, R.pods, p, now);
      ctx.events.record(set, "Normal", "SuccessfulDelete", `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, statefulSetComponent);
    }

  let blocked = false;
  for (let i = 0; i < replicas && !blocked; i++) {
    const p = byOrdinal.get(i);
    if (!p || !ctx.store.get(R.pods, ns, p.metadata.name!)) {
      try {
        ctx.store.create(R.pods, podFor(set, i, revision));
        ctx.events.record(set, "Normal", "SuccessfulCreate", `create Pod ${name}-${i} in StatefulSet ${name} successful`, statefulSetComponent);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        ctx.events.record(set, "Warning", "FailedCreate", `create Pod ${name}-${i} in StatefulSet ${name} failed error: ${err.message}`, statefulSetComponent);
        retry = 10_000;
        blocked = true;
      }
      if (ordered) blocked = true;
    } else if (ordered && !healthy(p)) blocked = true;
  }
  // Scale down: highest ordinal first, one at a time when ordered.
  const extra = mine.filter((p) => ordinalOf(set, p) >= replicas && !p.metadata.deletionTimestamp).sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const terminating = mine.some((p) => p.metadata.deletionTimestamp);
  for (const p of ordered ? (terminating ? [] : extra.slice(0, 1)) : extra) {
    deleteObject(ctx.store, R.pods, p, now);
    ctx.events.record(set, "Normal", "SuccessfulDelete", `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, statefulSetComponent);
  }
  // RollingUpdate: once every pod is Ready, replace the highest-ordinal pod of an old revision.
  const current = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === set.metadata.uid && ordinalOf(set, p) < replicas);
  const partition: number = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if ((set.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate" && current.length === replicas && current.every(healthy)) {
    const stale = current
      .filter((p) => p.metadata.labels?.["controller-revision-hash"] !== revision && ordinalOf(set, p) >= partition)
      .sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a))[0];
    if (stale) {
      deleteObject(ctx.store, R.pods, stale, now);
      ctx.events.record(set, "Normal", "SuccessfulDelete", `delete Pod ${stale.metadata.name} in StatefulSet ${name} successful`, statefulSetComponent);
    }
  }

  const live = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === set.metadata.uid && !p.metadata.deletionTimestamp);
  const updated = live.filter((p) => p.metadata.labels?.["controller-revision-hash"] === revision).length;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: any = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: live.length,
    readyReplicas: live.filter(isPodReady).length,
    currentReplicas: updated,
    updatedReplicas: updated,
    availableReplicas: live.filter((p) => podAvailability(p, minReady, now.getTime(), ctx.clock.scale)[0]).length,
    currentRevision: updated === live.length ? revision : (set.status?.currentRevision ?? revision),
    updateRevision: revision,
    collisionCount: 0,
  };
  for (const f of ["readyReplicas", "currentReplicas", "updatedReplicas"]) if (!status[f]) delete status[f];
  ctx.store.mutate(setsRef, ns, name, (o) => void (o.status = status), { subresource: "status" });
  return retry;
}

export const statefulSetController: Controller = {
  name: "statefulset",
  keysFor(e) {
    if (e.ref.group === "apps" && e.ref.resource === "statefulsets") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    if (e.ref.group === "" && e.ref.resource === "pods") {
      const ref = controllerOf(e.object);
      return ref?.kind === "StatefulSet" ? [`${e.object.metadata.namespace}/${ref.name}`] : [];
    }
    return [];
  },
  allKeys: (ctx) => ctx.store.list(setsRef).map(keyOf),
  reconcile: reconcileStatefulSet,
};
