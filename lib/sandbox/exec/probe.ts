// Kubelet probes (httpGet, tcpSocket, exec, grpc) against a simulated container. Probes come
// from the kubelet on the node, inside the pod's own network namespace reach: NetworkPolicy does
// not apply to them (https://kubernetes.io/docs/concepts/services-networking/network-policies/
// "traffic to and from the node where a Pod is running is always allowed"). HTTP success is a
// status in [200, 400); the request carries "User-Agent: kube-probe/1.32" and shows up in the
// server's access log, from the node's address on the pod network (the pod CIDR's .1 with kindnet).
import type { Cluster } from "../cluster";
import type { K8sObject } from "../types";
import type { ContainerProcess, Listener } from "../images/types";
import { lookupImage } from "../images";
import { buildSystem } from "./system";
import { runExternal } from "./runner";
import { Collector, Input } from "./shell/io";
import { ExitShell, Interrupted } from "./shell/interp";

export const PROBE_USER_AGENT = "kube-probe/1.32";

/** Resolves a probe port given by number or by container port name. */
function probePort(pod: K8sObject, container: string, port: number | string): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of pod.spec?.containers ?? []) {
    if (c.name !== container) continue;
    for (const p of c.ports ?? []) if (p.name === port) return p.containerPort;
  }
  return undefined;
}

/** The process (any container of the pod: they share the network namespace) listening on port. */
function listenerOn(cluster: Cluster, pod: K8sObject, port: number): { proc: ContainerProcess; listener: Listener } | undefined {
  for (const st of cluster.runtime.containers(pod.metadata.uid ?? "")) {
    const proc = st.process;
    if (!proc || proc.exit) continue;
    const listener = proc.listeners.find((l) => l.port === port && l.protocol === "TCP");
    if (listener) return { proc, listener };
  }
  return undefined;
}

export async function runProbe(cluster: Cluster, pod: K8sObject, container: string, probe: any): Promise<boolean> {
  const timeoutMs = (probe?.timeoutSeconds ?? 1) * 1000;
  if (probe?.httpGet) {
    const port = probePort(pod, container, probe.httpGet.port);
    if (port === undefined) return false;
    const found = listenerOn(cluster, pod, port);
    if (!found || found.listener.kind !== "http" || !found.proc.handleHttp) return false;
    const headers: Record<string, string> = { "User-Agent": PROBE_USER_AGENT, Accept: "*/*", "Connection": "close" };
    for (const h of probe.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    const podIP: string = pod.status?.podIP ?? "";
    const host = probe.httpGet.host ?? podIP;
    headers.Host ??= `${host}:${port}`;
    const gateway = podIP ? `${podIP.split(".").slice(0, 3).join(".")}.1` : (pod.status?.hostIP ?? "");
    try {
      const res = await found.proc.handleHttp(port, { method: "GET", path: probe.httpGet.path ?? "/", host: headers.Host, headers, clientIp: gateway });
      return res.status >= 200 && res.status < 400;
    } catch {
      return false;
    }
  }
  if (probe?.tcpSocket) {
    const port = probePort(pod, container, probe.tcpSocket.port);
    return port !== undefined && listenerOn(cluster, pod, port) !== undefined;
  }
  if (probe?.grpc) return listenerOn(cluster, pod, Number(probe.grpc.port)) !== undefined;
  if (probe?.exec) {
    const argv: string[] = probe.exec.command ?? [];
    const state = cluster.runtime.container(pod.metadata.uid ?? "", container);
    if (!state?.process || state.process.exit || argv.length === 0) return false;
    const profile = state.profile ?? lookupImage(state.image);
    if (!profile) return false;
    state.process.files ??= new Map();
    const sys = buildSystem(cluster, pod, container, profile, { files: state.process.files });
    if (!sys.which(argv[0])) return false;
    const abort = new AbortController();
    const cancel = cluster.clock.after(timeoutMs, () => abort.abort());
    const sink = new Collector();
    try {
      const code = await runExternal({ argv, stdin: Input.empty(), stdout: sink, stderr: sink, env: sys.env, cwd: profile.workdir ?? "/", signal: abort.signal, sys, tty: false });
      return code === 0 && !abort.signal.aborted;
    } catch (e) {
      if (e instanceof ExitShell) return e.code === 0;
      if (e instanceof Interrupted) return false;
      throw e;
    } finally {
      cancel();
    }
  }
  return false;
}
