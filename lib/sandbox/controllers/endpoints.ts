// The Endpoints controller (pkg/controller/endpoint): for every Service with a selector, an
// Endpoints object of the same name whose subsets list ready pods as addresses and the others as
// notReadyAddresses (all as addresses with publishNotReadyAddresses), grouped by the ports they
// resolve to. Services without a selector keep whatever Endpoints the user wrote, except
// `default/kubernetes`, which the API server itself maintains (its own address on 6443).
import { rfc3339 } from "../clock";
import type { K8sObject } from "../types";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf, splitKey } from "./refs";
import { backendPods, hasSelector, portsKey, resolvedPorts } from "./service-pods";

export const apiServerIP = "10.89.0.2";
export const apiServerPort = 6443;

const triggerAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";

function byIP(a: any, b: any): number {
  return a.ip.localeCompare(b.ip, undefined, { numeric: true });
}

/** The subsets for a Service, computed from its pods (RepackSubsets: one subset per distinct port set). */
export function endpointSubsets(ctx: ControllerContext, svc: K8sObject): any[] {
  const groups = new Map<string, { ports: { name: string; port: number; protocol: string }[]; addresses: any[]; notReadyAddresses: any[] }>();
  const publish = !!svc.spec?.publishNotReadyAddresses;
  for (const b of backendPods(ctx.store, svc)) {
    // Terminating pods leave Endpoints (unless the Service publishes not-ready addresses).
    if (b.terminating && !publish) continue;
    const ports = resolvedPorts(svc, b.pod);
    if (!ports.length && (svc.spec?.ports ?? []).length) continue;
    const k = portsKey(ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports, addresses: [], notReadyAddresses: [] }));
    const addr: any = { ip: b.ip, nodeName: b.pod.spec?.nodeName, targetRef: { kind: "Pod", namespace: b.pod.metadata.namespace, name: b.pod.metadata.name, uid: b.pod.metadata.uid } };
    if (b.pod.spec?.hostname && b.pod.spec?.subdomain === svc.metadata.name) addr.hostname = b.pod.spec.hostname;
    if (!addr.nodeName) delete addr.nodeName;
    if (b.ready || publish) g.addresses.push(addr);
    else g.notReadyAddresses.push(addr);
  }
  return [...groups.values()].map((g) => {
    const s: any = {};
    if (g.addresses.length) s.addresses = g.addresses.sort(byIP);
    if (g.notReadyAddresses.length) s.notReadyAddresses = g.notReadyAddresses.sort(byIP);
    if (g.ports.length) s.ports = g.ports.map((p) => (p.name ? { name: p.name, port: p.port, protocol: p.protocol } : { port: p.port, protocol: p.protocol }));
    return s;
  });
}

function ensureEndpoints(ctx: ControllerContext, svc: K8sObject, subsets: any[]): void {
  const ns = svc.metadata.namespace!;
  const name = svc.metadata.name!;
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  const cur = ctx.store.get(R.endpoints, ns, name);
  if (!cur) {
    const ep: K8sObject = { apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace: ns, labels }, ...(subsets.length ? { subsets } : {}) };
    if (name !== "kubernetes") ep.metadata.annotations = { [triggerAnnotation]: rfc3339(ctx.clock.now()) };
    if (!Object.keys(labels).length) delete ep.metadata.labels;
    ctx.store.create(R.endpoints, ep);
    return;
  }
  const same = JSON.stringify(cur.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(cur.metadata.labels ?? {}) === JSON.stringify(labels);
  if (same) return;
  ctx.store.mutate(R.endpoints, ns, name, (o) => {
    if (subsets.length) o.subsets = subsets;
    else delete o.subsets;
    if (Object.keys(labels).length) o.metadata.labels = labels;
    else delete o.metadata.labels;
    if (name !== "kubernetes") o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [triggerAnnotation]: rfc3339(ctx.clock.now()) };
  });
}

export function reconcileEndpoints(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get(R.services, ns, name);
  if (ns === "default" && name === "kubernetes") {
    if (svc) ensureEndpoints(ctx, svc, [{ addresses: [{ ip: apiServerIP }], ports: [{ name: "https", port: apiServerPort, protocol: "TCP" }] }]);
    return;
  }
  const ep = ctx.store.get(R.endpoints, ns, name);
  if (!svc || svc.metadata.deletionTimestamp) {
    // The controller deletes the Endpoints of a deleted Service (those it managed: the Service had a selector).
    // Endpoints a user wrote for a selector-less Service (no trigger annotation) are left alone.
    if (ep && !svc && ep.metadata.annotations?.[triggerAnnotation]) ctx.store.remove(R.endpoints, ns, name);
    return;
  }
  if (!hasSelector(svc) || svc.spec?.type === "ExternalName") return;
  ensureEndpoints(ctx, svc, endpointSubsets(ctx, svc));
}

/** Service keys in a namespace: pod changes there can change any of their endpoints. */
export const serviceKeysIn = (ctx: ControllerContext, ns: string | undefined): string[] => ctx.store.list(R.services, ns).filter(hasSelector).map(keyOf);

export const endpointsController: Controller = {
  name: "endpoints",
  keysFor(e, ctx) {
    if (e.ref.group !== "") return [];
    if (e.ref.resource === "services" || e.ref.resource === "endpoints") return [keyOf(e.object)];
    if (e.ref.resource === "pods") return serviceKeysIn(ctx, e.object.metadata.namespace);
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.services).map(keyOf),
  reconcile: reconcileEndpoints,
};
