// The kubelet's HTTP prober (pkg/probe/http): one GET from the node to the container's port,
// success for a status in [200, 400), and on failure the exact reason the kubelet puts in the
// Unhealthy event ("HTTP probe failed with statuscode: 404", "connect: connection refused").
// The other probe kinds go to exec/probe.ts runProbe, which only answers yes or no.
import type { ContainerProcess } from "../images/types";
import type { K8sObject } from "../types";
import type { ControllerContext } from "./loop";

export const probeUserAgent = "kube-probe/1.32";

/** A probe port by number or by the container's port name. */
export function probePort(pod: K8sObject, container: string, port: number | string | undefined): number | undefined {
  if (typeof port === "number") return port;
  if (port && /^\d+$/.test(port)) return Number(port);
  const spec = ((pod.spec?.containers ?? []) as any[]).find((c) => c.name === container);
  return ((spec?.ports ?? []) as any[]).find((p) => p.name === port)?.containerPort;
}

/** The process of the pod listening on a TCP port (containers of a pod share one network namespace). */
export function listenerOf(ctx: ControllerContext, pod: K8sObject, port: number): { proc: ContainerProcess; http: boolean } | undefined {
  for (const c of ctx.runtime.containers(pod.metadata.uid!)) {
    const l = c.process?.listeners.find((x) => x.port === port && x.protocol === "TCP");
    if (c.process && l) return { proc: c.process, http: l.kind === "http" };
  }
  return undefined;
}

export async function httpGetProbe(ctx: ControllerContext, pod: K8sObject, container: string, probe: any): Promise<{ ok: boolean; message?: string }> {
  const g = probe.httpGet ?? {};
  const ip: string = pod.status?.podIP ?? "";
  const port = probePort(pod, container, g.port);
  const path: string = g.path ?? "/";
  const url = `${String(g.scheme ?? "HTTP").toLowerCase()}://${g.host ?? ip}:${port}${path}`;
  const found = port === undefined ? undefined : listenerOf(ctx, pod, port);
  if (!found) return { ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
  if (!found.http || !found.proc.handleHttp) return { ok: false, message: `Get "${url}": EOF` };
  const headers: Record<string, string> = { "User-Agent": probeUserAgent, Accept: "*/*", Connection: "close" };
  for (const h of (g.httpHeaders ?? []) as { name: string; value: string }[]) headers[h.name] = h.value;
  headers.Host ??= `${g.host ?? ip}:${port}`;
  // The kubelet reaches the pod from the node's address on the pod network (the CIDR's .1 with kindnet).
  const clientIp = ip ? `${ip.split(".").slice(0, 3).join(".")}.1` : (pod.status?.hostIP ?? "");
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  const abort = new AbortController();
  const timedOut = ctx.clock.sleep(timeoutMs, abort.signal).then((fired) => (fired ? ("timeout" as const) : undefined));
  try {
    const res = await Promise.race([Promise.resolve(found.proc.handleHttp(port!, { method: "GET", path, host: headers.Host, headers, clientIp })), timedOut]);
    if (res === "timeout" || res === undefined) return { ok: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (res.status >= 200 && res.status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
  } catch {
    return { ok: false, message: `Get "${url}": EOF` };
  } finally {
    abort.abort();
  }
}
