// Deleting an object the way the API server's DELETE does when a controller asks for it
// (garbage collector, namespace controller, ReplicaSet scale-down): pods on a node are deleted
// gracefully (deletionTimestamp = now + grace, the kubelet finishes the job), objects with
// finalizers are only marked, everything else goes at once. Propagation uses the same
// finalizers the API sets: "orphan" and "foregroundDeletion".
import { rfc3339 } from "../clock";
import type { Store } from "../store/store";
import type { K8sObject, ResourceRef } from "../types";

export type Propagation = "Background" | "Foreground" | "Orphan";

export const foregroundFinalizer = "foregroundDeletion";
export const orphanFinalizer = "orphan";

const isPods = (ref: ResourceRef) => ref.group === "" && ref.resource === "pods";

/** Deletes (or starts deleting) `obj`. Does nothing when it is already being deleted. */
export function deleteObject(store: Store, ref: ResourceRef, obj: K8sObject, now: Date, propagation: Propagation = "Background"): void {
  const cur = store.get(ref, obj.metadata.namespace, obj.metadata.name!);
  if (!cur || cur.metadata.uid !== obj.metadata.uid || cur.metadata.deletionTimestamp) return;
  const finalizers = [...(cur.metadata.finalizers ?? [])];
  if (propagation === "Foreground" && !finalizers.includes(foregroundFinalizer)) finalizers.push(foregroundFinalizer);
  if (propagation === "Orphan" && !finalizers.includes(orphanFinalizer)) finalizers.push(orphanFinalizer);
  const graceful = isPods(ref) && !!cur.spec?.nodeName && cur.status?.phase !== "Succeeded" && cur.status?.phase !== "Failed";
  if (!graceful && !finalizers.length) {
    store.remove(ref, cur.metadata.namespace, cur.metadata.name!);
    return;
  }
  const grace = graceful ? (cur.spec?.terminationGracePeriodSeconds ?? 30) : 0;
  cur.metadata.finalizers = finalizers.length ? finalizers : undefined;
  if (!cur.metadata.finalizers) delete cur.metadata.finalizers;
  cur.metadata.deletionTimestamp = rfc3339(new Date(now.getTime() + grace * 1000));
  cur.metadata.deletionGracePeriodSeconds = grace;
  delete cur.metadata.resourceVersion;
  store.update(ref, cur);
}

/** Removes one finalizer; the store removes the object when it was the last one on a deleted object. */
export function removeFinalizer(store: Store, ref: ResourceRef, obj: K8sObject, finalizer: string): void {
  const cur = store.get(ref, obj.metadata.namespace, obj.metadata.name!);
  if (!cur || !cur.metadata.finalizers?.includes(finalizer)) return;
  cur.metadata.finalizers = cur.metadata.finalizers.filter((f) => f !== finalizer);
  delete cur.metadata.resourceVersion;
  store.update(ref, cur);
}

