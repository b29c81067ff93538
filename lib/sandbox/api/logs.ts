// GET pods/<name>/log: the container's log from the runtime's buffers, as text/plain, with
// container (defaulted when the pod has one), tailLines, limitBytes, previous and follow (a chunked
// stream fed by the runtime's followers until the container stops, the pod goes, or the client
// leaves). Refusals use the kubelet's wording (validateContainerLogStatus), e.g.
// `container "web" in pod "web" is waiting to start: ContainerCreating`.
import type { Cluster } from "../cluster";
import { badRequest } from "../errors";
import type { StoreEvent } from "../store/store";
import type { K8sObject } from "../types";
import type { RequestContext } from "./context";
import { queryFlag, queryInt } from "./http";

/** The container a log (or exec) request means: the named one, or the only one; kubelet/apiserver wording otherwise. */
export function pickContainer(pod: K8sObject, requested: string | null): string {
  const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  const inits = (pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name);
  const ephemeral = (pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => c.name);
  const podName = pod.metadata.name;
  if (!requested) {
    if (names.length === 1) return names[0];
    const initPart = inits.length ? ` or one of the init containers: [${inits.join(" ")}]` : "";
    throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(" ")}]${initPart}`);
  }
  // The API server's wording for both logs and exec (pod strategy's LogLocation / streamLocation).
  if (![...names, ...inits, ...ephemeral].includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

function containerStatus(pod: K8sObject, name: string): any {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  return all.find((s: { name: string }) => s.name === name);
}

/** Which buffer to read, or the kubelet's refusal. */
function logSource(pod: K8sObject, container: string, previous: boolean): "current" | "previous" {
  const s = containerStatus(pod, container);
  const podName = pod.metadata.name;
  const state = s?.state ?? {};
  const last = s?.lastState ?? {};
  if (previous) {
    if (!last.terminated) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return "previous";
  }
  if (state.running || state.terminated || last.terminated) return "current";
  if (state.waiting) {
    const reason = state.waiting.reason;
    if (reason === "ErrImagePull") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (reason === "ImagePullBackOff") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason ?? "ContainerCreating"}`);
  }
  // No status yet: not scheduled or the kubelet has not reported.
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
}

function selectLines(lines: string[], tail: number | undefined): string[] {
  if (tail === undefined || tail < 0) return lines;
  return tail === 0 ? [] : lines.slice(-tail);
}

export function serveLogs(ctx: RequestContext, pod: K8sObject): void {
  const q = ctx.query;
  const container = pickContainer(pod, q.get("container"));
  const previous = queryFlag(q, "previous");
  const follow = queryFlag(q, "follow") && !previous;
  const source = logSource(pod, container, previous);
  const tail = queryInt(q, "tailLines");
  const limitBytes = queryInt(q, "limitBytes");
  const state = ctx.cluster.runtime.container(pod.metadata.uid!, container);
  const buffer = state ? (source === "previous" ? state.previousLogs : state.logs) : [];
  let text = selectLines(buffer, tail).map((l) => l + "\n").join("");
  let budget = limitBytes !== undefined && limitBytes > 0 ? limitBytes : Infinity;
  if (Buffer.byteLength(text) > budget) text = Buffer.from(text).subarray(0, budget).toString("utf8");
  budget -= Buffer.byteLength(text);

  if (!follow || !state || budget <= 0 || isTerminated(pod, container)) {
    ctx.res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache, private" });
    ctx.res.end(text);
    return;
  }
  ctx.res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
  ctx.res.flushHeaders();
  if (text) ctx.res.write(text);
  followLogs(ctx, ctx.cluster, pod, container, state.followers, budget);
}

function isTerminated(pod: K8sObject, container: string): boolean {
  const s = containerStatus(pod, container);
  return Boolean(s?.state?.terminated);
}

function followLogs(ctx: RequestContext, cluster: Cluster, pod: K8sObject, container: string, followers: Set<(line: string) => void>, budget: number): void {
  const res = ctx.res;
  let left = budget;
  const onLine = (line: string) => {
    if (res.writableEnded || res.destroyed) return finish();
    const chunk = line + "\n";
    if (Buffer.byteLength(chunk) > left) {
      res.write(Buffer.from(chunk).subarray(0, left));
      finish();
      return;
    }
    left -= Buffer.byteLength(chunk);
    res.write(chunk);
  };
  // The stream ends with the container (or the pod), as the kubelet's follow does.
  const onPod = (e: StoreEvent) => {
    if (e.ref.group !== "" || e.ref.resource !== "pods" || e.object.metadata.uid !== pod.metadata.uid) return;
    if (e.type === "DELETED" || isTerminated(e.object, container)) setImmediate(finish);
  };
  followers.add(onLine);
  const unwatch = cluster.store.watch(onPod);
  let done = false;
  function finish() {
    if (done) return;
    done = true;
    followers.delete(onLine);
    unwatch();
    ctx.signal.removeEventListener("abort", finish);
    if (!res.writableEnded) res.end();
  }
  ctx.signal.addEventListener("abort", finish, { once: true });
  res.on("close", finish);
}
