// The ingress-nginx controller of the sandbox (the "ingress-nginx" addon): how its pods answer
// HTTP on 80/443. Ingress selection by class (spec.ingressClassName, or the default IngressClass),
// nginx's server choice by Host (exact, then the longest leading wildcard, then the catch-all "_"
// server for rules without host), location choice by path (Exact first, then the longest Prefix by
// path elements; ImplementationSpecific is nginx's plain string prefix), an Ingress's
// spec.defaultBackend for unmatched paths of its own hosts (and for every unmatched request when the
// Ingress has no rules), else the controller's own 404 page. The request is then proxied to an
// endpoint of the backend Service as a connection FROM the controller pod, so NetworkPolicies on the
// backend see the controller pod as the source: 503 when the Service has no endpoints, 502 when the
// connection is refused, 504 after proxy_connect_timeout (5 s) when it is dropped.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import type { HttpRequest, HttpResponse } from "../images/types";
import type { Runtime } from "../runtime/types";
import type { K8sObject } from "../types";
import type { ConnectRequest, ConnectResult } from "./types";
import type { PodInfo, ServiceInfo, Snapshot } from "./snapshot";
import { resolveTargetPort } from "./connect";

export const ingressNginxController = "k8s.io/ingress-nginx";
const proxyConnectTimeoutMs = 5000;

export interface IngressBackendRef {
  namespace: string;
  service: string;
  port: number | string;
}

export type IngressRoute =
  | { kind: "backend"; ingress: { namespace: string; name: string }; host: string; path: string; pathType: string; backend: IngressBackendRef }
  | { kind: "defaultBackend"; ingress: { namespace: string; name: string }; backend: IngressBackendRef }
  | { kind: "notFound" };

function ourClasses(snap: Snapshot): { names: Set<string>; defaultClass?: string } {
  const ours = snap.ingressClasses.filter((c) => c.spec?.controller === ingressNginxController);
  const names = new Set(ours.map((c) => c.metadata.name!));
  if (!names.size) names.add("nginx");
  const def = ours.find((c) => c.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true");
  return { names, defaultClass: def?.metadata.name };
}

/** The Ingresses this controller serves, oldest first (ingress-nginx resolves conflicts that way). */
export function servedIngresses(snap: Snapshot): K8sObject[] {
  const { names, defaultClass } = ourClasses(snap);
  return snap.ingresses
    .filter((ing) => {
      const cls: string | undefined = ing.spec?.ingressClassName ?? ing.metadata.annotations?.["kubernetes.io/ingress.class"];
      return cls ? names.has(cls) : !!defaultClass;
    })
    .sort((a, b) => String(a.metadata.creationTimestamp ?? "").localeCompare(String(b.metadata.creationTimestamp ?? "")) || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

function backendRef(ing: K8sObject, b: any): IngressBackendRef | undefined {
  const svc = b?.service;
  if (!svc?.name) return undefined;
  return { namespace: ing.metadata.namespace ?? "default", service: svc.name, port: svc.port?.number ?? svc.port?.name ?? 80 };
}

function wildcardMatches(pattern: string, host: string): boolean {
  // "*.example.com" matches exactly one extra label: "a.example.com", not "example.com" or "a.b.example.com".
  if (!pattern.startsWith("*.")) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes(".") && host.length > suffix.length;
}

function pathMatches(pathType: string, path: string, reqPath: string): boolean {
  if (pathType === "Exact") return reqPath === path;
  if (pathType === "Prefix") {
    const p = path.replace(/\/+$/, "");
    return p === "" || reqPath === p || reqPath.startsWith(`${p}/`);
  }
  return reqPath.startsWith(path);
}

/** Which backend serves host + path (pure: no connection is made). */
export function routeIngress(snap: Snapshot, host: string, rawPath: string): IngressRoute {
  const reqHost = host.toLowerCase().replace(/:\d+$/, "");
  const reqPath = (rawPath.split("?")[0] || "/").replace(/^(?!\/)/, "/");
  const ingresses = servedIngresses(snap);
  const ruleHosts = new Set<string>();
  for (const ing of ingresses) for (const r of ing.spec?.rules ?? []) ruleHosts.add((r.host ?? "").toLowerCase());
  let server = "";
  if (reqHost && ruleHosts.has(reqHost)) server = reqHost;
  else {
    const wild = [...ruleHosts].filter((h) => wildcardMatches(h, reqHost)).sort((a, b) => b.length - a.length)[0];
    if (wild) server = wild;
  }
  type Loc = { ing: K8sObject; path: string; pathType: string; backend: IngressBackendRef };
  const locs: Loc[] = [];
  for (const ing of ingresses) {
    for (const r of ing.spec?.rules ?? []) {
      if ((r.host ?? "").toLowerCase() !== server) continue;
      for (const p of r.http?.paths ?? []) {
        const backend = backendRef(ing, p.backend);
        if (backend) locs.push({ ing, path: p.path || "/", pathType: p.pathType ?? "ImplementationSpecific", backend });
      }
    }
  }
  const exact = locs.find((l) => l.pathType === "Exact" && pathMatches("Exact", l.path, reqPath));
  const prefix = locs
    .filter((l) => l.pathType !== "Exact" && pathMatches(l.pathType, l.path, reqPath))
    .reduce<Loc | undefined>((best, l) => (!best || l.path.replace(/\/+$/, "").length > best.path.replace(/\/+$/, "").length ? l : best), undefined);
  const hit = exact ?? prefix;
  if (hit) return { kind: "backend", ingress: { namespace: hit.ing.metadata.namespace!, name: hit.ing.metadata.name! }, host: server, path: hit.path, pathType: hit.pathType, backend: hit.backend };
  // Unmatched: the root location of this server. For a named host, the default backend of the
  // (oldest) Ingress that created the server; for the catch-all server, an Ingress with a default
  // backend and no rules at all.
  const owner = server ? ingresses.find((ing) => (ing.spec?.rules ?? []).some((r: any) => (r.host ?? "").toLowerCase() === server)) : ingresses.find((ing) => !(ing.spec?.rules ?? []).length && ing.spec?.defaultBackend);
  const def = owner && backendRef(owner, owner.spec?.defaultBackend);
  if (owner && def) return { kind: "defaultBackend", ingress: { namespace: owner.metadata.namespace!, name: owner.metadata.name! }, backend: def };
  return { kind: "notFound" };
}

const reasons: Record<number, string> = { 404: "Not Found", 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };

/** nginx's own error page, as the controller serves it. */
export function nginxErrorPage(status: 404 | 502 | 503 | 504, now: Date): HttpResponse {
  const title = `${status} ${reasons[status]}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return {
    status,
    statusText: reasons[status],
    headers: { Date: now.toUTCString(), "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(body)), Connection: "keep-alive" },
    body,
  };
}

export interface IngressDeps {
  snapshot(): Snapshot;
  clock: Clock;
  runtime: Runtime;
  candidates(snap: Snapshot, svc: ServiceInfo, port: ServiceInfo["ports"][number]): { ep: { ip: string; pod?: PodInfo }; port: number }[];
  connect(req: ConnectRequest): ConnectResult;
  random(): number;
}

function accessLogTime(d: Date): string {
  const m = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${m}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The Host header the client sent (a `-H 'Host: ...'` header wins over the URL's host). */
export function hostOf(req: HttpRequest): string {
  const h = Object.entries(req.headers).find(([k]) => k.toLowerCase() === "host");
  return h?.[1] ?? req.host ?? "";
}

/** Serves one request that reached a controller pod on `port` (80 = http, 443 = https). */
export async function serveIngress(deps: IngressDeps, controller: PodInfo, port: number, incoming: HttpRequest): Promise<HttpResponse> {
  const snap = deps.snapshot();
  const started = Date.now();
  const req: HttpRequest = { ...incoming, host: hostOf(incoming) };
  const route = routeIngress(snap, req.host, req.path);
  let upstreamName = "upstream-default-backend";
  let upstreamAddr = "-";
  let res: HttpResponse;
  if (route.kind === "notFound") {
    res = nginxErrorPage(404, deps.clock.now());
  } else {
    const b = route.backend;
    const portText = typeof b.port === "number" ? String(b.port) : b.port;
    upstreamName = `${b.namespace}-${b.service}-${portText}`;
    const svc = snap.serviceByKey.get(`${b.namespace}/${b.service}`);
    const svcPort = svc?.ports.find((p) => (typeof b.port === "number" ? p.port === b.port : p.name === b.port) && p.protocol === "TCP");
    const cands = svc && svcPort ? deps.candidates(snap, svc, svcPort) : [];
    if (!svc || !svcPort || !cands.length) {
      res = nginxErrorPage(503, deps.clock.now());
    } else {
      // ingress-nginx proxies straight to endpoint IPs (not the ClusterIP).
      const chosen = cands[Math.floor(deps.random() * cands.length) % cands.length];
      const targetPort = chosen.port ?? resolveTargetPort(svcPort, chosen.ep.pod);
      upstreamAddr = `${chosen.ep.ip}:${targetPort}`;
      const conn = deps.connect({ from: { pod: controller.obj }, to: chosen.ep.ip, port: targetPort, protocol: "TCP" });
      if (conn.outcome === "timeout" || conn.outcome === "unreachable") {
        await deps.clock.sleep(proxyConnectTimeoutMs);
        res = nginxErrorPage(504, deps.clock.now());
      } else if (conn.outcome === "refused") {
        res = nginxErrorPage(502, deps.clock.now());
      } else {
        const target = conn.target?.pod;
        const scheme = port === 443 ? "https" : "http";
        const forwarded: HttpRequest = {
          ...req,
          clientIp: conn.clientIp ?? controller.ip ?? "",
          headers: {
            ...Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== "host")),
            Host: req.host,
            "X-Request-ID": randomBytes(16).toString("hex"),
            "X-Real-IP": req.clientIp,
            "X-Forwarded-For": req.clientIp,
            "X-Forwarded-Host": req.host.replace(/:\d+$/, ""),
            "X-Forwarded-Port": String(port),
            "X-Forwarded-Proto": scheme,
            "X-Forwarded-Scheme": scheme,
            "X-Scheme": scheme,
          },
        };
        res = (target && (await httpToPod(deps.runtime, target.metadata.uid!, targetPort, forwarded))) ?? nginxErrorPage(502, deps.clock.now());
      }
    }
  }
  const container = controller.obj.spec?.containers?.[0]?.name ?? "controller";
  const ua = req.headers["User-Agent"] ?? req.headers["user-agent"] ?? "-";
  const secs = ((Date.now() - started) / 1000).toFixed(3);
  deps.runtime.log(
    controller.uid,
    container,
    `${req.clientIp} - - [${accessLogTime(deps.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${Buffer.byteLength(res.body)} "-" "${ua}" ${req.path.length + 64} ${secs} [${upstreamName}] [] ${upstreamAddr} ${upstreamAddr === "-" ? "-" : Buffer.byteLength(res.body)} ${secs} ${upstreamAddr === "-" ? "-" : res.status} ${randomBytes(16).toString("hex")}`,
  );
  return res;
}

/** Hands an HTTP request to whichever container of the pod serves HTTP on that port. */
export async function httpToPod(runtime: Runtime, podUid: string, port: number, req: HttpRequest): Promise<HttpResponse | undefined> {
  for (const c of runtime.containers(podUid)) {
    const proc = c.process;
    if (proc?.handleHttp && proc.listeners.some((l) => l.port === port && l.protocol === "TCP" && l.kind === "http")) return proc.handleHttp(port, req);
  }
  return undefined;
}

export interface IngressExplanation {
  /** The HTTP status nginx would answer with; undefined when the request never reaches the controller. 200 = proxied to the backend. */
  status?: number;
  route?: IngressRoute;
  /** Client → controller (through the LB IP / NodePort / ClusterIP given). */
  front: ConnectResult;
  /** Controller pod → backend endpoint, when a backend was chosen. */
  back?: ConnectResult;
  reason: string;
}

/**
 * What a request for host + path through the ingress controller would do, without doing it: the
 * route, then the policy verdicts of both hops (for the grader's matrix cells of Ingress routes).
 */
export function explainIngress(
  snap: Snapshot,
  explain: (req: ConnectRequest) => ConnectResult,
  candidates: IngressDeps["candidates"],
  from: ConnectRequest["from"],
  to: string,
  port: number,
  host: string,
  path: string,
): IngressExplanation {
  const front = explain({ from, to, port, protocol: "TCP" });
  if (front.outcome !== "connected") return { front, reason: front.reason };
  const controller = front.target?.pod;
  if (!controller || controller.metadata.namespace !== "ingress-nginx" || controller.metadata.labels?.["app.kubernetes.io/component"] !== "controller") {
    return { front, reason: `${to}:${port} does not lead to the ingress-nginx controller` };
  }
  const route = routeIngress(snap, host, path);
  if (route.kind === "notFound") return { status: 404, route, front, reason: `no Ingress rule or default backend matches host "${host}" path "${path}": the controller answers 404` };
  const b = route.backend;
  const via = route.kind === "backend" ? `Ingress ${route.ingress.namespace}/${route.ingress.name} (${route.host || "*"}${route.path}, ${route.pathType})` : `the default backend of Ingress ${route.ingress.namespace}/${route.ingress.name}`;
  const svc = snap.serviceByKey.get(`${b.namespace}/${b.service}`);
  const svcPort = svc?.ports.find((p) => (typeof b.port === "number" ? p.port === b.port : p.name === b.port) && p.protocol === "TCP");
  if (!svc || !svcPort) return { status: 503, route, front, reason: `${via} routes to Service ${b.namespace}/${b.service} port ${b.port}, which does not exist: 503` };
  const cands = candidates(snap, svc, svcPort);
  if (!cands.length) return { status: 503, route, front, reason: `${via} routes to Service ${svc.key}, which has no ready endpoints: 503` };
  const back = explain({ from: { pod: controller }, to: cands[0].ep.ip, port: cands[0].port, protocol: "TCP" });
  const status = back.outcome === "connected" ? 200 : back.outcome === "refused" ? 502 : 504;
  return { status, route, front, back, reason: `${via} → ${back.reason}${status === 200 ? "" : `: ${status}`}` };
}
