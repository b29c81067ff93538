// The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector,
// IPv4 EndpointSlices named `<service>-<5 chars>`, labelled kubernetes.io/service-name and
// endpointslice.kubernetes.io/managed-by, owned by the Service, one slice per distinct port set,
// with endpoints carrying ready / serving / terminating conditions, nodeName and targetRef.
// The `kubernetes` Service's slice is the API server's own (named "kubernetes").
// Selector-less Services with user-written Endpoints get mirrored slices, as the
// endpointslicemirroring controller does.
import type { K8sObject } from "../types";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf, splitKey } from "./refs";
import { backendPods, hasSelector, portsKey, resolvedPorts } from "./service-pods";
import { apiServerIP, apiServerPort } from "./endpoints";

export const serviceNameLabel = "kubernetes.io/service-name";
export const managedByLabel = "endpointslice.kubernetes.io/managed-by";
export const managedBy = "endpointslice-controller.k8s.io";
const mirroringManagedBy = "endpointslicemirroring-controller.k8s.io";
/** Upstream --max-endpoints-per-slice default. */
const maxPerSlice = 100;

interface Wanted {
  ports: { name: string; port: number; protocol: string }[];
  endpoints: any[];
}

function wantedSlices(ctx: ControllerContext, svc: K8sObject): Wanted[] {
  const groups = new Map<string, Wanted>();
  const publish = !!svc.spec?.publishNotReadyAddresses;
  for (const b of backendPods(ctx.store, svc)) {
    const ports = resolvedPorts(svc, b.pod);
    const k = portsKey(ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports, endpoints: [] }));
    const ep: any = {
      addresses: [b.ip],
      conditions: { ready: publish || b.ready, serving: b.serving, terminating: b.terminating },
      nodeName: b.pod.spec?.nodeName,
      targetRef: { kind: "Pod", namespace: b.pod.metadata.namespace, name: b.pod.metadata.name, uid: b.pod.metadata.uid },
    };
    if (b.pod.spec?.hostname && b.pod.spec?.subdomain === svc.metadata.name) ep.hostname = b.pod.spec.hostname;
    if (!ep.nodeName) delete ep.nodeName;
    g.endpoints.push(ep);
  }
  const out: Wanted[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => a.addresses[0].localeCompare(b.addresses[0], undefined, { numeric: true }));
    for (let i = 0; i < g.endpoints.length; i += maxPerSlice) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + maxPerSlice) });
  }
  // A Service with no endpoints still gets one (empty) slice, as upstream's placeholder.
  if (!out.length) out.push({ ports: [], endpoints: [] });
  return out;
}

function sliceLabels(svc: K8sObject, by: string): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [serviceNameLabel]: svc.metadata.name!, [managedByLabel]: by };
  if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  return labels;
}

function slicePorts(ports: Wanted["ports"]): any[] | null {
  return ports.length ? ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) : null;
}

/** Makes the managed slices of a Service equal `wanted`, reusing existing slices (and their names) first. */
function sync(ctx: ControllerContext, svc: K8sObject, wanted: Wanted[], by: string): void {
  const ns = svc.metadata.namespace!;
  const existing = ctx.store
    .list(R.endpointslices, ns)
    .filter((s) => s.metadata.labels?.[serviceNameLabel] === svc.metadata.name && s.metadata.labels?.[managedByLabel] === by);
  const labels = sliceLabels(svc, by);
  const owner = { apiVersion: "v1", kind: "Service", name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true };
  const byPorts = new Map<string, K8sObject[]>();
  for (const s of existing) {
    const k = JSON.stringify(s.ports ?? null);
    byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
  }
  const used = new Set<string>();
  const leftovers = () => existing.filter((s) => !used.has(s.metadata.name!));
  for (const w of wanted) {
    const ports = slicePorts(w.ports);
    const k = JSON.stringify(ports);
    const reuse = (byPorts.get(k) ?? []).find((s) => !used.has(s.metadata.name!)) ?? leftovers()[0];
    if (reuse) {
      used.add(reuse.metadata.name!);
      const same =
        JSON.stringify(reuse.endpoints ?? []) === JSON.stringify(w.endpoints) &&
        JSON.stringify(reuse.ports ?? null) === k &&
        JSON.stringify(reuse.metadata.labels ?? {}) === JSON.stringify(labels);
      if (same) continue;
      ctx.store.mutate(R.endpointslices, ns, reuse.metadata.name!, (o) => {
        o.endpoints = w.endpoints;
        o.ports = ports;
        o.metadata.labels = labels;
      });
    } else {
      const created = ctx.store.create(R.endpointslices, {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { generateName: `${svc.metadata.name}-`, namespace: ns, labels, ownerReferences: [owner] },
        addressType: "IPv4",
        endpoints: w.endpoints,
        ports,
      });
      used.add(created.metadata.name!);
    }
  }
  for (const s of leftovers()) ctx.store.remove(R.endpointslices, ns, s.metadata.name!);
}

function syncKubernetes(ctx: ControllerContext): void {
  const want = {
    addressType: "IPv4",
    endpoints: [{ addresses: [apiServerIP], conditions: { ready: true } }],
    ports: [{ name: "https", port: apiServerPort, protocol: "TCP" }],
  };
  const cur = ctx.store.get(R.endpointslices, "default", "kubernetes");
  if (!cur) {
    ctx.store.create(R.endpointslices, { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "kubernetes", namespace: "default", labels: { [serviceNameLabel]: "kubernetes" } }, ...want });
    return;
  }
  if (JSON.stringify(cur.endpoints) !== JSON.stringify(want.endpoints) || JSON.stringify(cur.ports) !== JSON.stringify(want.ports))
    ctx.store.mutate(R.endpointslices, "default", "kubernetes", (o) => Object.assign(o, want));
}

/** Mirrors a user's Endpoints (selector-less Service) into slices (endpointslicemirroring). */
function mirrored(ctx: ControllerContext, svc: K8sObject): Wanted[] {
  const ep = ctx.store.get(R.endpoints, svc.metadata.namespace, svc.metadata.name!);
  const out: Wanted[] = [];
  for (const s of (ep?.subsets ?? []) as any[]) {
    const ports = ((s.ports ?? []) as any[]).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" }));
    const endpoints = [
      ...((s.addresses ?? []) as any[]).map((a) => ({ a, ready: true })),
      ...((s.notReadyAddresses ?? []) as any[]).map((a) => ({ a, ready: false })),
    ].map(({ a, ready }) => {
      const e: any = { addresses: [a.ip], conditions: { ready } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.nodeName) e.nodeName = a.nodeName;
      if (a.targetRef) e.targetRef = a.targetRef;
      return e;
    });
    out.push({ ports, endpoints });
  }
  return out;
}

export function reconcileEndpointSlices(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get(R.services, ns, name);
  if (!svc || svc.metadata.deletionTimestamp) return; // the garbage collector removes slices owned by a deleted Service
  if (ns === "default" && name === "kubernetes") return syncKubernetes(ctx);
  if (svc.spec?.type === "ExternalName") return sync(ctx, svc, [], managedBy);
  if (hasSelector(svc)) return sync(ctx, svc, wantedSlices(ctx, svc), managedBy);
  sync(ctx, svc, mirrored(ctx, svc), mirroringManagedBy);
}

export const endpointSliceController: Controller = {
  name: "endpointslice",
  keysFor(e, ctx) {
    const o = e.object;
    if (e.ref.group === "" && (e.ref.resource === "services" || e.ref.resource === "endpoints")) return e.type === "DELETED" && e.ref.resource === "services" ? [] : [keyOf(o)];
    if (e.ref.group === "" && e.ref.resource === "pods")
      return ctx.store
        .list(R.services, o.metadata.namespace)
        .filter(hasSelector)
        .map(keyOf);
    if (e.ref.group === "discovery.k8s.io" && e.ref.resource === "endpointslices") {
      const svc = o.metadata.labels?.[serviceNameLabel];
      return svc ? [`${o.metadata.namespace}/${svc}`] : [];
    }
    return [];
  },
  allKeys: (ctx) => ctx.store.list(R.services).map(keyOf),
  reconcile: reconcileEndpointSlices,
};
