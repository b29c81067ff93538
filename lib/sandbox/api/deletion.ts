// Deleting objects as the API server's DELETE does: pods terminate gracefully (deletionTimestamp
// and deletionGracePeriodSeconds are set; the simulated kubelet removes them once the grace period
// is over; 0 or an unscheduled pod means at once), objects with finalizers are only marked, and
// namespaces go Terminating (the namespace controller empties and removes them). propagationPolicy
// is handed to the garbage collector (controllers/gc.ts) the way upstream does it: Background
// removes the owner and the GC deletes dependants whose owners are gone; Foreground and Orphan add
// the "foregroundDeletion" / "orphan" finalizer that the GC acts on before the owner goes.
import type { Cluster } from "../cluster";
import { rfc3339 } from "../clock";
import { ApiError, badRequest, forbidden } from "../errors";
import type { KindDef } from "../kinds/types";
import type { K8sObject, ResourceRef } from "../types";

export type Propagation = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: Propagation;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export interface DeleteResult {
  /** The object, when it still exists (terminating); undefined when it is gone. */
  remaining?: K8sObject;
  removed?: K8sObject;
}

const NAMESPACES: ResourceRef = { group: "", resource: "namespaces" };

/** lifecycle admission: these namespaces can never be deleted. */
const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

export function parsePropagation(v: unknown): Propagation | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (v === "Background" || v === "Foreground" || v === "Orphan") return v;
  throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(v)}: supported values: "Foreground", "Background", "Orphan"`);
}

export function deleteObject(cluster: Cluster, def: KindDef, obj: K8sObject, opts: DeleteOptions): DeleteResult {
  const ref: ResourceRef = { group: def.group, resource: def.plural };
  const { store, clock } = cluster;
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name!;
  const qualified = def.group ? `${def.plural}.${def.group}` : def.plural;
  const details = { name, kind: def.plural, ...(def.group ? { group: def.group } : {}) };
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid)
    throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualified} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`, details);
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion)
    throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualified} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`, details);

  if (def.group === "" && def.plural === "namespaces") return deleteNamespace(cluster, obj, opts);

  const graceful = wantsGrace(def, obj, opts);
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const propagationFinalizer = opts.propagationPolicy === "Foreground" ? FOREGROUND : opts.propagationPolicy === "Orphan" ? ORPHAN : undefined;
  if (propagationFinalizer && !finalizers.includes(propagationFinalizer)) finalizers.push(propagationFinalizer);

  if (!graceful && !finalizers.length) {
    if (opts.dryRun) return { removed: obj };
    const removed = store.remove(ref, ns, name);
    return removed ? { removed } : {};
  }
  const grace = graceful ? graceOf(obj, opts) : 0;
  const current = obj.metadata.deletionGracePeriodSeconds;
  // Already terminating: a shorter grace period may still cut it short; nothing else changes.
  if (obj.metadata.deletionTimestamp && (current === undefined || current <= grace) && sameMembers(finalizers, obj.metadata.finalizers ?? [])) return { remaining: obj };
  const change = (o: K8sObject) => {
    o.metadata.deletionTimestamp = rfc3339(new Date(clock.now().getTime() + grace * 1000));
    o.metadata.deletionGracePeriodSeconds = grace;
    if (finalizers.length) o.metadata.finalizers = finalizers;
  };
  if (opts.dryRun) {
    const copy = structuredClone(obj);
    change(copy);
    return { remaining: copy };
  }
  return { remaining: store.mutate(ref, ns, name, change) };
}

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

const sameMembers = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function graceOf(pod: K8sObject, opts: DeleteOptions): number {
  const g = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}

/** Pods on a node that are still running get their grace period; the rest go at once (as upstream's pod strategy decides). */
function wantsGrace(def: KindDef, pod: K8sObject, opts: DeleteOptions): boolean {
  if (def.group !== "" || def.plural !== "pods") return false;
  if (graceOf(pod, opts) === 0) return false;
  if (!pod.spec?.nodeName) return false;
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}

/** A namespace goes Terminating; the namespace controller deletes what is in it, then the namespace. */
function deleteNamespace(cluster: Cluster, ns: K8sObject, opts: DeleteOptions): DeleteResult {
  const name = ns.metadata.name!;
  if (IMMORTAL_NAMESPACES.has(name)) throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
  if (ns.metadata.deletionTimestamp) return { remaining: ns };
  const change = (o: K8sObject) => {
    o.metadata.deletionTimestamp = rfc3339(cluster.clock.now());
    o.metadata.deletionGracePeriodSeconds = 0;
    o.spec = { ...(o.spec ?? {}), finalizers: ["kubernetes"] };
  };
  if (opts.dryRun) {
    const copy = structuredClone(ns);
    change(copy);
    return { remaining: copy };
  }
  cluster.store.mutate(NAMESPACES, undefined, name, change);
  const updated = cluster.store.mutate(NAMESPACES, undefined, name, (o) => void (o.status = { ...(o.status ?? {}), phase: "Terminating" }), { subresource: "status" });
  return { remaining: updated };
}
