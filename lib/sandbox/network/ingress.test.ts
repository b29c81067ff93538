// ingress-nginx routing as a table (host × path → backend / default backend / 404), and requests
// through the controller pod: proxied as a connection from the controller, so backend
// NetworkPolicies decide, with nginx's 404/502/503/504 pages where nginx gives them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork, explainIngressFromObjects, routeIngress } from "./index";
import { addNamespace, addPod, addPolicy, addService, newWorld, type World } from "./testkit";
import { refs } from "./snapshot";
import type { K8sObject } from "../types";

const backend = (service: string, port: number | string = 80) => ({ service: { name: service, port: typeof port === "number" ? { number: port } : { name: port } } });
const prefix = (path: string, svc: string, pathType = "Prefix") => ({ path, pathType, backend: backend(svc) });

function addIngress(w: World, name: string, spec: Record<string, unknown>): K8sObject {
  return w.store.create(refs.ingresses, { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: "default" }, spec });
}

function ingressWorld(): World {
  const w = newWorld();
  addNamespace(w, "ingress-nginx", { "app.kubernetes.io/name": "ingress-nginx" });
  w.store.create(refs.ingressclasses, {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
    spec: { controller: "k8s.io/ingress-nginx" },
  });
  addPod(w, "ingress-nginx", "ingress-nginx-controller-5d88495688-x7h2k", {
    labels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
    ip: "10.244.1.100",
    ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }],
  });
  addService(w, "ingress-nginx", "ingress-nginx-controller", {
    type: "LoadBalancer",
    clusterIP: "10.96.50.1",
    lbIP: "172.18.255.200",
    selector: { "app.kubernetes.io/component": "controller" },
    ports: [{ name: "http", port: 80, targetPort: "http", nodePort: 31080 }, { name: "https", port: 443, targetPort: "https", nodePort: 31443 }],
  });
  for (const [name, ip] of [["svc-a", "10.244.2.10"], ["svc-b", "10.244.2.11"], ["svc-def", "10.244.2.12"]]) {
    addPod(w, "default", name, {
      labels: { app: name },
      ip,
      node: "kind-worker2",
      ports: [{ name: "http", port: 8080 }],
      http: (_p, req) => ({ status: 200, statusText: "OK", headers: {}, body: `${name} ${req.path} xff=${req.headers["X-Forwarded-For"]} host=${req.headers["X-Forwarded-Host"]} client=${req.clientIp}` }),
    });
    addService(w, "default", name, { selector: { app: name }, clusterIP: `10.96.60.${10 + Number(ip.split(".")[3]) - 10}`, ports: [{ name: "http", port: 80, targetPort: "http" }] });
  }
  addService(w, "default", "svc-empty", { selector: { app: "nobody" }, clusterIP: "10.96.60.40", ports: [{ port: 80 }] });
  addIngress(w, "apps", {
    ingressClassName: "nginx",
    rules: [
      { host: "foo.example.com", http: { paths: [prefix("/", "svc-a"), prefix("/api", "svc-b"), prefix("/exact", "svc-b", "Exact")] } },
      { host: "*.wild.example.com", http: { paths: [prefix("/", "svc-b")] } },
    ],
  });
  addIngress(w, "versioned", { ingressClassName: "nginx", defaultBackend: backend("svc-def", "http"), rules: [{ host: "api.example.com", http: { paths: [prefix("/v1", "svc-a")] } }] });
  addIngress(w, "nohost", { rules: [{ http: { paths: [prefix("/legacy", "svc-a", "ImplementationSpecific"), prefix("/empty", "svc-empty")] } }] });
  addIngress(w, "other-class", { ingressClassName: "traefik", rules: [{ host: "foo.example.com", http: { paths: [prefix("/other", "svc-b")] } }] });
  return w;
}

type Want = string; // "svc-a" | "default:svc-def" | "404"
const routes: [host: string, path: string, want: Want][] = [
  ["foo.example.com", "/", "svc-a"],
  ["foo.example.com", "/anything/else", "svc-a"],
  ["foo.example.com", "/api", "svc-b"],
  ["foo.example.com", "/api/", "svc-b"],
  ["foo.example.com", "/api/v1?x=1", "svc-b"],
  ["foo.example.com", "/apiv1", "svc-a"],
  ["foo.example.com", "/exact", "svc-b"],
  ["foo.example.com", "/exact/more", "svc-a"],
  ["foo.example.com", "/other", "svc-a"],
  ["FOO.example.com:8080", "/api", "svc-b"],
  ["x.wild.example.com", "/", "svc-b"],
  ["a.b.wild.example.com", "/", "404"],
  ["wild.example.com", "/", "404"],
  ["api.example.com", "/v1/users", "svc-a"],
  ["api.example.com", "/v2", "default:svc-def"],
  ["bar.example.com", "/legacy", "svc-a"],
  ["bar.example.com", "/legacyfoo", "svc-a"],
  ["bar.example.com", "/", "404"],
  ["10.89.0.3", "/legacy/x", "svc-a"],
];

function routeText(w: World, host: string, path: string): string {
  const r = routeIngress(createNetwork(w).snapshot(), host, path);
  return r.kind === "notFound" ? "404" : r.kind === "defaultBackend" ? `default:${r.backend.service}` : r.backend.service;
}

test("ingress-nginx routing: host × path table", () => {
  const w = ingressWorld();
  const wrong = routes.filter(([h, p, want]) => routeText(w, h, p) !== want).map(([h, p, want]) => `${h}${p}: want ${want}, got ${routeText(w, h, p)}`);
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
  // An Ingress with a default backend and no rules becomes the catch-all for unmatched requests.
  addIngress(w, "zz-catch-all", { defaultBackend: backend("svc-def") });
  const after: [string, string, Want][] = [["bar.example.com", "/", "default:svc-def"], ["a.b.wild.example.com", "/x", "default:svc-def"], ["foo.example.com", "/", "svc-a"]];
  const wrong2 = after.filter(([h, p, want]) => routeText(w, h, p) !== want).map(([h, p, want]) => `${h}${p}: want ${want}, got ${routeText(w, h, p)}`);
  assert.equal(wrong2.length, 0, `\n${wrong2.join("\n")}`);
});

test("requests through the controller: proxied from the controller pod, nginx error pages", async () => {
  const w = ingressWorld();
  const net = createNetwork(w, { random: () => 0 });
  const outside = { external: "10.89.0.1" };
  const get = (host: string, path: string, port = 80) => net.http(outside, "172.18.255.200", port, { method: "GET", path, host, headers: { "User-Agent": "curl/8.5.0" }, clientIp: "" });

  const ok = await get("foo.example.com", "/api/v1");
  assert.equal(ok.response?.status, 200);
  // The LB masquerades to the node IP; nginx forwards that as X-Forwarded-For; the backend sees the controller pod.
  assert.equal(ok.response?.body, "svc-b /api/v1 xff=10.89.0.3 host=foo.example.com client=10.244.1.100");

  // A Host header given explicitly (curl -H 'Host: ...') wins over the URL's host.
  const byHeader = await net.http(outside, "172.18.255.200", 80, { method: "GET", path: "/api", host: "172.18.255.200", headers: { Host: "foo.example.com" }, clientIp: "" });
  assert.match(byHeader.response?.body ?? "", /^svc-b \/api /);

  const notFound = await get("nobody.example.com", "/");
  assert.equal(notFound.response?.status, 404);
  assert.match(notFound.response!.body, /<center><h1>404 Not Found<\/h1><\/center>/);

  const empty = await get("bar.example.com", "/empty");
  assert.equal(empty.response?.status, 503);
  assert.match(empty.response!.body, /503 Service Temporarily Unavailable/);

  // The controller's access log records each request.
  const controller = w.store.get(refs.pods, "ingress-nginx", "ingress-nginx-controller-5d88495688-x7h2k")!;
  assert.equal(w.runtime.logs.filter((l) => l.podUid === controller.metadata.uid).length, 4);

  // A policy that admits only the ingress-nginx namespace: the controller still gets through.
  addPolicy(w, "default", "only-from-ingress", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }] });
  assert.equal((await get("foo.example.com", "/")).response?.status, 200);
  // A policy that admits nothing: nginx waits proxy_connect_timeout, then 504.
  w.store.remove(refs.networkpolicies, "default", "only-from-ingress");
  addPolicy(w, "default", "deny-all", { podSelector: {}, policyTypes: ["Ingress"] });
  const timedOut = await get("foo.example.com", "/", 443);
  assert.equal(timedOut.response?.status, 504);

  // From inside the cluster, through the controller's ClusterIP.
  addPod(w, "default", "client", { ip: "10.244.1.120" });
  const client = { pod: w.store.get(refs.pods, "default", "client")! };
  const inCluster = await net.http(client, "10.96.50.1", 80, { method: "GET", path: "/", host: "nobody", headers: {}, clientIp: "" });
  assert.equal(inCluster.response?.status, 404);
});

test("explainIngress: the status each host/path would get, and why", () => {
  const w = ingressWorld();
  addPolicy(w, "default", "svc-b-from-nowhere", { podSelector: { matchLabels: { app: "svc-b" } }, policyTypes: ["Ingress"] });
  const net = createNetwork(w);
  const outside = { external: "10.89.0.1" };
  const rows: [string, string, number | undefined][] = [
    ["foo.example.com", "/", 200],
    ["foo.example.com", "/api", 504],
    ["nobody.example.com", "/", 404],
    ["bar.example.com", "/empty", 503],
    ["api.example.com", "/v2", 200],
  ];
  const objects = [refs.pods, refs.namespaces, refs.nodes, refs.services, refs.endpointslices, refs.networkpolicies, refs.ingresses, refs.ingressclasses].flatMap((r) => w.store.list(r));
  const wrong: string[] = [];
  for (const [host, path, want] of rows) {
    const live = net.explainIngress(outside, "172.18.255.200", 80, host, path);
    const offline = explainIngressFromObjects(objects, outside, "172.18.255.200", 80, host, path);
    if (live.status !== want || offline.status !== want) wrong.push(`${host}${path}: want ${want}, got ${live.status} / from objects ${offline.status} (${live.reason})`);
  }
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
  const denied = net.explainIngress(outside, "172.18.255.200", 80, "foo.example.com", "/api");
  assert.match(denied.reason, /^Ingress default\/apps \(foo.example.com\/api, Prefix\) → ingress to default\/svc-b is isolated by policy svc-b-from-nowhere and no ingress rule allows traffic from ingress-nginx\/ingress-nginx-controller-5d88495688-x7h2k \(10.244.1.100\) to port 8080\/TCP: 504$/);
  // Pod IPs are not reachable from outside: the front hop fails before any routing.
  assert.equal(net.explainIngress(outside, "10.244.1.100", 80, "foo.example.com", "/").status, undefined);
});
