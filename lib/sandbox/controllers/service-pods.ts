// What the Endpoints and EndpointSlice controllers agree on: which pods back a Service (selector
// in the Service's namespace, with an IP, not finished), whether each is ready / serving /
// terminating, and the port a Service port reaches on each pod (targetPort by number, or by name
// through the pod's container ports: podutil.FindPort).
import type { K8sObject } from "../types";
import { mapSelects } from "../labels";
import { R, isPodReady, isTerminal } from "./refs";
import type { Store } from "../store/store";

export interface BackendPod {
  pod: K8sObject;
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Services the endpoint controllers manage: those with a non-empty selector. */
export const hasSelector = (svc: K8sObject): boolean => !!svc.spec?.selector && Object.keys(svc.spec.selector).length > 0;

export function backendPods(store: Store, svc: K8sObject): BackendPod[] {
  if (!hasSelector(svc)) return [];
  const out: BackendPod[] = [];
  for (const pod of store.list(R.pods, svc.metadata.namespace)) {
    if (!mapSelects(svc.spec.selector, pod.metadata.labels ?? {})) continue;
    const ip = pod.status?.podIP;
    if (!ip || isTerminal(pod)) continue;
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = isPodReady(pod);
    out.push({ pod, ip, ready: ready && !terminating, serving: ready, terminating });
  }
  return out;
}

/** The pod port a Service port reaches, or undefined when a named targetPort is not declared by the pod. */
export function targetPortOn(pod: K8sObject, port: { port: number; targetPort?: number | string; protocol?: string }): number | undefined {
  const t = port.targetPort ?? port.port;
  if (typeof t === "number") return t;
  if (/^\d+$/.test(t)) return Number(t);
  const protocol = port.protocol ?? "TCP";
  for (const c of (pod.spec?.containers ?? []) as any[])
    for (const p of (c.ports ?? []) as any[]) if (p.name === t && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  return undefined;
}

/** Service ports resolved for one pod, as [name, port, protocol] (name "" when unnamed). */
export function resolvedPorts(svc: K8sObject, pod: K8sObject): { name: string; port: number; protocol: string }[] {
  const out: { name: string; port: number; protocol: string }[] = [];
  for (const p of (svc.spec?.ports ?? []) as any[]) {
    const port = targetPortOn(pod, p);
    if (port !== undefined) out.push({ name: p.name ?? "", port, protocol: p.protocol ?? "TCP" });
  }
  return out;
}

export const portsKey = (ports: { name: string; port: number; protocol: string }[]): string =>
  ports.map((p) => `${p.name}/${p.port}/${p.protocol}`).join(",");
