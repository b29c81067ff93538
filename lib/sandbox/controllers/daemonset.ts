// The DaemonSet controller (pkg/controller/daemon), reduced: one pod per node the template fits
// (nodeSelector, affinity, taints with the DaemonSet's automatic tolerations), pinned to its node
// by required node affinity on metadata.name and left to the scheduler to bind; pods on nodes
// that no longer fit are deleted; status counts what runs. kube-proxy and kindnet come back when
// deleted, as on a kind cluster.
import { ApiError } from "../errors";
import type { K8sObject } from "../types";
import { deleteObject } from "./delete";
import type { Controller, ControllerContext } from "./loop";
import { podAvailability } from "./replicaset";
import { R, controllerOf, isActivePod, isPodReady, keyOf, splitKey } from "./refs";
import { unfit } from "./scheduler";
import { podTemplateHash } from "./hash";

const component = "daemonset-controller";

/** Tolerations every DaemonSet pod gets (daemon/util AddOrUpdateDaemonPodTolerations). */
const daemonTolerations = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

function podFor(ds: K8sObject, node: string): K8sObject {
  const t = structuredClone(ds.spec?.template ?? {});
  const spec = t.spec ?? {};
  const tolerations: any[] = [...(spec.tolerations ?? [])];
  for (const d of daemonTolerations) if (!tolerations.some((x) => x.key === d.key && x.effect === d.effect)) tolerations.push(d);
  spec.tolerations = tolerations;
  spec.affinity = {
    ...(spec.affinity ?? {}),
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }] } },
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), "controller-revision-hash": daemonSetRevision(ds), "pod-template-generation": String(ds.metadata.generation ?? 1) },
      annotations: t.metadata?.annotations,
      ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: ds.metadata.name!, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/** The controller-revision-hash of the DaemonSet's current template. */
export const daemonSetRevision = (ds: K8sObject): string => podTemplateHash(ds.spec?.template).slice(0, 10);

const pinnedNode = (p: K8sObject): string | undefined =>
  p.spec?.nodeName ?? p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];

export function reconcileDaemonSet(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const ds = ctx.store.get(R.daemonsets, ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const pods = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === ds.metadata.uid && isActivePod(p));
  const nodes = ctx.store.list(R.nodes);
  let desired = 0;
  let retry: number | undefined;
  for (const n of nodes) {
    const probe = podFor(ds, n.metadata.name!);
    // Resources do not keep a daemon off a node here; fit is about selectors and taints.
    const why = unfit(probe, n, []);
    const on = pods.filter((p) => pinnedNode(p) === n.metadata.name);
    if (!why) {
      desired++;
      if (!on.length) {
        try {
          const created = ctx.store.create(R.pods, probe);
          ctx.events.record(ds, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`, component);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          ctx.events.record(ds, "Warning", "FailedCreate", `Error creating: ${err.message}`, component);
          retry = 10_000;
        }
      }
      for (const extra of on.slice(1)) {
        deleteObject(ctx.store, R.pods, extra, ctx.clock.now());
        ctx.events.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${extra.metadata.name}`, component);
      }
    } else
      for (const p of on) {
        deleteObject(ctx.store, R.pods, p, ctx.clock.now());
        ctx.events.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, component);
      }
  }
  // RollingUpdate (maxUnavailable 1): once every daemon pod is Ready, replace one of an old revision.
  const revision = daemonSetRevision(ds);
  const owned = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === ds.metadata.uid && isActivePod(p));
  if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate" && owned.length === desired && owned.every(isPodReady)) {
    const stale = owned.find((p) => p.metadata.labels?.["controller-revision-hash"] !== revision);
    if (stale) {
      deleteObject(ctx.store, R.pods, stale, ctx.clock.now());
      ctx.events.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${stale.metadata.name}`, component);
    }
  }
  const now = ctx.store.list(R.pods, ns).filter((p) => controllerOf(p)?.uid === ds.metadata.uid && isActivePod(p));
  const scheduled = now.filter((p) => p.spec?.nodeName).length;
  const ready = now.filter(isPodReady).length;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = now.filter((p) => podAvailability(p, minReady, ctx.clock.now().getTime(), ctx.clock.scale)[0]).length;
  const status: any = {
    currentNumberScheduled: scheduled,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: now.filter((p) => p.spec?.nodeName && p.metadata.labels?.["controller-revision-hash"] === revision).length,
    numberAvailable: available,
  };
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (!available) delete status.numberAvailable;
  ctx.store.mutate(R.daemonsets, ns, name, (o) => void (o.status = status), { subresource: "status" });
  return retry;
}

export const daemonSetController: Controller = {
  name: "daemonset",
  keysFor(e, ctx) {
    if (e.ref.group === "apps" && e.ref.resource === "daemonsets") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    if (e.ref.group === "" && e.ref.resource === "pods") {
      const ref = controllerOf(e.object);
      return ref?.kind === "DaemonSet" ? [`${e.object.metadata.namespace}/${ref.name}`] : [];
    }
    if (e.ref.group === "" && e.ref.resource === "nodes") return ctx.store.list(R.daemonsets).map(keyOf);
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.daemonsets).map(keyOf),
  reconcile: reconcileDaemonSet,
};
