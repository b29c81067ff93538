// LoadBalancer Services and Ingress addresses, as a kind cluster with cloud-provider-kind and
// the ingress-nginx addon shows them. Every Service of type LoadBalancer gets an external IP from
// the sandbox's pool 172.18.255.200-250 (status.loadBalancer.ingress, ipMode VIP) with the service
// controller's EnsuringLoadBalancer / EnsuredLoadBalancer events; an explicit
// spec.loadBalancerIP inside the pool is honoured. Ingresses of the nginx class get the
// controller Service's address, as ingress-nginx publishes it.
import type { K8sObject } from "../types";
import type { Controller, ControllerContext } from "./loop";
import { R, keyOf, splitKey } from "./refs";

export const lbPoolStart = 200;
export const lbPoolEnd = 250;
export const lbPoolPrefix = "172.18.255.";
const serviceComponent = "service-controller";

export const ingressNginxNamespace = "ingress-nginx";
export const ingressNginxService = "ingress-nginx-controller";
export const ingressClassName = "nginx";

const inPool = (ip: string | undefined): boolean => {
  if (!ip?.startsWith(lbPoolPrefix)) return false;
  const n = Number(ip.slice(lbPoolPrefix.length));
  return Number.isInteger(n) && n >= lbPoolStart && n <= lbPoolEnd;
};

const lbIPOf = (svc: K8sObject): string | undefined => svc.status?.loadBalancer?.ingress?.[0]?.ip;

export function reconcileLoadBalancer(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get(R.services, ns, name);
  if (!svc || svc.metadata.deletionTimestamp) return;
  const current = lbIPOf(svc);
  if (svc.spec?.type !== "LoadBalancer") {
    if (current) ctx.store.mutate(R.services, ns, name, (o) => void (o.status = { loadBalancer: {} }), { subresource: "status" });
    return;
  }
  if (svc.spec?.loadBalancerClass) return; // another implementation's Service: not ours to fill
  const used = new Set(
    ctx.store
      .list(R.services)
      .filter((s) => s.metadata.uid !== svc.metadata.uid)
      .map(lbIPOf)
      .filter(Boolean),
  );
  const wanted: string | undefined = svc.spec?.loadBalancerIP;
  if (current && (!wanted || wanted === current) && !used.has(current)) return;
  let ip: string | undefined;
  if (wanted && inPool(wanted) && !used.has(wanted)) ip = wanted;
  else if (!wanted) for (let n = lbPoolStart; n <= lbPoolEnd && !ip; n++) if (!used.has(`${lbPoolPrefix}${n}`)) ip = `${lbPoolPrefix}${n}`;
  ctx.events.record(svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", serviceComponent);
  if (!ip) {
    const why = wanted ? `requested IP ${wanted} is not available in the pool ${lbPoolPrefix}${lbPoolStart}-${lbPoolEnd}` : `no IP left in the pool ${lbPoolPrefix}${lbPoolStart}-${lbPoolEnd}`;
    ctx.events.record(svc, "Warning", "SyncLoadBalancerFailed", `Error syncing load balancer: failed to ensure load balancer: ${why}`, serviceComponent);
    return;
  }
  ctx.store.mutate(R.services, ns, name, (o) => {
    o.status = { ...(o.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } };
  }, { subresource: "status" });
  ctx.events.record(svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", serviceComponent);
}

export const loadBalancerController: Controller = {
  name: "loadbalancer",
  keysFor: (e) => (e.ref.group === "" && e.ref.resource === "services" && e.type !== "DELETED" ? [keyOf(e.object)] : []),
  allKeys: (ctx) => ctx.store.list(R.services).map(keyOf),
  reconcile: reconcileLoadBalancer,
};

/** Whether an Ingress is the nginx controller's: its class, or no class while nginx is the default class. */
function isNginxIngress(ctx: ControllerContext, ing: K8sObject): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.["kubernetes.io/ingress.class"];
  if (cls) return cls === ingressClassName;
  const ic = ctx.store.get(R.ingressclasses, undefined, ingressClassName);
  return ic?.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true";
}

export function reconcileIngressStatus(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const ing = ctx.store.get(R.ingresses, ns, name);
  if (!ing || ing.metadata.deletionTimestamp) return;
  const controller = ctx.store.get(R.services, ingressNginxNamespace, ingressNginxService);
  const ready = ctx.store
    .list(R.pods, ingressNginxNamespace)
    .some((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "controller" && p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"));
  const ip = controller && ready && isNginxIngress(ctx, ing) ? lbIPOf(controller) : undefined;
  const want = ip ? { loadBalancer: { ingress: [{ ip }] } } : { loadBalancer: {} };
  if (JSON.stringify(ing.status ?? { loadBalancer: {} }) === JSON.stringify(want)) return;
  ctx.store.mutate(R.ingresses, ns, name, (o) => void (o.status = want), { subresource: "status" });
  if (ip) ctx.events.record(ctx.store.mustGet(R.ingresses, ns, name), "Normal", "Sync", "Scheduled for sync", "nginx-ingress-controller");
}

export const ingressStatusController: Controller = {
  name: "ingress-status",
  keysFor(e, ctx) {
    if (e.ref.group === "networking.k8s.io" && e.ref.resource === "ingresses") return e.type === "DELETED" ? [] : [keyOf(e.object)];
    const o = e.object;
    const touchesController =
      (e.ref.group === "" && e.ref.resource === "services" && o.metadata.namespace === ingressNginxNamespace) ||
      (e.ref.group === "" && e.ref.resource === "pods" && o.metadata.namespace === ingressNginxNamespace) ||
      (e.ref.group === "networking.k8s.io" && e.ref.resource === "ingressclasses");
    return touchesController ? ctx.store.list(R.ingresses).map(keyOf) : [];
  },
  allKeys: (ctx) => ctx.store.list(R.ingresses).map(keyOf),
  reconcile: reconcileIngressStatus,
};
