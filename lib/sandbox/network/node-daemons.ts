// What listens on a node's own IP besides hostNetwork pods with declared ports: the kubelet
// (10250, HTTPS, anonymous auth off → 401), kube-proxy's health server (10256), and on nodes that
// run the control-plane static pods (hostNetwork, no declared ports) the kube-apiserver (6443;
// anonymous requests see public-info paths and 403 elsewhere) and etcd (2379/2380). The
// `kubernetes` Service (10.96.0.1:443 → <control-plane IP>:6443) leads here.
import type { HttpRequest, HttpResponse } from "../images/types";
import type { Protocol } from "./types";
import type { PodInfo, Snapshot } from "./snapshot";

export type NodeDaemon = "kubelet" | "kube-proxy" | "kube-apiserver" | "etcd";

const staticPodPorts: Record<string, number[]> = { "kube-apiserver": [6443], etcd: [2379, 2380] };

function staticComponent(p: PodInfo): string | undefined {
  const c = p.labels.component ?? Object.keys(staticPodPorts).find((k) => p.name.startsWith(`${k}-`));
  return c && c in staticPodPorts ? c : undefined;
}

/** The node process answering on ip:port of a node, if any. */
export function nodeDaemonAt(snap: Snapshot, nodeName: string, port: number, protocol: Protocol): NodeDaemon | undefined {
  if (protocol !== "TCP") return undefined;
  if (port === 10250) return "kubelet";
  if (port === 10256) return "kube-proxy";
  for (const p of snap.pods) {
    if (!p.hostNetwork || p.nodeName !== nodeName) continue;
    const c = staticComponent(p);
    if (c && staticPodPorts[c].includes(port)) return c as NodeDaemon;
  }
  return undefined;
}

const json = (status: number, statusText: string, body: unknown): HttpResponse => {
  const text = JSON.stringify(body, null, 2) + "\n";
  return { status, statusText, headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) }, body: text };
};
const plain = (status: number, statusText: string, body: string): HttpResponse => ({ status, statusText, headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)) }, body });

/** The HTTP answer of a node daemon (curl -k https://kubernetes.default, curl http://<node>:10256/healthz). */
export function nodeDaemonHttp(daemon: NodeDaemon, req: HttpRequest, now: Date): HttpResponse | undefined {
  const path = req.path.split("?")[0];
  if (daemon === "kube-apiserver") {
    if (path === "/healthz" || path === "/livez" || path === "/readyz") return plain(200, "OK", "ok");
    if (path === "/version") {
      return json(200, "OK", { major: "1", minor: "32", gitVersion: "v1.32.2", gitCommit: "67a30c0adcf52bd3f56ff0893ce19966be12991f", gitTreeState: "clean", buildDate: "2025-02-12T21:19:47Z", goVersion: "go1.23.6", compiler: "gc", platform: "linux/amd64" });
    }
    const auth = req.headers.Authorization ?? req.headers.authorization;
    if (auth) return json(401, "Unauthorized", { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 });
    return json(403, "Forbidden", { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: "Forbidden", details: {}, code: 403 });
  }
  if (daemon === "kubelet") return plain(401, "Unauthorized", "Unauthorized");
  if (daemon === "kube-proxy") {
    if (path === "/healthz" || path === "/livez") return json(200, "OK", { lastUpdated: now.toISOString(), currentTime: now.toISOString(), nodeEligible: true });
    return plain(404, "Not Found", "404 page not found\n");
  }
  return undefined; // etcd speaks gRPC/HTTP2 with client certificates: nothing a plain HTTP client gets
}
