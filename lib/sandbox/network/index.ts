// The simulated network of one sandbox cluster: createNetwork(cluster) gives the Network the exec
// tools, probes, the ingress controller and the grader use (network/types.ts is the contract).
// It reads cluster.store and cluster.runtime at call time, through a snapshot rebuilt only when a
// network-relevant object changes.
import type { Cluster } from "../cluster";
import type { HttpRequest, HttpResponse } from "../images/types";
import type { K8sObject } from "../types";
import type { ConnectRequest, ConnectResult, DnsResult, DnsType, HttpResult, Network, Protocol, Source } from "./types";
import { isIngressController, PacketPath, type NetworkOptions } from "./connect";
import { resolve as dnsResolve } from "./dns";
import { explainIngress, httpToPod, serveIngress, type IngressDeps, type IngressExplanation } from "./ingress";
import { outsideHttp } from "./outside";
import { nodeDaemonAt, nodeDaemonHttp } from "./node-daemons";
import { snapshotFromObjects, snapshotSource, type PodInfo, type Snapshot } from "./snapshot";

export type { NetworkOptions } from "./connect";
export { routeIngress, servedIngresses, nginxErrorPage, type IngressExplanation, type IngressRoute } from "./ingress";
export { evaluatePolicy, endpointFor, selectingPolicies } from "./policy";
export { buildSnapshot, snapshotFromObjects } from "./snapshot";
export { reverseName } from "./ip";
export { outsideNames } from "./outside";

export interface SandboxNetwork extends Network {
  /** resolve() with an explicit server (`nslookup NAME SERVER`, `dig @SERVER NAME`). */
  resolveVia(from: Source, name: string, type: DnsType, server: string): DnsResult;
  /** What an ingress-nginx controller pod answers to a request that reached it on `port`. */
  serveIngress(controller: K8sObject, port: number, req: HttpRequest): Promise<HttpResponse>;
  /** What an HTTP request for host + path through the ingress controller at to:port would meet (no request is made). */
  explainIngress(from: Source, to: string, port: number, host: string, path: string): IngressExplanation;
  /** An ICMP echo from a source (ping): "connected" = an echo reply comes back. */
  ping(from: Source, to: string): ConnectResult;
  /** The current snapshot (for the grader's matrix and tests). */
  snapshot(): Snapshot;
}

type ClusterParts = Pick<Cluster, "store" | "runtime" | "clock">;

export function createNetwork(cluster: ClusterParts, opts: NetworkOptions = {}): SandboxNetwork {
  // Lazy: the cluster may still be under construction when its network is made.
  let source: (() => Snapshot) | undefined;
  const snapshot = (): Snapshot => (source ??= snapshotSource(cluster.store))();
  const path = new PacketPath(cluster, snapshot, opts);
  const random = opts.random ?? Math.random;
  const connect = (req: ConnectRequest): ConnectResult => path.run(req, "connect");
  const podOf = (snap: Snapshot, from: Source): PodInfo | undefined => {
    if (!("pod" in from)) return undefined;
    const uid = from.pod.metadata.uid;
    return (uid && snap.podByUid.get(uid)) || snap.pods.find((p) => p.ns === (from.pod.metadata.namespace ?? "default") && p.name === from.pod.metadata.name);
  };
  const dnsDeps = { snapshot, connect, gateway: (snap: Snapshot) => path.nodeGateway(snap), podOf };
  const ingressDeps: IngressDeps = {
    snapshot,
    get clock() {
      return cluster.clock;
    },
    get runtime() {
      return cluster.runtime;
    },
    candidates: (snap, svc, port) => path.candidates(snap, svc, port),
    connect,
    random,
  };
  const serve = (controller: K8sObject, port: number, req: HttpRequest): Promise<HttpResponse> => {
    const snap = snapshot();
    const info = podOf(snap, { pod: controller });
    if (!info) return Promise.resolve({ status: 502, statusText: "Bad Gateway", headers: {}, body: "" });
    return serveIngress(ingressDeps, info, port, req);
  };

  return {
    snapshot,
    connect,
    explain: (from: Source, to: string, port: number, protocol: Protocol) => path.run({ from, to, port, protocol }, "explain"),
    ping: (from: Source, to: string) => path.ping(from, to),
    explainIngress: (from, to, port, host, reqPath) =>
      explainIngress(snapshot(), (req) => path.run(req, "explain"), (snap, svc, p) => path.candidates(snap, svc, p), from, to, port, host, reqPath),
    resolve: (from: Source, name: string, type: DnsType = "A") => dnsResolve(dnsDeps, from, name, type),
    resolveVia: (from, name, type, server) => dnsResolve(dnsDeps, from, name, type, server),
    serveIngress: serve,
    async http(from: Source, to: string, port: number, req: HttpRequest): Promise<HttpResult> {
      const conn = connect({ from, to, port, protocol: "TCP" });
      if (conn.outcome !== "connected") return { connect: conn };
      const forwarded: HttpRequest = { ...req, clientIp: conn.clientIp ?? req.clientIp };
      const target = conn.target;
      if (target?.external && !target.pod) return { connect: conn, response: outsideHttp(target.ip, target.port, forwarded, cluster.clock.now()) };
      const pod = target?.pod;
      if (!pod && target) {
        const snap = snapshot();
        const node = snap.nodeByIP.get(target.ip);
        const daemon = node && nodeDaemonAt(snap, node.name, target.port, "TCP");
        const response = daemon ? nodeDaemonHttp(daemon, forwarded, cluster.clock.now()) : undefined;
        return response ? { connect: conn, response } : { connect: conn };
      }
      if (!pod) return { connect: conn };
      if (isIngressController(pod) && (target.port === 80 || target.port === 443)) return { connect: conn, response: await serve(pod, target.port, forwarded) };
      const response = await httpToPod(cluster.runtime, pod.metadata.uid!, target.port, forwarded);
      return response ? { connect: conn, response } : { connect: conn };
    },
  };
}

export interface ObjectsExplainer {
  explain(from: Source, to: string, port: number, protocol: Protocol): ConnectResult;
  explainIngress(from: Source, to: string, port: number, host: string, path: string): IngressExplanation;
}

/**
 * The engine over plain objects (a real cluster's `kubectl get pods,namespaces,nodes,services,
 * endpointslices,networkpolicies[,ingresses,ingressclasses] -o json` items), indexed once for many
 * questions. Every pod counts as listening (nothing is known about processes there), so
 * "connected" means "allowed by policy and routed".
 */
export function explainerFromObjects(objects: K8sObject[]): ObjectsExplainer {
  const snap = snapshotFromObjects(objects);
  const p = new PacketPath({}, () => snap, { assumeListening: true });
  return {
    explain: (from, to, port, protocol) => p.run({ from, to, port, protocol }, "explain"),
    explainIngress: (from, to, port, host, reqPath) => explainIngress(snap, (req) => p.run(req, "explain"), (s2, svc, sp) => p.candidates(s2, svc, sp), from, to, port, host, reqPath),
  };
}

/** One connection explained from plain objects (see explainerFromObjects for many). */
export function explainFromObjects(objects: K8sObject[], from: Source, to: string, port: number, protocol: Protocol): ConnectResult {
  return explainerFromObjects(objects).explain(from, to, port, protocol);
}

/** explainIngress from plain objects (include ingresses and ingressclasses). */
export function explainIngressFromObjects(objects: K8sObject[], from: Source, to: string, port: number, host: string, reqPath: string): IngressExplanation {
  return explainerFromObjects(objects).explainIngress(from, to, port, host, reqPath);
}

/**
 * The HTTP handler of the ingress-nginx controller image, for the images/exec side: hand it the
 * controller pod, the port the request reached (80/443) and the request.
 */
export function ingressHandler(cluster: Pick<Cluster, "network">): (controller: K8sObject, port: number, req: HttpRequest) => Promise<HttpResponse> {
  return (controller, port, req) => {
    const net = cluster.network as Partial<SandboxNetwork>;
    if (!net.serveIngress) throw new Error("the cluster's network was not made by createNetwork");
    return net.serveIngress(controller, port, req);
  };
}
