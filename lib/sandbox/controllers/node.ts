// Node bookkeeping the kubelet and the node lifecycle controller do when a node is cordoned
// (`kubectl cordon` sets spec.unschedulable): the node.kubernetes.io/unschedulable:NoSchedule
// taint appears (TaintNodesByCondition) and the kubelet reports NodeNotSchedulable; uncordon
// reverses both.
import { rfc3339 } from "../clock";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf } from "./refs";

export const unschedulableTaint = "node.kubernetes.io/unschedulable";

export function reconcileNode(ctx: ControllerContext, name: string): void {
  const node = ctx.store.get(R.nodes, undefined, name);
  if (!node) return;
  const cordoned = !!node.spec?.unschedulable;
  const taints: any[] = node.spec?.taints ?? [];
  const has = taints.some((t) => t.key === unschedulableTaint && t.effect === "NoSchedule");
  if (cordoned === has) return;
  ctx.store.mutate(R.nodes, undefined, name, (o) => {
    const rest = ((o.spec?.taints ?? []) as any[]).filter((t) => !(t.key === unschedulableTaint && t.effect === "NoSchedule"));
    if (cordoned) rest.push({ effect: "NoSchedule", key: unschedulableTaint, timeAdded: rfc3339(ctx.clock.now()) });
    o.spec = { ...(o.spec ?? {}) };
    if (rest.length) o.spec.taints = rest;
    else delete o.spec.taints;
  });
  // The kubelet names its node by name, with the name as uid.
  const ref = { apiVersion: "v1", kind: "Node", metadata: { name, uid: name } };
  ctx.events.record(ref, "Normal", cordoned ? "NodeNotSchedulable" : "NodeSchedulable", `Node ${name} status is now: ${cordoned ? "NodeNotSchedulable" : "NodeSchedulable"}`, "kubelet");
}

export const nodeController: Controller = {
  name: "node",
  keysFor: (e) => (e.ref.group === "" && e.ref.resource === "nodes" && e.type !== "DELETED" ? [keyOf(e.object)] : []),
  allKeys: (ctx) => ctx.store.list(R.nodes).map(keyOf),
  reconcile: reconcileNode,
};
