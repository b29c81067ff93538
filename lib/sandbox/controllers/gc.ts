// The garbage collector (pkg/controller/garbagecollector), one pass over the whole store:
// - background: a dependent all of whose owners are gone is deleted (pods gracefully);
//   owners that no longer exist are dropped from the ownerReferences of a dependent that has others;
// - foreground: an owner marked for deletion with the "foregroundDeletion" finalizer has its
//   dependents deleted (in foreground too), and loses the finalizer once none is left;
// - orphan: an owner marked for deletion with the "orphan" finalizer has its ownerReferences
//   removed from every dependent, then loses the finalizer.
// The API's DELETE sets those finalizers and deletionTimestamp; the GC only reads metadata.
import type { K8sObject, ResourceRef } from "../types";
import { deleteObject, foregroundFinalizer, orphanFinalizer, removeFinalizer } from "./delete";
import type { Controller, ControllerContext } from "./loop";

interface Entry {
  ref: ResourceRef;
  obj: K8sObject;
}

/** Objects the GC never owns or deletes through owners: events are pruned by TTL instead. */
const skipped = new Set(["events"]);

export function reconcileGarbage(ctx: ControllerContext): number | void {
  const store = ctx.store;
  const byUid = new Map<string, Entry>();
  const dependents = new Map<string, Entry[]>();
  for (const ref of store.resources()) {
    if (skipped.has(ref.resource) && ref.group === "") continue;
    for (const obj of store.list(ref)) {
      const e = { ref, obj };
      byUid.set(obj.metadata.uid!, e);
      for (const o of obj.metadata.ownerReferences ?? []) {
        let l = dependents.get(o.uid);
        if (!l) dependents.set(o.uid, (l = []));
        l.push(e);
      }
    }
  }
  const now = ctx.clock.now();
  let again = false;
  for (const { ref, obj } of byUid.values()) {
    const owners = obj.metadata.ownerReferences ?? [];
    if (owners.length) {
      // An owner counts as present when an object with that uid exists (in the same namespace for namespaced dependents).
      const present = owners.filter((o) => {
        const e = byUid.get(o.uid);
        return e && e.obj.metadata.name === o.name && (!e.obj.metadata.namespace || e.obj.metadata.namespace === obj.metadata.namespace);
      });
      if (!present.length) {
        deleteObject(store, ref, obj, now);
        continue;
      }
      if (present.length < owners.length) {
        const keep = new Set(present.map((o) => o.uid));
        store.mutate(ref, obj.metadata.namespace, obj.metadata.name!, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => keep.has(r.uid));
        });
      }
      // A dependent of an owner being deleted in foreground is deleted in foreground too.
      const waiting = present.some((o) => byUid.get(o.uid)!.obj.metadata.finalizers?.includes(foregroundFinalizer) && byUid.get(o.uid)!.obj.metadata.deletionTimestamp);
      if (waiting && !obj.metadata.deletionTimestamp) {
        const others = present.filter((o) => !byUid.get(o.uid)!.obj.metadata.deletionTimestamp);
        if (!others.length) deleteObject(store, ref, obj, now, dependents.get(obj.metadata.uid!)?.length ? "Foreground" : "Background");
      }
    }
    if (!obj.metadata.deletionTimestamp) continue;
    const fins = obj.metadata.finalizers ?? [];
    const deps = dependents.get(obj.metadata.uid!) ?? [];
    if (fins.includes(orphanFinalizer)) {
      for (const d of deps) {
        if (!store.get(d.ref, d.obj.metadata.namespace, d.obj.metadata.name!)) continue;
        store.mutate(d.ref, d.obj.metadata.namespace, d.obj.metadata.name!, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
          if (!o.metadata.ownerReferences.length) delete o.metadata.ownerReferences;
        });
      }
      removeFinalizer(store, ref, obj, orphanFinalizer);
      again = true;
    } else if (fins.includes(foregroundFinalizer)) {
      const live = deps.filter((d) => store.get(d.ref, d.obj.metadata.namespace, d.obj.metadata.name!)?.metadata.uid === d.obj.metadata.uid);
      if (!live.length) {
        removeFinalizer(store, ref, obj, foregroundFinalizer);
        again = true;
      } else {
        for (const d of live) deleteObject(store, d.ref, d.obj, now, dependents.get(d.obj.metadata.uid!)?.length ? "Foreground" : "Background");
      }
    }
  }
  return again ? 0 : undefined;
}

/** Events that can change what the GC must do: deletions, objects with owners, objects being deleted. */
function matters(o: K8sObject, type: string): boolean {
  return type === "DELETED" || !!o.metadata.ownerReferences?.length || !!o.metadata.deletionTimestamp;
}

export const garbageCollector: Controller = {
  name: "garbagecollector",
  keysFor: (e) => (e.ref.group === "" && skipped.has(e.ref.resource) ? [] : matters(e.object, e.type) ? ["*"] : []),
  allKeys: () => ["*"],
  reconcile: (ctx) => reconcileGarbage(ctx),
};
