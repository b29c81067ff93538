// Service translation (kube-proxy, iptables mode) and the rest of the packet path, as a table:
// source × address × port → outcome, the endpoint reached and the client IP the server sees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork } from "./index";
import { addPod, addPolicy, addService, newWorld, sequence, type World } from "./testkit";
import { refs } from "./snapshot";
import type { Outcome, Protocol, Source } from "./types";

function serviceWorld(): World {
  const w = newWorld();
  const http = [{ name: "http", port: 8080 }];
  addPod(w, "default", "web-1", { labels: { app: "web" }, ip: "10.244.1.5", node: "kind-worker", ports: http });
  addPod(w, "default", "web-2", { labels: { app: "web" }, ip: "10.244.2.6", node: "kind-worker2", ports: http });
  addPod(w, "default", "web-3", { labels: { app: "web" }, ip: "10.244.1.7", node: "kind-worker", ports: http });
  addPod(w, "default", "lonely", { labels: { app: "lonely" }, ip: "10.244.1.8", node: "kind-worker", ports: http });
  addPod(w, "default", "client", { labels: { app: "client" }, ip: "10.244.2.9", node: "kind-worker2" });
  addPod(w, "default", "other-port", { labels: { app: "alt" }, ip: "10.244.2.10", node: "kind-worker2", ports: [{ name: "http", port: 9090 }] });
  addPod(w, "kube-system", "kube-apiserver-kind-control-plane", { hostNetwork: true, node: "kind-control-plane", labels: { component: "kube-apiserver", tier: "control-plane" } });
  addPod(w, "monitoring", "node-exporter", { hostNetwork: true, node: "kind-worker", ports: [{ port: 9100 }] });
  // The `kubernetes` Service: no selector, its EndpointSlice points at the control-plane node's apiserver.
  addService(w, "default", "kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, targetPort: 6443 }] });
  w.store.create(refs.endpointslices, {
    metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
    addressType: "IPv4",
    endpoints: [{ addresses: ["10.89.0.2"], conditions: { ready: true } }],
    ports: [{ name: "https", port: 6443, protocol: "TCP" }],
  });
  const unready = ["web-3"];
  addService(w, "default", "web", { clusterIP: "10.96.10.1", selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }], unready });
  addService(w, "default", "web-np", { type: "NodePort", clusterIP: "10.96.10.2", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }], unready });
  addService(w, "default", "web-local", { type: "NodePort", clusterIP: "10.96.10.3", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }], spec: { externalTrafficPolicy: "Local" }, unready });
  addService(w, "default", "web-lb", { type: "LoadBalancer", clusterIP: "10.96.10.4", lbIP: "172.18.255.200", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080, nodePort: 30082 }], unready });
  addService(w, "default", "empty", { clusterIP: "10.96.10.5", selector: { app: "nothing" }, ports: [{ port: 80 }] });
  addService(w, "default", "lonely", { clusterIP: "10.96.10.7", selector: { app: "lonely" }, ports: [{ port: 80, targetPort: 8080 }], unready: ["lonely"] });
  addService(w, "default", "named-elsewhere", { clusterIP: "10.96.10.8", selector: { app: "alt" }, ports: [{ port: 80, targetPort: "http" }] });
  return w;
}

interface Row {
  name: string;
  from: Source | string;
  to: string;
  port: number;
  protocol?: Protocol;
  /** The random value kube-proxy's endpoint choice gets (0 → first endpoint by IP, 0.99 → last). */
  pick?: number;
  outcome: Outcome;
  target?: string;
  clientIp?: string;
}

const rows: Row[] = [
  { name: "ClusterIP → ready endpoint, named targetPort", from: "client", to: "10.96.10.1", port: 80, pick: 0, outcome: "connected", target: "web-1:8080", clientIp: "10.244.2.9" },
  { name: "ClusterIP → the other ready endpoint", from: "client", to: "10.96.10.1", port: 80, pick: 0.99, outcome: "connected", target: "web-2:8080" },
  { name: "ClusterIP, port the Service does not define: dropped", from: "client", to: "10.96.10.1", port: 81, outcome: "timeout" },
  { name: "ClusterIP, UDP on a TCP-only port: dropped", from: "client", to: "10.96.10.1", port: 80, protocol: "UDP", outcome: "timeout" },
  { name: "Service without endpoints: rejected", from: "client", to: "10.96.10.5", port: 80, outcome: "refused" },
  { name: "Service whose only endpoint is unready: rejected", from: "client", to: "10.96.10.7", port: 80, outcome: "refused" },
  { name: "named targetPort resolves per endpoint pod", from: "client", to: "10.96.10.8", port: 80, outcome: "connected", target: "other-port:9090" },
  { name: "NodePort (Cluster policy) from outside: SNAT to the node IP", from: { external: "10.89.0.1" }, to: "10.89.0.2", port: 30080, pick: 0, outcome: "connected", target: "web-1:8080", clientIp: "10.89.0.2" },
  { name: "NodePort answers on every node", from: { external: "10.89.0.1" }, to: "10.89.0.4", port: 30080, pick: 0.99, outcome: "connected", target: "web-2:8080", clientIp: "10.89.0.4" },
  { name: "NodePort, unknown nodePort on a node: refused by the node", from: { external: "10.89.0.1" }, to: "10.89.0.3", port: 30999, outcome: "refused" },
  { name: "externalTrafficPolicy Local, node without endpoints: dropped", from: { external: "10.89.0.1" }, to: "10.89.0.2", port: 30081, outcome: "timeout" },
  { name: "externalTrafficPolicy Local, node with an endpoint: client IP kept", from: { external: "10.89.0.1" }, to: "10.89.0.3", port: 30081, outcome: "connected", target: "web-1:8080", clientIp: "10.89.0.1" },
  { name: "LoadBalancer IP", from: { external: "10.89.0.1" }, to: "172.18.255.200", port: 80, pick: 0.99, outcome: "connected", target: "web-2:8080", clientIp: "10.89.0.4" },
  { name: "LoadBalancer IP, port not defined: dropped", from: { external: "10.89.0.1" }, to: "172.18.255.200", port: 81, outcome: "timeout" },
  { name: "pod IPs are not routed from outside the cluster", from: { external: "10.89.0.1" }, to: "10.244.1.5", port: 8080, outcome: "timeout" },
  { name: "ClusterIPs are not routed from outside the cluster", from: { external: "10.89.0.1" }, to: "10.96.10.1", port: 80, outcome: "timeout" },
  { name: "pod IP, listening port", from: "client", to: "10.244.1.5", port: 8080, outcome: "connected", target: "web-1:8080", clientIp: "10.244.2.9" },
  { name: "pod IP, nothing listens: refused at once", from: "client", to: "10.244.1.5", port: 9999, outcome: "refused" },
  { name: "unready pod is still reachable by IP", from: "client", to: "10.244.1.7", port: 8080, outcome: "connected", target: "web-3:8080" },
  { name: "pod CIDR address nobody has: no route to host", from: "client", to: "10.244.1.99", port: 80, outcome: "unreachable" },
  { name: "Service CIDR address nobody has: dropped", from: "client", to: "10.96.99.99", port: 80, outcome: "timeout" },
  { name: "outside world on 80", from: "client", to: "93.184.215.14", port: 80, outcome: "connected", clientIp: "10.89.0.4" },
  { name: "outside world on 443", from: "client", to: "203.0.114.7", port: 443, outcome: "connected" },
  { name: "outside world drops other ports", from: "client", to: "93.184.215.14", port: 22, outcome: "timeout" },
  { name: "private address outside the cluster: lost", from: "client", to: "192.168.1.1", port: 80, outcome: "timeout" },
  { name: "loopback inside a pod without listeners", from: "client", to: "127.0.0.1", port: 8080, outcome: "refused" },
  { name: "loopback inside the serving pod", from: "web-1", to: "127.0.0.1", port: 8080, outcome: "connected" },
  { name: "node → pod", from: { node: "kind-worker" }, to: "10.244.1.5", port: 8080, outcome: "connected", clientIp: "10.89.0.3" },
  { name: "pod → kubelet on a node", from: "client", to: "10.89.0.3", port: 10250, outcome: "connected" },
  { name: "pod → node port nobody listens on", from: "client", to: "10.89.0.3", port: 22, outcome: "refused" },
  { name: "pod → hostNetwork pod's declared port on a node", from: "client", to: "10.89.0.3", port: 9100, outcome: "connected", target: "node-exporter:9100" },
  { name: "pod → kube-apiserver on the control-plane node", from: "client", to: "10.89.0.2", port: 6443, outcome: "connected", clientIp: "10.244.2.9" },
  { name: "pod → kubernetes Service → apiserver", from: "client", to: "10.96.0.1", port: 443, outcome: "connected" },
  { name: "kube-apiserver only on the control-plane node", from: "client", to: "10.89.0.3", port: 6443, outcome: "refused" },
];

function sourceOf(w: World, from: Source | string): Source {
  return typeof from === "string" ? { pod: w.store.get(refs.pods, "default", from)! } : from;
}

test("Service translation and the packet path: table", () => {
  const w = serviceWorld();
  const wrong: string[] = [];
  for (const r of rows) {
    const net = createNetwork(w, { random: () => r.pick ?? 0 });
    const res = net.connect({ from: sourceOf(w, r.from), to: r.to, port: r.port, protocol: r.protocol ?? "TCP" });
    const target = res.target?.pod ? `${res.target.pod.metadata.name}:${res.target.port}` : undefined;
    const got = { outcome: res.outcome, ...(r.target ? { target } : {}), ...(r.clientIp ? { clientIp: res.clientIp } : {}) };
    const want = { outcome: r.outcome, ...(r.target ? { target: r.target } : {}), ...(r.clientIp ? { clientIp: r.clientIp } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${r.name}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)} (${res.reason})`);
  }
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
});

test("reasons are worded for learners", () => {
  const w = serviceWorld();
  const net = createNetwork(w, { random: () => 0 });
  const client = sourceOf(w, "client");
  assert.equal(net.connect({ from: client, to: "10.96.10.5", port: 80, protocol: "TCP" }).reason, "Service default/empty has no ready endpoints (its selector app=nothing matches no ready pod): kube-proxy rejects the connection");
  assert.equal(net.connect({ from: client, to: "10.96.10.1", port: 81, protocol: "TCP" }).reason, "Service default/web has no port 81/TCP on its ClusterIP 10.96.10.1: kube-proxy has no rule for it and the packet is dropped");
  assert.equal(net.connect({ from: client, to: "10.96.10.1", port: 80, protocol: "TCP" }).reason, "connected to default/web-1 (10.244.1.5) port 8080/TCP via Service default/web (ClusterIP 10.96.10.1, 80/TCP → 8080)");
});

test("sessionAffinity ClientIP sticks to one endpoint per client; without it kube-proxy spreads", () => {
  const w = serviceWorld();
  addService(w, "default", "sticky", { clusterIP: "10.96.10.6", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }], spec: { sessionAffinity: "ClientIP" }, unready: ["web-3"] });
  const net = createNetwork(w, { random: sequence([0, 0.99]) });
  const client = sourceOf(w, "client");
  const seen = (ip: string) => new Set(Array.from({ length: 6 }, () => net.connect({ from: client, to: ip, port: 80, protocol: "TCP" }).target?.pod?.metadata.name));
  assert.deepEqual([...seen("10.96.10.6")], ["web-1"]);
  assert.deepEqual([...seen("10.96.10.1")].sort(), ["web-1", "web-2"]);
  // Another client gets its own choice, and keeps it.
  const other = { pod: w.store.get(refs.pods, "default", "web-2")! };
  const first = net.connect({ from: other, to: "10.96.10.6", port: 80, protocol: "TCP" }).target?.pod?.metadata.name;
  for (let i = 0; i < 4; i++) assert.equal(net.connect({ from: other, to: "10.96.10.6", port: 80, protocol: "TCP" }).target?.pod?.metadata.name, first);
});

test("NodePort SNAT decides what an ipBlock policy on the endpoint sees", () => {
  const w = serviceWorld();
  // Only traffic from node kind-worker (10.89.0.3) may reach the web pods.
  addPolicy(w, "default", "from-worker-node", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.89.0.3/32" } }] }] });
  const cases: [string, number, number, Outcome][] = [
    // Enters on kind-worker, endpoint web-2 on kind-worker2: masqueraded to 10.89.0.3 before it leaves the node.
    ["via kind-worker to the remote endpoint", 0.99, 30080, "connected"],
    // Enters on kind-worker, endpoint web-1 on the same node: the filter sees the outside client 10.89.0.1.
    ["via kind-worker to the local endpoint", 0, 30080, "timeout"],
    // externalTrafficPolicy Local keeps the client IP: 10.89.0.1 is not allowed.
    ["Local policy keeps the client IP", 0, 30081, "timeout"],
  ];
  const wrong: string[] = [];
  for (const [name, pick, port, want] of cases) {
    const net = createNetwork(w, { random: () => pick });
    const r = net.connect({ from: { external: "10.89.0.1" }, to: "10.89.0.3", port, protocol: "TCP" });
    if (r.outcome !== want) wrong.push(`${name}: want ${want}, got ${r.outcome} (${r.reason})`);
  }
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
});

test("http() reaches the pod's HTTP handler with the client IP it would see", async () => {
  const w = newWorld();
  addPod(w, "default", "echo", {
    ip: "10.244.1.20",
    labels: { app: "echo" },
    ports: [{ port: 5678 }],
    http: (_port, req) => ({ status: 200, statusText: "OK", headers: {}, body: `hello from echo to ${req.clientIp}` }),
  });
  addPod(w, "default", "client", { ip: "10.244.2.21", node: "kind-worker2" });
  addService(w, "default", "echo", { clusterIP: "10.96.20.1", selector: { app: "echo" }, ports: [{ port: 80, targetPort: 5678 }] });
  addPod(w, "kube-system", "kube-apiserver-kind-control-plane", { hostNetwork: true, node: "kind-control-plane", labels: { component: "kube-apiserver" } });
  addService(w, "default", "kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, targetPort: 6443 }] });
  w.store.create(refs.endpointslices, {
    metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
    addressType: "IPv4",
    endpoints: [{ addresses: ["10.89.0.2"], conditions: { ready: true } }],
    ports: [{ name: "https", port: 6443, protocol: "TCP" }],
  });
  const net = createNetwork(w);
  const client = { pod: w.store.get(refs.pods, "default", "client")! };
  const req = { method: "GET", path: "/", host: "echo", headers: {}, clientIp: "" };
  const viaSvc = await net.http(client, "10.96.20.1", 80, req);
  assert.equal(viaSvc.response?.body, "hello from echo to 10.244.2.21");
  const outside = await net.http(client, "93.184.215.14", 80, { ...req, host: "example.com" });
  assert.equal(outside.response?.status, 200);
  assert.match(outside.response!.body, /<title>Example Domain<\/title>/);
  const api = await net.http(client, "10.96.0.1", 443, { ...req, host: "kubernetes.default" });
  assert.equal(api.response?.status, 403);
  assert.equal(JSON.parse(api.response!.body).message, 'forbidden: User "system:anonymous" cannot get path "/"');
  const refused = await net.http(client, "10.244.1.20", 80, req);
  assert.equal(refused.connect.outcome, "refused");
  assert.equal(refused.response, undefined);
});

test("ping: pods and nodes answer, Service IPs do not, ICMP passes only rules without ports", () => {
  const w = serviceWorld();
  addPod(w, "default", "locked", { labels: { app: "locked" }, ip: "10.244.1.70" });
  addPod(w, "default", "open-icmp", { labels: { app: "open-icmp" }, ip: "10.244.1.71" });
  addPolicy(w, "default", "locked-tcp-only", { podSelector: { matchLabels: { app: "locked" } }, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP" }] }] });
  addPolicy(w, "default", "from-clients", { podSelector: { matchLabels: { app: "open-icmp" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "client" } } }] }] });
  const net = createNetwork(w);
  const client = sourceOf(w, "client");
  const table: [string, string, Outcome][] = [
    ["pod", "10.244.1.5", "connected"],
    ["node", "10.89.0.2", "connected"],
    ["ClusterIP", "10.96.10.1", "timeout"],
    ["LoadBalancer IP", "172.18.255.200", "timeout"],
    ["isolated pod whose only rule has ports", "10.244.1.70", "timeout"],
    ["isolated pod with a port-less rule for the client", "10.244.1.71", "connected"],
    ["outside world", "93.184.215.14", "connected"],
    ["pod CIDR address nobody has", "10.244.2.200", "unreachable"],
    ["loopback", "127.0.0.1", "connected"],
  ];
  const wrong = table.map(([name, to, want]) => [name, want, net.ping(client, to)] as const).filter(([, want, r]) => r.outcome !== want).map(([name, want, r]) => `${name}: want ${want}, got ${r.outcome} (${r.reason})`);
  assert.equal(wrong.length, 0, `\n${wrong.join("\n")}`);
});
