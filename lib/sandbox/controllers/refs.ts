// Resource references and small object helpers every controller shares: which collection an
// object lives in, how its controller (ownerReference with controller: true) is found, and how a
// status condition is set without moving its lastTransitionTime when nothing changed.
import type { K8sObject, OwnerReference, ResourceRef } from "../types";

export const R = {
  namespaces: { group: "", resource: "namespaces" },
  nodes: { group: "", resource: "nodes" },
  pods: { group: "", resource: "pods" },
  services: { group: "", resource: "services" },
  endpoints: { group: "", resource: "endpoints" },
  events: { group: "", resource: "events" },
  configmaps: { group: "", resource: "configmaps" },
  secrets: { group: "", resource: "secrets" },
  serviceaccounts: { group: "", resource: "serviceaccounts" },
  endpointslices: { group: "discovery.k8s.io", resource: "endpointslices" },
  deployments: { group: "apps", resource: "deployments" },
  replicasets: { group: "apps", resource: "replicasets" },
  daemonsets: { group: "apps", resource: "daemonsets" },
  leases: { group: "coordination.k8s.io", resource: "leases" },
  ingresses: { group: "networking.k8s.io", resource: "ingresses" },
  ingressclasses: { group: "networking.k8s.io", resource: "ingressclasses" },
} satisfies Record<string, ResourceRef>;

/** "ns/name" (or "name" for cluster-scoped objects): the work-queue key of an object. */
export const keyOf = (o: K8sObject): string => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!);

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf("/");
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export const controllerOf = (o: K8sObject): OwnerReference | undefined => o.metadata.ownerReferences?.find((r) => r.controller);

export function ownerRefTo(owner: K8sObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
}

/**
 * Sets one condition in a list, keeping lastTransitionTime unless status flips (as every
 * upstream controller does). Returns the new list; the order of existing entries is kept.
 */
export function setCondition(list: Condition[] | undefined, next: Condition, now: string, opts: { updateTime?: boolean } = {}): Condition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === next.type);
  const old = i >= 0 ? out[i] : undefined;
  const c: Condition = { ...next };
  c.lastTransitionTime = old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : now;
  if (opts.updateTime) {
    const same = old && old.status === next.status && old.reason === next.reason && old.message === next.message;
    c.lastUpdateTime = same && old.lastUpdateTime ? old.lastUpdateTime : now;
  }
  if (i >= 0) out[i] = c;
  else out.push(c);
  return out;
}

export const conditionOf = (o: K8sObject, type: string): Condition | undefined => (o.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);

export const isPodReady = (pod: K8sObject): boolean => conditionOf(pod, "Ready")?.status === "True";

export const isTerminal = (pod: K8sObject): boolean => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/** Pods a ReplicaSet counts: not finished and not being deleted (upstream controller.FilterActivePods). */
export const isActivePod = (pod: K8sObject): boolean => !isTerminal(pod) && !pod.metadata.deletionTimestamp;
