// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
// `<deployment>-<pod-template-hash>`, revision annotations, RollingUpdate within maxSurge /
// maxUnavailable, Recreate, scaling, revisionHistoryLimit clean-up, and the status and
// Available / Progressing conditions `kubectl rollout status` and `describe` read.
import { rfc3339 } from "../clock";
import type { K8sObject } from "../types";
import { equalIgnoreHash, podTemplateHash } from "./hash";
import { selectorMatches } from "../labels";
import type { Controller, ControllerContext } from "./loop";
import { R, controllerOf, isTerminal, keyOf, setCondition, splitKey, type Condition } from "./refs";

export const deploymentComponent = "deployment-controller";
export const revisionAnnotation = "deployment.kubernetes.io/revision";
const revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
const desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
const maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
/** Annotations a Deployment does not hand down to its ReplicaSets (deployment/util skipCopyAnnotation). */
const notCopied = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  "deprecated.deployment.rollback.to",
]);

/** An int-or-percent against a total; percentages round up for surge, down for unavailability. */
export function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  const s = String(v);
  if (s.endsWith("%")) {
    const x = (Number(s.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(s) || 0;
}

/** maxSurge and maxUnavailable as numbers (deployment/util ResolveFenceposts): both 0 is not allowed, so unavailability becomes 1. */
export function fenceposts(d: K8sObject): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = intOrPercent(ru.maxSurge ?? "25%", replicas, true);
  let unavailable = intOrPercent(ru.maxUnavailable ?? "25%", replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const isRecreate = (d: K8sObject) => d.spec?.strategy?.type === "Recreate";

function maxUnavailable(d: K8sObject): number {
  const replicas = d.spec?.replicas ?? 1;
  if (isRecreate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

const maxSurge = (d: K8sObject): number => (isRecreate(d) ? 0 : fenceposts(d).surge);

const revisionOf = (rs: K8sObject): number => Number(rs.metadata.annotations?.[revisionAnnotation] ?? 0) || 0;
const specReplicas = (rs: K8sObject): number => rs.spec?.replicas ?? 0;
const sum = (xs: K8sObject[], f: (o: K8sObject) => number) => xs.reduce((n, o) => n + f(o), 0);
const created = (o: K8sObject) => Date.parse(o.metadata.creationTimestamp ?? "") || 0;

function copiedAnnotations(d: K8sObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!notCopied.has(k)) out[k] = v;
  return out;
}

/** Sets spec.replicas of a ReplicaSet and records the ScalingReplicaSet event on the Deployment. */
function scaleRS(ctx: ControllerContext, d: K8sObject, rs: K8sObject, to: number): K8sObject {
  const from = specReplicas(rs);
  const desired = String(d.spec?.replicas ?? 1);
  const max = String((d.spec?.replicas ?? 1) + maxSurge(d));
  if (from === to && rs.metadata.annotations?.[desiredReplicasAnnotation] === desired && rs.metadata.annotations?.[maxReplicasAnnotation] === max) return rs;
  const out = ctx.store.mutate(R.replicasets, rs.metadata.namespace, rs.metadata.name!, (o) => {
    o.spec.replicas = to;
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [desiredReplicasAnnotation]: desired, [maxReplicasAnnotation]: max };
  });
  if (from !== to) ctx.events.record(d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, deploymentComponent);
  return out;
}

export function reconcileDeployment(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const d = ctx.store.get(R.deployments, ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const replicas: number = d.spec?.replicas ?? 1;
  const selector = d.spec?.selector;
  const now = ctx.clock.now();
  const nowS = rfc3339(now);

  // The Deployment's ReplicaSets, adopting matching orphans as upstream's ControllerRefManager does.
  let all: K8sObject[] = [];
  for (const rs of ctx.store.list(R.replicasets, ns)) {
    const ref = controllerOf(rs);
    if (ref?.uid === d.metadata.uid) all.push(rs);
    else if (!ref && !rs.metadata.deletionTimestamp && selectorMatches(selector, rs.spec?.template?.metadata?.labels))
      all.push(
        ctx.store.mutate(R.replicasets, ns, rs.metadata.name!, (o) => {
          o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), { apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }];
        }),
      );
  }
  all = all.filter((rs) => !rs.metadata.deletionTimestamp);
  let newRS = all.filter((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template)).sort((a, b) => created(a) - created(b))[0];
  let old = all.filter((rs) => rs !== newRS);
  const maxOldRevision = Math.max(0, ...old.map(revisionOf));
  let conditions: Condition[] = d.status?.conditions ?? [];
  let collisionCount: number | undefined = d.status?.collisionCount;
  // `kubectl rollout pause` / `resume` (checkPausedConditions): Progressing goes Unknown.
  const progressing = conditions.find((c) => c.type === "Progressing");
  if (d.spec?.paused && progressing?.reason !== "DeploymentPaused")
    conditions = setCondition(conditions, { type: "Progressing", status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" }, nowS, { updateTime: true });
  else if (!d.spec?.paused && progressing?.reason === "DeploymentPaused")
    conditions = setCondition(conditions, { type: "Progressing", status: "Unknown", reason: "DeploymentResumed", message: "Deployment is resumed" }, nowS, { updateTime: true });

  if (!newRS && !d.spec?.paused) {
    const hash = podTemplateHash(d.spec?.template, collisionCount);
    const rsName = `${d.metadata.name}-${hash}`;
    const clash = ctx.store.get(R.replicasets, ns, rsName);
    if (clash) {
      // Another template already took this name (a hash collision): bump collisionCount and try again.
      collisionCount = (collisionCount ?? 0) + 1;
      ctx.store.mutate(R.deployments, ns, name, (o) => {
        o.status = { ...(o.status ?? {}), collisionCount };
      }, { subresource: "status" });
      return 0;
    }
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
    const rsSelector = structuredClone(selector ?? {});
    rsSelector.matchLabels = { ...(rsSelector.matchLabels ?? {}), "pod-template-hash": hash };
    const oldPods = sum(old, specReplicas);
    let initial = replicas;
    if (isRecreate(d)) initial = 0;
    else if (oldPods > 0) initial = Math.max(0, Math.min(replicas + maxSurge(d) - oldPods, replicas));
    newRS = ctx.store.create(R.replicasets, {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: rsName,
        namespace: ns,
        labels: template.metadata.labels,
        annotations: {
          ...copiedAnnotations(d),
          [desiredReplicasAnnotation]: String(replicas),
          [maxReplicasAnnotation]: String(replicas + maxSurge(d)),
          [revisionAnnotation]: String(maxOldRevision + 1),
        },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: initial, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector: rsSelector, template },
    });
    if (initial > 0) ctx.events.record(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${rsName} from 0 to ${initial}`, deploymentComponent);
    conditions = setCondition(conditions, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "${rsName}"` }, nowS, { updateTime: true });
  } else if (newRS) {
    // A template that matches an older ReplicaSet (rollout undo) makes it the newest revision again.
    const rev = revisionOf(newRS);
    const wantAnn: Record<string, string> = { ...copiedAnnotations(d), [revisionAnnotation]: String(rev <= maxOldRevision ? maxOldRevision + 1 : rev) };
    if (rev <= maxOldRevision && rev > 0) {
      const history = newRS.metadata.annotations?.[revisionHistoryAnnotation];
      wantAnn[revisionHistoryAnnotation] = history ? `${history},${rev}` : String(rev);
    }
    const cur = newRS.metadata.annotations ?? {};
    if (Object.entries(wantAnn).some(([k, v]) => cur[k] !== v))
      newRS = ctx.store.mutate(R.replicasets, ns, newRS.metadata.name!, (o) => {
        o.metadata.annotations = { ...(o.metadata.annotations ?? {}), ...wantAnn };
      });
    if (!conditions.find((c) => c.type === "Progressing"))
      conditions = setCondition(conditions, { type: "Progressing", status: "True", reason: "FoundNewReplicaSet", message: `Found new replica set "${newRS.metadata.name}"` }, nowS, { updateTime: true });
  }

  // The Deployment carries its newest revision too (kubectl rollout history reads it).
  if (newRS && d.metadata.annotations?.[revisionAnnotation] !== newRS.metadata.annotations?.[revisionAnnotation]) {
    ctx.store.mutate(R.deployments, ns, name, (o) => {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [revisionAnnotation]: newRS!.metadata.annotations![revisionAnnotation] };
    });
  }

  if (d.spec?.paused && newRS && old.every((rs) => specReplicas(rs) === 0)) {
    // A paused Deployment still scales (sync): only the rollout waits.
    newRS = scaleRS(ctx, d, newRS, replicas);
  } else if (!d.spec?.paused && newRS) {
    if (isRecreate(d)) {
      for (const rs of old) if (specReplicas(rs) > 0) scaleRS(ctx, d, rs, 0);
      const oldUids = new Set(old.map((rs) => rs.metadata.uid));
      const oldPodsLeft = ctx.store.list(R.pods, ns).some((p) => oldUids.has(controllerOf(p)?.uid ?? "") && !isTerminal(p));
      if (!oldPodsLeft) newRS = scaleRS(ctx, d, newRS, replicas);
    } else {
      const { surge } = fenceposts(d);
      // reconcileNewReplicaSet
      // Every ReplicaSet's replicas, the new one included (it may have been created just now).
      const total = sum(old, specReplicas) + specReplicas(newRS);
      if (specReplicas(newRS) > replicas) newRS = scaleRS(ctx, d, newRS, replicas);
      else if (specReplicas(newRS) < replicas) {
        const up = Math.max(0, Math.min(replicas + surge - total, replicas - specReplicas(newRS)));
        if (up > 0) newRS = scaleRS(ctx, d, newRS, specReplicas(newRS) + up);
      }
      // reconcileOldReplicaSets
      old = old.map((rs) => ctx.store.get(R.replicasets, ns, rs.metadata.name!) ?? rs);
      if (sum(old, specReplicas) > 0) {
        const allNow = [...old, newRS];
        const minAvailable = replicas - maxUnavailable(d);
        const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
        const maxScaledDown = sum(allNow, specReplicas) - minAvailable - newUnavailable;
        if (maxScaledDown > 0) {
          // First old pods that are not available anyway (cleanupUnhealthyReplicas) ...
          let cleaned = 0;
          const byAge = [...old].sort((a, b) => created(a) - created(b));
          for (let i = 0; i < byAge.length; i++) {
            const rs = byAge[i];
            const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
            if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
            const n = Math.min(maxScaledDown - cleaned, unhealthy);
            if (n <= 0) break;
            byAge[i] = scaleRS(ctx, d, rs, specReplicas(rs) - n);
            cleaned += n;
          }
          // ... then available ones, as far as minAvailable allows (scaleDownOldReplicaSetsForRollingUpdate).
          const available = sum([...byAge, newRS], (rs) => rs.status?.availableReplicas ?? 0);
          let budget = available - minAvailable;
          for (const rs of byAge) {
            if (budget <= 0) break;
            if (specReplicas(rs) === 0) continue;
            const n = Math.min(specReplicas(rs), budget);
            scaleRS(ctx, d, rs, specReplicas(rs) - n);
            budget -= n;
          }
        }
      }
    }
  }

  // Status from the ReplicaSets as they are now.
  const rsNow = ctx.store.list(R.replicasets, ns).filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
  const newNow = newRS ? rsNow.find((rs) => rs.metadata.uid === newRS!.metadata.uid) : undefined;
  const status: any = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum(rsNow, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newNow?.status?.replicas ?? 0,
    readyReplicas: sum(rsNow, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: sum(rsNow, (rs) => rs.status?.availableReplicas ?? 0),
  };
  status.unavailableReplicas = Math.max(0, sum(rsNow, specReplicas) - status.availableReplicas);
  if (collisionCount) status.collisionCount = collisionCount;
  const minAvailable = replicas - maxUnavailable(d);
  conditions = setCondition(
    conditions,
    status.availableReplicas >= minAvailable
      ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
      : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
    nowS,
    { updateTime: true },
  );
  let recheck: number | undefined;
  const deadline = d.spec?.progressDeadlineSeconds ?? 600;
  const rsName = newNow?.metadata.name ?? newRS?.metadata.name;
  if (rsName && deadline < 2 ** 31 - 1) {
    const prev = conditions.find((c) => c.type === "Progressing");
    const complete =
      status.replicas === replicas && status.updatedReplicas === replicas && status.availableReplicas === replicas && status.observedGeneration >= (d.metadata.generation ?? 1);
    const old = d.status ?? {};
    const progressed =
      status.updatedReplicas > (old.updatedReplicas ?? 0) ||
      status.replicas - status.updatedReplicas < (old.replicas ?? 0) - (old.updatedReplicas ?? 0) ||
      status.readyReplicas > (old.readyReplicas ?? 0) ||
      status.availableReplicas > (old.availableReplicas ?? 0);
    const since = Date.parse(prev?.lastUpdateTime ?? nowS);
    // Condition times have whole seconds: count from the end of that second (see podAvailability).
    const elapsedSandbox = Math.max(0, now.getTime() - since - 1000) * ctx.clock.scale;
    if (complete && !d.spec?.paused) {
      if (!(prev?.status === "True" && prev.reason === "NewReplicaSetAvailable"))
        conditions = setCondition(conditions, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` }, nowS, { updateTime: true });
    } else if (progressed && !d.spec?.paused) {
      conditions = setCondition(conditions, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` }, nowS, { updateTime: true });
      conditions = conditions.map((c) => (c.type === "Progressing" ? { ...c, lastUpdateTime: nowS } : c));
      recheck = deadline * 1000;
    } else if (d.spec?.paused) {
      // Paused: no progress expected, no deadline.
    } else if (prev?.status === "True" && prev.reason !== "NewReplicaSetAvailable") {
      if (elapsedSandbox >= deadline * 1000)
        conditions = setCondition(conditions, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` }, nowS, { updateTime: true });
      else recheck = deadline * 1000 - elapsedSandbox;
    }
  }
  // Available first, then Progressing, as the controller leaves them.
  status.conditions = [...conditions.filter((c) => c.type === "Available"), ...conditions.filter((c) => c.type !== "Available")];
  for (const f of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"]) if (!status[f]) delete status[f];
  ctx.store.mutate(R.deployments, ns, name, (o) => {
    o.status = status;
  }, { subresource: "status" });

  // revisionHistoryLimit: old, empty ReplicaSets beyond the limit go, oldest revision first.
  if (status.updatedReplicas === replicas && (status.availableReplicas ?? 0) === replicas) {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const cleanable = ctx.store
      .list(R.replicasets, ns)
      .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid && rs.metadata.uid !== newRS?.metadata.uid && specReplicas(rs) === 0 && !(rs.status?.replicas ?? 0) && !rs.metadata.deletionTimestamp)
      .sort((a, b) => revisionOf(a) - revisionOf(b) || created(a) - created(b));
    for (const rs of cleanable.slice(0, Math.max(0, cleanable.length - limit))) ctx.store.remove(R.replicasets, ns, rs.metadata.name!);
  }
  return recheck;
}

export const deploymentController: Controller = {
  name: "deployment",
  keysFor(e) {
    if (e.ref.group === "apps" && e.ref.resource === "deployments") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    if (e.ref.group === "apps" && e.ref.resource === "replicasets") {
      const ref = controllerOf(e.object);
      if (ref?.kind === "Deployment") return [`${e.object.metadata.namespace}/${ref.name}`];
    }
    if (e.ref.group === "" && e.ref.resource === "pods" && e.type === "DELETED") {
      // Recreate waits for old pods to be gone: their owner's owner must look again.
      const ref = controllerOf(e.object);
      if (ref?.kind === "ReplicaSet") {
        const name = ref.name.replace(/-[^-]+$/, "");
        return [`${e.object.metadata.namespace}/${name}`];
      }
    }
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.deployments).map(keyOf),
  reconcile: reconcileDeployment,
};
