// The namespace controllers: every Active namespace holds a ServiceAccount `default` (the
// serviceaccounts controller) and the ConfigMap `kube-root-ca.crt` (the root-ca-cert-publisher),
// recreated when deleted; a namespace being deleted is Terminating while everything in it is
// deleted (pods gracefully), then its `kubernetes` finalizer is cleared and it is gone
// (pkg/controller/namespace/deletion).
import type { K8sObject } from "../types";
import { deleteObject } from "./delete";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf } from "./refs";

export const rootCAConfigMap = "kube-root-ca.crt";
const rootCADescription =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";
/** While namespaced objects remain (pods terminating), look again this often (sandbox ms). */
const recheckMs = 1000;

function ensureDefaults(ctx: ControllerContext, ns: string): number | void {
  if (!ctx.store.get(R.serviceaccounts, ns, "default"))
    ctx.store.create(R.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns } });
  const ca = ctx.caCert();
  if (!ca) return 50; // the cluster CA is still being generated
  const cm = ctx.store.get(R.configmaps, ns, rootCAConfigMap);
  if (!cm)
    ctx.store.create(R.configmaps, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: rootCAConfigMap, namespace: ns, annotations: { "kubernetes.io/description": rootCADescription } },
      data: { "ca.crt": ca },
    });
  else if (cm.data?.["ca.crt"] !== ca)
    ctx.store.mutate(R.configmaps, ns, rootCAConfigMap, (o) => {
      o.data = { ...(o.data ?? {}), "ca.crt": ca };
    });
}

/** Namespaced collections the store holds objects of (every kind lives in a namespace but these). */
const clusterScoped = new Set(["namespaces", "nodes", "ingressclasses", "persistentvolumes", "storageclasses", "clusterroles", "clusterrolebindings", "priorityclasses", "customresourcedefinitions"]);

function remaining(ctx: ControllerContext, ns: string): { ref: { group: string; resource: string }; obj: K8sObject }[] {
  const out: { ref: { group: string; resource: string }; obj: K8sObject }[] = [];
  for (const ref of ctx.store.resources()) {
    if (clusterScoped.has(ref.resource)) continue;
    for (const obj of ctx.store.list(ref, ns)) if (obj.metadata.namespace === ns) out.push({ ref, obj });
  }
  return out;
}

export function reconcileNamespace(ctx: ControllerContext, name: string): number | void {
  const ns = ctx.store.get(R.namespaces, undefined, name);
  if (!ns) return;
  if (!ns.metadata.deletionTimestamp) {
    if (ns.status?.phase !== "Active")
      ctx.store.mutate(R.namespaces, undefined, name, (o) => void (o.status = { ...(o.status ?? {}), phase: "Active" }), { subresource: "status" });
    return ensureDefaults(ctx, name);
  }
  if (ns.status?.phase !== "Terminating")
    ctx.store.mutate(R.namespaces, undefined, name, (o) => void (o.status = { ...(o.status ?? {}), phase: "Terminating" }), { subresource: "status" });
  const left = remaining(ctx, name);
  const now = ctx.clock.now();
  for (const { ref, obj } of left) deleteObject(ctx.store, ref, obj, now);
  if (remaining(ctx, name).length) return recheckMs;
  // Empty: the namespace controller clears spec.finalizers (the /finalize subresource) and the object goes.
  const cur = ctx.store.get(R.namespaces, undefined, name);
  if (cur?.metadata.finalizers?.length) return recheckMs;
  ctx.store.remove(R.namespaces, undefined, name);
}

export const namespaceController: Controller = {
  name: "namespace",
  keysFor(e) {
    if (e.ref.group === "" && e.ref.resource === "namespaces") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    const ns = e.object.metadata.namespace;
    if (!ns) return [];
    // A deleted default ServiceAccount or root CA ConfigMap comes back; a terminating namespace re-checks what is left.
    if (e.type === "DELETED") return [ns];
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.namespaces).map(keyOf),
  reconcile: reconcileNamespace,
};
