// The scheduler (kube-scheduler's default profile, reduced to what a 3-node kind cluster shows):
// binds each Pending pod without spec.nodeName to a feasible node, honouring nodeSelector,
// required node affinity, taints and tolerations, cordoned nodes and the pods limit, and picks
// among feasible nodes the one running the fewest pods (so replicas spread over the workers).
// Infeasible pods get PodScheduled=False and a FailedScheduling event worded like upstream's.
import { rfc3339 } from "../clock";
import type { K8sObject } from "../types";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf, setCondition, splitKey } from "./refs";
import { selectorMatches, type LabelSelector, type LabelSelectorRequirement } from "../labels";

export const schedulerName = "default-scheduler";
/** How often an unschedulable pod is tried again even without a cluster change (sandbox ms). */
const retryMs = 30_000;

interface Taint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: string;
}

export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if ((t.operator ?? "Equal") === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

/** A nodeSelectorTerm's matchExpressions (Gt/Lt included) against node labels. */
function matchesNodeRequirement(r: { key: string; operator: string; values?: string[] }, labels: Record<string, string>): boolean {
  const v = labels[r.key];
  switch (r.operator) {
    case "Gt":
      return v !== undefined && Number(v) > Number(r.values?.[0]);
    case "Lt":
      return v !== undefined && Number(v) < Number(r.values?.[0]);
    default:
      return selectorMatches({ matchExpressions: [r as LabelSelectorRequirement] }, labels);
  }
}

function matchesNodeAffinity(pod: K8sObject, node: K8sObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>)) if (labels[k] !== v) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as any[] | undefined;
  if (!terms?.length) return true;
  // Terms are ORed; requirements within a term are ANDed.
  return terms.some((t) => {
    const exprs = (t.matchExpressions ?? []) as any[];
    const fields = (t.matchFields ?? []) as any[];
    if (!exprs.length && !fields.length) return false;
    return exprs.every((r) => matchesNodeRequirement(r, labels)) && fields.every((r) => matchesNodeRequirement(r, { "metadata.name": node.metadata.name! }));
  });
}

/** Pods that occupy a node: bound there and not finished. */
export function podsOnNode(pods: K8sObject[], node: string): K8sObject[] {
  return pods.filter((p) => p.spec?.nodeName === node && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
}

const cpuMilli = (q: unknown): number => {
  if (q === undefined || q === null) return 0;
  const s = String(q);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
};

const suffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
export const bytesOf = (q: unknown): number => {
  if (q === undefined || q === null) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m) return 0;
  return Number(m[1]) * (suffixes[m[2]] ?? 1);
};

function requests(pod: K8sObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of (pod.spec?.containers ?? []) as any[]) {
    const r = c.resources?.requests ?? c.resources?.limits ?? {};
    cpu += cpuMilli(r.cpu);
    memory += bytesOf(r.memory);
  }
  return { cpu, memory };
}

const hostPorts = (pod: K8sObject): string[] =>
  ((pod.spec?.containers ?? []) as any[]).flatMap((c) => ((c.ports ?? []) as any[]).filter((p) => p.hostPort).map((p) => `${p.protocol ?? "TCP"}/${p.hostPort}`));

/**
 * Why a node cannot take the pod, or undefined when it can. Filters run in the default profile's
 * order (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit)
 * and the first failing one names the reason, with its upstream message.
 */
export function unfit(pod: K8sObject, node: K8sObject, pods: K8sObject[], nodes?: K8sObject[]): string | undefined {
  if (node.spec?.unschedulable && !tolerates(pod.spec?.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })) return "node(s) were unschedulable";
  if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata.name) return "node(s) didn't match the requested node name";
  for (const t of (node.spec?.taints ?? []) as Taint[]) {
    if (t.effect === "PreferNoSchedule") continue;
    if (t.key === "node.kubernetes.io/unschedulable") continue; // reported by NodeUnschedulable above
    if (!tolerates(pod.spec?.tolerations, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`;
  }
  if (!matchesNodeAffinity(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  const on = podsOnNode(pods, node.metadata.name!).filter((p) => p.metadata.uid !== pod.metadata.uid);
  const wanted = hostPorts(pod);
  if (wanted.length && on.some((p) => hostPorts(p).some((hp) => wanted.includes(hp)))) return "node(s) didn't have free ports for the requested pod ports";
  const alloc = node.status?.allocatable ?? {};
  if (alloc.pods && on.length + 1 > Number(alloc.pods)) return "Too many pods";
  const want = requests(pod);
  const used = on.map(requests).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
  if (want.cpu && alloc.cpu && used.cpu + want.cpu > cpuMilli(alloc.cpu)) return "Insufficient cpu";
  if (want.memory && alloc.memory && used.memory + want.memory > bytesOf(alloc.memory)) return "Insufficient memory";
  if (nodes) return interPodAffinity(pod, node, pods, nodes);
  return undefined;
}

interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

const requiredTerms = (pod: K8sObject, kind: "podAffinity" | "podAntiAffinity"): PodAffinityTerm[] =>
  pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** Whether `other` is a pod the term (written in `owner`'s namespace) selects. */
function termSelects(term: PodAffinityTerm, owner: K8sObject, other: K8sObject): boolean {
  // namespaceSelector is not evaluated (namespace labels are not at hand): an empty one means all namespaces.
  const allNamespaces = term.namespaceSelector && !Object.keys(term.namespaceSelector).length;
  const namespaces = term.namespaces?.length ? term.namespaces : [owner.metadata.namespace];
  if (!allNamespaces && !namespaces.includes(other.metadata.namespace)) return false;
  return selectorMatches(term.labelSelector ?? null, other.metadata.labels);
}

/** The InterPodAffinity filter: required pod affinity, anti-affinity, and existing pods' anti-affinity. */
function interPodAffinity(pod: K8sObject, node: K8sObject, pods: K8sObject[], nodes: K8sObject[]): string | undefined {
  const labelsOf = new Map(nodes.map((n) => [n.metadata.name!, n.metadata.labels ?? {}]));
  const placed = pods.filter((p) => p.spec?.nodeName && p.metadata.uid !== pod.metadata.uid && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const here = node.metadata.labels ?? {};
  const sameDomain = (p: K8sObject, key: string) => here[key] !== undefined && labelsOf.get(p.spec.nodeName)?.[key] === here[key];
  for (const term of requiredTerms(pod, "podAffinity")) {
    const matching = placed.filter((p) => termSelects(term, pod, p));
    // The first pod of a group that selects itself may go anywhere (upstream's special case).
    if (!matching.length && termSelects(term, pod, pod)) continue;
    if (!matching.some((p) => sameDomain(p, term.topologyKey))) return "node(s) didn't match pod affinity rules";
  }
  for (const term of requiredTerms(pod, "podAntiAffinity"))
    if (placed.some((p) => termSelects(term, pod, p) && sameDomain(p, term.topologyKey))) return "node(s) didn't match pod anti-affinity rules";
  for (const p of placed)
    for (const term of requiredTerms(p, "podAntiAffinity"))
      if (termSelects(term, p, pod) && sameDomain(p, term.topologyKey)) return "node(s) didn't satisfy existing pods anti-affinity rules";
  return undefined;
}

const preemptable = new Set([
  "Too many pods",
  "node(s) didn't have free ports for the requested pod ports",
  "node(s) didn't match pod anti-affinity rules",
  "node(s) didn't satisfy existing pods anti-affinity rules",
]);

/**
 * "0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 node(s) didn't match ...
 * preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." — reasons
 * counted and sorted as framework.FitError.Error() does.
 */
export function fitErrorMessage(total: number, reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  // Nodes failing only on something preemption could free (resources, ports, anti-affinity) are
  // "No preemption victims found" (every pod has priority 0); the rest are UnschedulableAndUnresolvable.
  const insufficient = reasons.filter((r) => preemptable.has(r) || r.startsWith("Insufficient")).length;
  const notHelpful = total - insufficient;
  const preemption =
    insufficient > 0
      ? `preemption: 0/${total} nodes are available: ${[notHelpful ? `${notHelpful} Preemption is not helpful for scheduling` : "", `${insufficient} No preemption victims found for incoming pod`].filter(Boolean).sort().join(", ")}.`
      : `preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  return `0/${total} nodes are available: ${parts.join(", ")}. ${preemption}`;
}

export function reconcileScheduling(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const pod = ctx.store.get(R.pods, ns, name);
  if (!pod || pod.metadata.deletionTimestamp) return;
  if ((pod.spec?.schedulerName ?? schedulerName) !== schedulerName) return;
  // spec.nodeName set by the user bypasses the scheduler (the kubelet admits it directly).
  if (pod.spec?.nodeName) return;
  const nodes = ctx.store.list(R.nodes);
  const pods = ctx.store.list(R.pods);
  const now = rfc3339(ctx.clock.now());
  const feasible: K8sObject[] = [];
  const reasons: string[] = [];
  for (const n of nodes) {
    const why = unfit(pod, n, pods, nodes);
    if (why) reasons.push(why);
    else feasible.push(n);
  }
  if (!feasible.length) {
    const message = nodes.length ? fitErrorMessage(nodes.length, reasons) : "no nodes available to schedule pods";
    const cond = (pod.status?.conditions ?? []).find((c: any) => c.type === "PodScheduled");
    if (cond?.status !== "False" || cond.message !== message) {
      ctx.store.mutate(
        R.pods,
        ns,
        name,
        (p) => {
          p.status = { phase: "Pending", ...(p.status ?? {}) };
          p.status.conditions = setCondition(p.status.conditions, { type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastProbeTime: null }, now);
        },
        { subresource: "status" },
      );
    }
    // Every failed attempt is reported again (the event's count goes up, "x3 over 2m").
    ctx.events.record(pod, "Warning", "FailedScheduling", message, schedulerName);
    return retryMs;
  }
  // Least-allocated spreading: fewest running pods first, then name, so replicas spread evenly.
  const load = (n: K8sObject) => podsOnNode(pods, n.metadata.name!).length;
  feasible.sort((a, b) => load(a) - load(b) || a.metadata.name!.localeCompare(b.metadata.name!));
  const node = feasible[0].metadata.name!;
  // The Binding: spec.nodeName, in one write so `kubectl get pods -w` shows one line for it as on a
  // real cluster. PodScheduled=True is written with the kubelet's first status (a pod's status
  // can only change through /status, which would make a second event here).
  const bound = ctx.store.mutate(R.pods, ns, name, (p) => {
    p.spec.nodeName = node;
  });
  ctx.events.record(bound, "Normal", "Scheduled", `Successfully assigned ${ns}/${name} to ${node}`, schedulerName);
}

export const scheduler: Controller = {
  name: "scheduler",
  keysFor(e, ctx) {
    if (e.ref.resource === "pods" && e.ref.group === "") {
      if (e.type !== "DELETED") return e.object.spec?.nodeName ? [] : [keyOf(e.object)];
      // A pod going away frees room: try the waiting ones again.
      return pendingKeys(ctx);
    }
    if (e.ref.resource === "nodes" && e.ref.group === "") return pendingKeys(ctx);
    return [];
  },
  allKeys: pendingKeys,
  reconcile: reconcileScheduling,
};

function pendingKeys(ctx: ControllerContext): string[] {
  return ctx.store
    .list(R.pods)
    .filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp)
    .map(keyOf);
}
