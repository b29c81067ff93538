// The kubelet of every node (one reconcile per pod bound to a node): creates the pod sandbox and
// its IP, pulls images (unknown image → ErrImagePull / ImagePullBackOff), starts containers from
// their image profile into the runtime table, restarts exited containers per restartPolicy with
// the CrashLoopBackOff back-off, runs probes, stops containers on graceful deletion, and writes
// status (phase, conditions, containerStatuses, IPs) and the events `kubectl describe pod` shows.
// Upstream: pkg/kubelet/kubelet_pods.go (status), kuberuntime/kuberuntime_manager.go (sync),
// images/image_manager.go (pull events).
import { randomBytes } from "node:crypto";
import { rfc3339 } from "../clock";
import type { ContainerProcess, ImageProfile, Listener } from "../images/types";
import { newContainer, type KubeletContainer, type PodSandbox } from "../runtime/runtime";
import type { Protocol } from "../network/types";
import type { K8sObject } from "../types";
import { goDuration, imageSizeBytes, parseImage, pullDurationMs, pullError, pullPolicyOf, stableDigest } from "./images";
import type { Controller, ControllerContext } from "./loop";
import { corefileSHA512 } from "./corefile";
import { httpGetProbe, probePort } from "./prober";
import { R, keyOf, splitKey, type Condition } from "./refs";

/** Sandbox ms from first sight to the pod's network being ready (the pause container + CNI ADD). */
export const sandboxDelayMs = 300;
/** Sandbox ms from image present to the container running (create + start). */
export const startDelayMs = 150;
/** How long a container that handles SIGTERM takes to stop (nginx, agnhost, ...). */
export const quickStopMs = 500;
/** An ended container that will restart shows its terminated state this long first (the kubelet's sync period, shortened). */
const terminatedShownMs = 1000;
/** ErrImagePull is shown for a moment before it turns into ImagePullBackOff. */
const errImagePullShownMs = 2000;
/** Kubelet back-off: 10s doubling to 5m (pkg/kubelet/kubelet.go backOffPeriod/MaxContainerBackOff). */
const backoffBaseMs = 10_000;
const backoffMaxMs = 300_000;
/** A container that ran this long without crashing starts its back-off over (2 × the maximum). */
const backoffResetMs = 600_000;

export const kubeletComponent = "kubelet";

export const backoffMs = (n: number): number => Math.min(backoffBaseMs * 2 ** Math.max(0, n - 1), backoffMaxMs);

type Spec = any;

interface Slot {
  spec: Spec;
  init: boolean;
  fieldPath: string;
}

function slotsOf(pod: K8sObject): Slot[] {
  const init = ((pod.spec?.initContainers ?? []) as Spec[]).map((spec) => ({ spec, init: true, fieldPath: `spec.initContainers{${spec.name}}` }));
  const main = ((pod.spec?.containers ?? []) as Spec[]).map((spec) => ({ spec, init: false, fieldPath: `spec.containers{${spec.name}}` }));
  return [...init, ...main];
}

const isSidecar = (s: Slot) => s.init && s.spec.restartPolicy === "Always";

/** Whether PID 1 of this container ignores SIGTERM (a shell or `sleep`), so deletion waits the whole grace period. */
export function ignoresSigterm(spec: Spec): boolean {
  const argv = [...((spec.command as string[] | undefined) ?? []), ...((spec.args as string[] | undefined) ?? [])];
  if (!argv.length) return false;
  const bin = argv[0].split("/").pop() ?? "";
  return ["sleep", "sh", "bash", "ash", "tail"].includes(bin);
}

/**
 * How long a container's preStop hook takes: the sleep action (`lifecycle.preStop.sleep.seconds`)
 * or an exec hook that sleeps (`sleep 5`, `sh -c "sleep 5"`), the usual way to let endpoints
 * drain before the process is told to stop. Other hooks count as instant.
 */
export function preStopMs(spec: Spec): number {
  const hook = spec.lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep?.seconds !== undefined) return Number(hook.sleep.seconds) * 1000 || 0;
  const cmd = ((hook.exec?.command ?? []) as string[]).join(" ");
  const m = /(?:^|[\s;&|/])sleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  return m ? Number(m[1]) * 1000 : 0;
}

const newContainerID = () => `containerd://${randomBytes(32).toString("hex")}`;

/** What CoreDNS prints when it starts (kubectl logs -n kube-system -l k8s-app=kube-dns). */
const corednsStartup = [
  ".:53",
  `[INFO] plugin/reload: Running configuration SHA512 = ${corefileSHA512()}`,
  "CoreDNS-1.11.3",
  "linux/amd64, go1.21.11, a6338e9",
];

/**
 * The process of an image kind's node image ships preloaded but the image catalogue does not
 * describe (CoreDNS, kube-proxy, kindnet, the control plane): it listens on the ports its pod
 * spec declares and runs until stopped.
 */
export function processFromPorts(spec: Spec): ContainerProcess {
  const listeners: Listener[] = ((spec.ports ?? []) as any[]).map((p) => {
    const protocol = (p.protocol ?? "TCP") as Protocol;
    const kind: Listener["kind"] = p.containerPort === 53 ? "dns" : protocol === "UDP" ? "udp" : protocol === "SCTP" ? "sctp" : "tcp";
    return { port: p.containerPort, protocol, kind };
  });
  const coredns = String(spec.image ?? "").includes("/coredns/coredns");
  return { listeners, startupLogs: coredns ? corednsStartup : [] };
}

function allocatePodIP(ctx: ControllerContext, node: K8sObject, sb: PodSandbox): string {
  if (sb.hostNetwork) return internalIP(node);
  const cidr: string = node.spec?.podCIDR ?? "10.244.0.0/24";
  const base = cidr.split("/")[0].split(".").slice(0, 3).join(".");
  const used = new Set<string>();
  for (const s of ctx.runtime.sandboxes.values()) if (s.nodeName === sb.nodeName && s.podIP) used.add(s.podIP);
  for (const p of ctx.store.list(R.pods)) if (p.spec?.nodeName === sb.nodeName && p.status?.podIP) used.add(p.status.podIP);
  // host-local IPAM hands out addresses in order and wraps, so a new pod rarely reuses a fresh IP.
  let host = ctx.runtime.nextHost.get(sb.nodeName) ?? 2;
  for (let i = 0; i < 253; i++) {
    const ip = `${base}.${host}`;
    host = host >= 254 ? 2 : host + 1;
    if (!used.has(ip)) {
      ctx.runtime.nextHost.set(sb.nodeName, host);
      return ip;
    }
  }
  throw new Error(`no free pod IP left in ${cidr} on ${sb.nodeName}`);
}

export const internalIP = (node: K8sObject): string =>
  ((node.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === "InternalIP")?.address ?? "";

function profileFor(ctx: ControllerContext, node: string, image: string): ImageProfile | "preloaded" | undefined {
  const p = ctx.lookupImage(image);
  if (p) return p;
  return ctx.runtime.hasImage(node, parseImage(image).ref) ? "preloaded" : undefined;
}

/** Starts (or restarts) a container's main process. */
function startContainer(ctx: ControllerContext, pod: K8sObject, sb: PodSandbox, slot: Slot, c: KubeletContainer, now: number): void {
  const profile = ctx.lookupImage(slot.spec.image);
  if (c.containerID) {
    c.previousLogs = c.logs;
    c.logs = [];
    c.restartCount++;
  }
  c.containerID = newContainerID();
  c.profile = profile;
  c.justPulled = false;
  c.state = "running";
  c.waitingReason = undefined;
  c.waitingMessage = undefined;
  c.terminated = undefined;
  c.startedAt = now;
  c.startedAtTime = rfc3339(ctx.clock.now());
  c.stopping = false;
  c.ready = false;
  c.readiness = { successes: 0, failures: 0, inFlight: false };
  c.liveness = { successes: 0, failures: 0, inFlight: false };
  c.startup = { successes: 0, failures: 0, inFlight: false };
  ctx.events.record(pod, "Normal", "Created", `Created container: ${slot.spec.name}`, kubeletComponent, slot.fieldPath);
  const hostname = pod.spec?.hostname ?? pod.metadata.name!;
  const log = (line: string) => ctx.runtime.log(sb.uid, slot.spec.name, line);
  c.ended = undefined;
  try {
    c.process = profile
      ? profile.start({ pod, container: slot.spec, clock: ctx.clock, log, hostname, podIP: sb.podIP ?? "", cluster: ctx.cluster })
      : processFromPorts(slot.spec);
  } catch (err) {
    // A profile that cannot start the command behaves like an exec format error: the runtime fails to start it.
    c.process = { listeners: [], startupLogs: [], exit: { code: 128, afterMs: 0, reason: "StartError", message: String((err as Error)?.message ?? err) } };
  }
  for (const line of c.process.startupLogs) log(line);
  watchEnd(ctx, pod, c);
  ctx.events.record(pod, "Normal", "Started", `Started container ${slot.spec.name}`, kubeletComponent, slot.fieldPath);
}

/** A process whose end only running it can tell (a script, `sleep 5`): its end re-queues the pod. */
function watchEnd(ctx: ControllerContext, pod: K8sObject, c: KubeletContainer): void {
  const proc = c.process;
  if (!proc?.done) return;
  const containerID = c.containerID;
  const key = keyOf(pod);
  proc.done.then(
    (r) => {
      if (c.containerID !== containerID || c.state !== "running") return;
      c.ended = { code: r.code, reason: r.reason, message: r.message };
      ctx.enqueue("kubelet", key);
    },
    (err) => {
      if (c.containerID !== containerID || c.state !== "running") return;
      c.ended = { code: 1, reason: "Error", message: String(err?.message ?? err) };
      ctx.enqueue("kubelet", key);
    },
  );
}

function terminate(ctx: ControllerContext, c: KubeletContainer, code: number, reason?: string, message?: string): void {
  const finished = rfc3339(ctx.clock.now());
  c.finishedMs = ctx.ms();
  c.terminated = {
    exitCode: code,
    reason: reason ?? (code === 0 ? "Completed" : "Error"),
    ...(message ? { message } : {}),
    startedAt: c.startedAtTime ?? finished,
    finishedAt: finished,
    containerID: c.containerID,
  };
  try {
    c.process?.stop?.();
  } catch {
    // Killing a simulated process cannot fail in a way the pod would notice.
  }
  c.ended = undefined;
  c.state = "terminated";
  c.process = undefined;
  c.ready = false;
  c.stopping = false;
}

/** Decides whether an ended container runs again (restartPolicy; init containers restart only on failure). */
function restarts(pod: K8sObject, slot: Slot, code: number): boolean {
  const policy = slot.init && !isSidecar(slot) ? (pod.spec?.restartPolicy === "Never" ? "Never" : "OnFailure") : isSidecar(slot) ? "Always" : (pod.spec?.restartPolicy ?? "Always");
  return policy === "Always" || (policy === "OnFailure" && code !== 0);
}

const probeOf = (spec: Spec, kind: "readiness" | "liveness" | "startup") => spec[`${kind}Probe`] as any;

function probeTimes(p: any) {
  return {
    initialDelay: (p.initialDelaySeconds ?? 0) * 1000,
    period: (p.periodSeconds ?? 10) * 1000,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/** Runs due probes asynchronously; the result lands in the container state and re-queues the pod. Returns ms until the next one is due. */
function driveProbes(ctx: ControllerContext, pod: K8sObject, slot: Slot, c: KubeletContainer, now: number): number | undefined {
  if (!ctx.probe || c.state !== "running" || c.stopping) return undefined;
  let next: number | undefined;
  const kinds: ("startup" | "readiness" | "liveness")[] = ["startup", "readiness", "liveness"];
  const startupPending = !!probeOf(slot.spec, "startup") && c.startup.lastResult !== true;
  for (const kind of kinds) {
    const p = probeOf(slot.spec, kind);
    if (!p) continue;
    if (kind !== "startup" && startupPending) continue;
    if (kind === "startup" && !startupPending) continue;
    const st = c[kind];
    const t = probeTimes(p);
    const due = st.lastRun === undefined ? (c.startedAt ?? now) + t.initialDelay : st.lastRun + t.period;
    if (st.inFlight) continue;
    if (now < due) {
      next = Math.min(next ?? Infinity, due - now);
      continue;
    }
    st.inFlight = true;
    st.lastRun = now;
    const containerID = c.containerID;
    const key = keyOf(pod);
    Promise.resolve()
      .then((): Promise<unknown> => (p.httpGet ? httpGetProbe(ctx, ctx.store.get(R.pods, pod.metadata.namespace, pod.metadata.name!) ?? pod, slot.spec.name, p) : ctx.probe!(pod, slot.spec.name, p)))
      .then(
        (r: any) => (typeof r === "object" && r !== null ? { ok: !!r.ok, message: r.message as string | undefined } : { ok: !!r, message: undefined }),
        (err) => ({ ok: false, message: String(err?.message ?? err) }),
      )
      .then(({ ok, message }) => {
        st.inFlight = false;
        const cur = ctx.runtime.container(c.podUid, c.name);
        if (cur !== c || c.containerID !== containerID) return;
        st.lastResult = ok;
        if (ok) {
          st.successes++;
          st.failures = 0;
        } else {
          st.failures++;
          st.successes = 0;
          const live = ctx.store.get(R.pods, pod.metadata.namespace, pod.metadata.name!);
          if (live && !live.metadata.deletionTimestamp) {
            const what = kind === "readiness" ? "Readiness" : kind === "liveness" ? "Liveness" : "Startup";
            const why = message ?? describeProbeFailure(live, slot.spec.name, p);
            ctx.events.record(live, "Warning", "Unhealthy", `${what} probe failed: ${why}`, kubeletComponent, slot.fieldPath);
          }
        }
        ctx.enqueue("kubelet", key);
      });
    next = Math.min(next ?? Infinity, t.period);
  }
  return next;
}

/**
 * Why a yes/no probe failed, in the kubelet prober's words (pkg/probe/tcp): a tcpSocket probe only
 * fails when nothing listens. An exec probe's message is the command's output, which runProbe
 * does not return: empty, as upstream prints for a command that writes nothing.
 */
function describeProbeFailure(pod: K8sObject, container: string, p: any): string {
  const ip: string = pod.status?.podIP ?? "";
  if (p.tcpSocket) return `dial tcp ${ip}:${probePort(pod, container, p.tcpSocket.port)}: connect: connection refused`;
  if (p.grpc) return `timeout: failed to connect service "${ip}:${p.grpc.port}" within ${p.timeoutSeconds ?? 1}s: context deadline exceeded`;
  return "";
}

/** Applies probe verdicts: readiness flips `ready`, a liveness failure kills the container for a restart. */
function applyProbes(ctx: ControllerContext, pod: K8sObject, slot: Slot, c: KubeletContainer, now: number): void {
  if (c.state !== "running" || c.stopping) return;
  const rp = probeOf(slot.spec, "readiness");
  const started = isStarted(slot, c, !!ctx.probe);
  if (!ctx.probe || !rp) c.ready = started;
  else if (!started) c.ready = false;
  else {
    const t = probeTimes(rp);
    if (c.readiness.successes >= t.successThreshold) c.ready = true;
    else if (c.readiness.failures >= t.failureThreshold) c.ready = false;
  }
  const lp = probeOf(slot.spec, "liveness");
  const sp = probeOf(slot.spec, "startup");
  const livenessFailed = lp && c.liveness.failures >= probeTimes(lp).failureThreshold;
  const startupFailed = sp && c.startup.lastResult === false && c.startup.failures >= probeTimes(sp).failureThreshold;
  if (ctx.probe && (livenessFailed || startupFailed)) {
    const which = livenessFailed ? "liveness" : "startup";
    ctx.events.record(pod, "Normal", "Killing", `Container ${slot.spec.name} failed ${which} probe, will be restarted`, kubeletComponent, slot.fieldPath);
    const quick = !ignoresSigterm(slot.spec);
    terminate(ctx, c, quick ? 0 : 137, quick ? "Completed" : "Error");
    c.lastTerminated = c.terminated;
    // A probe-triggered restart goes through the normal restart path on the next pass.
    c.nextAt = now;
  }
}

function isStarted(slot: Slot, c: KubeletContainer, probing: boolean): boolean {
  if (c.state !== "running") return false;
  if (probing && probeOf(slot.spec, "startup")) return c.startup.lastResult === true;
  return true;
}

/** Moves one container along; returns ms until it needs another look. */
function stepContainer(ctx: ControllerContext, pod: K8sObject, sb: PodSandbox, slot: Slot, now: number): number | undefined {
  const name = slot.spec.name as string;
  let c = sb.containers.get(name);
  if (!c) {
    c = newContainer(sb.uid, name, slot.spec.image);
    sb.containers.set(name, c);
  }
  const nodeName = sb.nodeName;
  const image = slot.spec.image as string;
  const ref = parseImage(image);

  // `kubectl set image pod/...`: the container is killed and created again from the new image.
  if (c.image !== image) {
    if (c.state === "running") {
      ctx.events.record(pod, "Normal", "Killing", `Container ${name} definition changed, will be restarted`, kubeletComponent, slot.fieldPath);
      const quick = !ignoresSigterm(slot.spec);
      terminate(ctx, c, quick ? 0 : 137, quick ? "Completed" : "Error");
    }
    if (c.terminated) c.lastTerminated = c.terminated;
    c.image = image;
    c.pulled = false;
    c.justPulled = false;
    c.pullStarted = undefined;
    c.pullFailures = 0;
    c.crashes = 0;
    c.nextAt = undefined;
    c.state = "waiting";
    c.waitingReason = "ContainerCreating";
    c.waitingMessage = undefined;
  }

  if (c.state === "running") {
    const exit = c.process?.exit;
    if (c.ended) {
      terminate(ctx, c, c.ended.code, c.ended.reason, c.ended.message);
    } else if (exit && c.startedAt !== undefined && now >= c.startedAt + exit.afterMs) {
      terminate(ctx, c, exit.code, exit.reason, exit.message);
    } else {
      applyProbes(ctx, pod, slot, c, now);
      if (c.state === "running") {
        const probeNext = driveProbes(ctx, pod, slot, c, now);
        const exitNext = exit && c.startedAt !== undefined ? c.startedAt + exit.afterMs - now : undefined;
        const ns = [probeNext, exitNext].filter((x): x is number => x !== undefined);
        return ns.length ? Math.min(...ns) : undefined;
      }
    }
  }

  if (c.state === "terminated" && c.terminated) {
    const code = c.terminated.exitCode;
    if (!restarts(pod, slot, code)) return undefined;
    // The ended container shows (Error / Completed) until the kubelet's next sync acts on it.
    const finished = c.finishedMs ?? now;
    if (now < finished + terminatedShownMs) return finished + terminatedShownMs - now;
    // Entering the back-off, counted from the end of the run: the first restart is immediate, then 10s, 20s, 40s ... 5m.
    if (c.nextAt === undefined || c.waitingReason !== "CrashLoopBackOff") {
      const ranMs = c.startedAt !== undefined ? finished - c.startedAt : 0;
      c.crashes = ranMs >= backoffResetMs ? 1 : c.crashes + 1;
      const wait = c.crashes <= 1 ? 0 : backoffMs(c.crashes - 1);
      c.lastTerminated = c.terminated;
      if (finished + wait > now) {
        c.state = "waiting";
        c.waitingReason = "CrashLoopBackOff";
        c.waitingMessage = `back-off ${goDuration(wait).replace(/\.0+s$/, "s")} restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
        c.nextAt = finished + wait;
        ctx.events.record(pod, "Warning", "BackOff", `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, kubeletComponent, slot.fieldPath);
        return c.nextAt - now;
      }
      c.nextAt = undefined;
    }
  }
  if (c.state === "waiting" && c.waitingReason === "CrashLoopBackOff") {
    if (now < (c.nextAt ?? 0)) return (c.nextAt ?? now) - now;
    c.nextAt = undefined;
  }

  if (c.state !== "running") {
    // Image: present, pulling, or failing to pull.
    if (!c.pulled) {
      const policy = pullPolicyOf(slot.spec);
      const present = ctx.runtime.hasImage(nodeName, ref.ref);
      if (policy === "Never" && !present) {
        c.waitingReason = "ErrImageNeverPull";
        c.waitingMessage = `Container image "${image}" is not present with pull policy of Never`;
        ctx.events.record(pod, "Warning", "ErrImageNeverPull", c.waitingMessage, kubeletComponent, slot.fieldPath);
        return undefined;
      }
      if (present && policy !== "Always") {
        ctx.events.record(pod, "Normal", "Pulled", `Container image "${image}" already present on machine`, kubeletComponent, slot.fieldPath);
        c.pulled = true;
        c.justPulled = true;
        c.pullStarted = now;
        return startDelayMs;
      } else {
        if (c.waitingReason === "ImagePullBackOff" || c.waitingReason === "ErrImagePull") {
          if (c.waitingReason === "ErrImagePull" && now >= (c.pullStarted ?? now) + errImagePullShownMs) {
            c.waitingReason = "ImagePullBackOff";
            c.waitingMessage = `Back-off pulling image "${image}": ErrImagePull: ${pullError(image)}`;
            ctx.events.record(pod, "Normal", "BackOff", `Back-off pulling image "${image}"`, kubeletComponent, slot.fieldPath);
            ctx.events.record(pod, "Warning", "Failed", "Error: ImagePullBackOff", kubeletComponent, slot.fieldPath);
          }
          if (now < (c.nextAt ?? 0)) {
            const showBackoff = c.waitingReason === "ErrImagePull" ? (c.pullStarted ?? now) + errImagePullShownMs - now : Infinity;
            return Math.min((c.nextAt ?? now) - now, showBackoff);
          }
          c.pullStarted = undefined;
        }
        if (c.pullStarted === undefined) {
          c.pullStarted = now;
          c.nextAt = now + pullDurationMs(ref.ref);
          ctx.events.record(pod, "Normal", "Pulling", `Pulling image "${image}"`, kubeletComponent, slot.fieldPath);
          return c.nextAt - now;
        }
        if (now < (c.nextAt ?? 0)) return (c.nextAt ?? now) - now;
        const took = now - c.pullStarted;
        if (!profileFor(ctx, nodeName, image)) {
          c.pullFailures++;
          c.waitingReason = "ErrImagePull";
          c.waitingMessage = pullError(image);
          c.pullStarted = now;
          c.nextAt = now + backoffMs(c.pullFailures);
          ctx.events.record(pod, "Warning", "Failed", `Failed to pull image "${image}": ${pullError(image)}`, kubeletComponent, slot.fieldPath);
          ctx.events.record(pod, "Warning", "Failed", "Error: ErrImagePull", kubeletComponent, slot.fieldPath);
          return errImagePullShownMs;
        }
        ctx.runtime.addImage(nodeName, ref.ref);
        c.pulled = true;
        c.pullFailures = 0;
        c.nextAt = undefined;
        ctx.events.record(
          pod,
          "Normal",
          "Pulled",
          `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting). Image size: ${imageSizeBytes(ref.repository)} bytes.`,
          kubeletComponent,
          slot.fieldPath,
        );
        c.waitingReason = c.containerID ? c.waitingReason : "ContainerCreating";
        c.justPulled = true;
        c.pullStarted = now;
        return startDelayMs;
      }
    }
    if (c.justPulled && c.pullStarted !== undefined && now < c.pullStarted + startDelayMs) return c.pullStarted + startDelayMs - now;
    // A restart pulls again only under imagePullPolicy Always; otherwise the kubelet says the image is present.
    if (c.containerID && !c.justPulled) {
      if (pullPolicyOf(slot.spec) === "Always") {
        ctx.events.record(pod, "Normal", "Pulling", `Pulling image "${image}"`, kubeletComponent, slot.fieldPath);
        const took = pullDurationMs(ref.ref) / 4;
        ctx.events.record(pod, "Normal", "Pulled", `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting). Image size: ${imageSizeBytes(ref.repository)} bytes.`, kubeletComponent, slot.fieldPath);
      } else {
        ctx.events.record(pod, "Normal", "Pulled", `Container image "${image}" already present on machine`, kubeletComponent, slot.fieldPath);
      }
    }
    startContainer(ctx, pod, sb, slot, c, now);
    return stepContainer(ctx, pod, sb, slot, now);
  }
  return undefined;
}

const phaseDone = (pod: K8sObject) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

function statusOf(c: KubeletContainer | undefined, slot: Slot, probing: boolean, lookup: (image: string) => ImageProfile | undefined): any {
  const spec = slot.spec;
  if (!c) return { name: spec.name, state: { waiting: { reason: slot.init ? "PodInitializing" : "ContainerCreating" } }, lastState: {}, ready: false, restartCount: 0, image: spec.image, imageID: "", started: false };
  const ref = parseImage(spec.image);
  const profile = lookup(spec.image);
  const digest = profile?.digest ?? stableDigest(ref.repository);
  const ran = !!c.containerID;
  const s: any = {
    name: spec.name,
    state: {},
    lastState: c.lastTerminated ? { terminated: { ...c.lastTerminated } } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: ran ? ref.ref : spec.image,
    imageID: ran ? `${ref.repository}@${digest.startsWith("sha256:") ? digest : `sha256:${digest}`}` : "",
  };
  if (ran) s.containerID = c.containerID;
  // The mounts as the runtime reports them (VolumeMountStatus, shown since v1.30).
  if (ran && spec.volumeMounts?.length)
    s.volumeMounts = (spec.volumeMounts as any[]).map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) }));
  s.started = c.state === "running" && isStarted(slot, c, probing);
  if (c.state === "running") s.state = { running: { startedAt: c.startedAtTime } };
  else if (c.state === "terminated" && c.terminated) s.state = { terminated: { ...c.terminated } };
  else {
    const waiting: any = { reason: c.waitingReason ?? "ContainerCreating" };
    if (c.waitingMessage && c.waitingReason !== "ContainerCreating" && c.waitingReason !== "PodInitializing") waiting.message = c.waitingMessage;
    s.state = { waiting };
  }
  if (!s.lastState.terminated) s.lastState = {};
  return s;
}

export function qosClassOf(pod: K8sObject): "Guaranteed" | "Burstable" | "BestEffort" {
  const cs = [...((pod.spec?.containers ?? []) as Spec[]), ...((pod.spec?.initContainers ?? []) as Spec[])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ["cpu", "memory"]) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** The pod phase from its containers, as kubelet_pods.go getPhase decides it. */
function phaseOf(pod: K8sObject, sb: PodSandbox, slots: Slot[]): string {
  const init = slots.filter((s) => s.init && !isSidecar(s));
  for (const s of init) {
    const c = sb.containers.get(s.spec.name);
    if (c?.state === "terminated" && c.terminated && c.terminated.exitCode !== 0 && pod.spec?.restartPolicy === "Never") return "Failed";
    if (!(c?.state === "terminated" && c.terminated?.exitCode === 0)) return "Pending";
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of slots.filter((x) => !x.init)) {
    const c = sb.containers.get(s.spec.name);
    if (c?.state === "running") running++;
    else if (c?.state === "terminated") {
      stopped++;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c?.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    const policy = pod.spec?.restartPolicy ?? "Always";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    return policy === "OnFailure" ? "Running" : "Failed";
  }
  return "Pending";
}

/** Writes status from the runtime table; a write that changes nothing leaves the pod untouched. */
function writeStatus(ctx: ControllerContext, pod: K8sObject, node: K8sObject, sb: PodSandbox): void {
  const slots = slotsOf(pod);
  const probing = !!ctx.probe;
  const now = rfc3339(ctx.clock.now());
  const old: Condition[] = pod.status?.conditions ?? [];
  const phase = phaseOf(pod, sb, slots);
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const prev = old.find((c) => c.type === type);
    const status = ok ? "True" : "False";
    const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : now };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  };
  const init = slots.filter((s) => s.init);
  const incompleteInit = init.filter((s) => {
    const c = sb.containers.get(s.spec.name);
    return isSidecar(s) ? !(c?.state === "running" && c.ready !== false) : !(c?.state === "terminated" && c.terminated?.exitCode === 0);
  });
  const main = slots.filter((s) => !s.init);
  const unready = [...main, ...init.filter(isSidecar)].filter((s) => !sb.containers.get(s.spec.name)?.ready).map((s) => s.spec.name as string);
  const completed = phase === "Succeeded" || phase === "Failed";
  const conditions: Condition[] = [
    cond("PodReadyToStartContainers", !!sb.podIP && !completed),
    cond("Initialized", completed ? true : !incompleteInit.length, "ContainersNotInitialized", `containers with incomplete status: [${incompleteInit.map((s) => s.spec.name).join(" ")}]`),
    cond("Ready", !unready.length && !completed, completed ? "PodCompleted" : "ContainersNotReady", completed ? undefined : `containers with unready status: [${unready.join(" ")}]`),
    cond("ContainersReady", !unready.length && !completed, completed ? "PodCompleted" : "ContainersNotReady", completed ? undefined : `containers with unready status: [${unready.join(" ")}]`),
  ];
  const scheduled = old.find((c) => c.type === "PodScheduled");
  conditions.push(scheduled && scheduled.status === "True" ? scheduled : { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: now });
  const hostIP = internalIP(node);
  const status: any = {
    ...(pod.status ?? {}),
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: sb.startTime,
    qosClass: pod.status?.qosClass ?? qosClassOf(pod),
  };
  delete status.reason;
  delete status.message;
  if (sb.podIP) {
    status.podIP = sb.podIP;
    status.podIPs = [{ ip: sb.podIP }];
  } else {
    delete status.podIP;
    delete status.podIPs;
  }
  const byName = (a: any, b: any) => String(a.name).localeCompare(String(b.name));
  status.containerStatuses = main.map((s) => statusOf(sb.containers.get(s.spec.name), s, probing, ctx.lookupImage)).sort(byName);
  if (init.length) status.initContainerStatuses = init.map((s) => statusOf(sb.containers.get(s.spec.name), s, probing, ctx.lookupImage));
  else delete status.initContainerStatuses;
  // Containers waiting behind init containers say PodInitializing, as the kubelet reports them.
  if (incompleteInit.length && !completed)
    for (const cs of status.containerStatuses) if (cs.state.waiting && !cs.containerID) cs.state = { waiting: { reason: "PodInitializing" } };
  ctx.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name!, (p) => {
    p.status = status;
  }, { subresource: "status" });
}

function ensureSandbox(ctx: ControllerContext, pod: K8sObject, now: number): PodSandbox {
  let sb = ctx.runtime.sandbox(pod.metadata.uid!);
  if (!sb) {
    sb = {
      uid: pod.metadata.uid!,
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name!,
      nodeName: pod.spec.nodeName,
      createdAt: now,
      hostNetwork: !!pod.spec?.hostNetwork,
      startTime: rfc3339(ctx.clock.now()),
      containers: new Map(),
    };
    ctx.runtime.sandboxes.set(sb.uid, sb);
  }
  return sb;
}

/** Graceful deletion: SIGTERM now (Killing events), the pod object goes once every container has stopped. */
function stepDeletion(ctx: ControllerContext, pod: K8sObject, node: K8sObject | undefined, sb: PodSandbox | undefined, now: number): number | undefined {
  const running = sb ? [...sb.containers.values()].filter((c) => c.state === "running") : [];
  if (!sb || !node || !running.length || phaseDone(pod) || (pod.metadata.deletionGracePeriodSeconds ?? 30) === 0) {
    finishDeletion(ctx, pod, sb);
    return undefined;
  }
  if (sb.stopAt === undefined) {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    let longest = 0;
    for (const slot of slotsOf(pod)) {
      const c = sb.containers.get(slot.spec.name);
      if (c?.state !== "running") continue;
      // Still Ready while it stops (EndpointSlices show it serving and terminating), as upstream.
      c.stopping = true;
      // preStop runs first (within the grace period), then SIGTERM; SIGKILL at the end of the grace period.
      const stop = preStopMs(slot.spec) + (ignoresSigterm(slot.spec) ? grace : quickStopMs);
      longest = Math.max(longest, Math.min(grace, stop));
      ctx.events.record(pod, "Normal", "Killing", `Stopping container ${slot.spec.name}`, kubeletComponent, slot.fieldPath);
    }
    sb.stopAt = now + longest;
    writeStatus(ctx, pod, node, sb);
  }
  if (now < sb.stopAt) return sb.stopAt - now;
  finishDeletion(ctx, pod, sb);
  return undefined;
}

function finishDeletion(ctx: ControllerContext, pod: K8sObject, sb: PodSandbox | undefined): void {
  if (sb) ctx.runtime.removeSandbox(sb.uid);
  const cur = ctx.store.get(R.pods, pod.metadata.namespace, pod.metadata.name!);
  if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
  // Finalizers keep the object (the garbage collector or a user removes them); the kubelet is done either way.
  if (cur.metadata.finalizers?.length) return;
  ctx.store.remove(R.pods, cur.metadata.namespace, cur.metadata.name!);
}

export function reconcileKubelet(ctx: ControllerContext, key: string): number | void {
  const [ns, name] = splitKey(key);
  const pod = ctx.store.get(R.pods, ns, name);
  // Forget sandboxes of pods that are gone (or replaced by a new pod of the same name).
  for (const sb of [...ctx.runtime.sandboxes.values()])
    if (sb.namespace === ns && sb.name === name && sb.uid !== pod?.metadata.uid) ctx.runtime.removeSandbox(sb.uid);
  if (!pod || !pod.spec?.nodeName) {
    // An unscheduled pod being deleted has no kubelet to wait for: it goes at once.
    if (pod?.metadata.deletionTimestamp && !pod.metadata.finalizers?.length) ctx.store.remove(R.pods, ns, name);
    return;
  }
  const now = ctx.ms();
  const node = ctx.store.get(R.nodes, undefined, pod.spec.nodeName);
  const existing = ctx.runtime.sandbox(pod.metadata.uid!);
  if (pod.metadata.deletionTimestamp) return stepDeletion(ctx, pod, node, existing, now);
  // A pod bound to a node that does not exist (deleted, or never there) is removed by the pod
  // garbage collector (pkg/controller/podgc, "orphaned" pods).
  if (!node) {
    if (existing) ctx.runtime.removeSandbox(existing.uid);
    if (!pod.metadata.finalizers?.length) ctx.store.remove(R.pods, ns, name);
    return;
  }
  if (phaseDone(pod) && !existing) return;
  const sb = ensureSandbox(ctx, pod, now);
  let next: number | undefined;
  const wake = (ms: number | undefined) => {
    if (ms !== undefined) next = Math.min(next ?? Infinity, Math.max(0, ms));
  };
  if (!sb.podIP) {
    if (now >= sb.createdAt + sandboxDelayMs) sb.podIP = allocatePodIP(ctx, node, sb);
    else wake(sb.createdAt + sandboxDelayMs - now);
  }
  if (sb.podIP) {
    const slots = slotsOf(pod);
    // Init containers run one after another, each to completion, before any app container.
    let initDone = true;
    for (const slot of slots.filter((s) => s.init)) {
      wake(stepContainer(ctx, pod, sb, slot, now));
      const c = sb.containers.get(slot.spec.name)!;
      const done = isSidecar(slot) ? c.state === "running" : c.state === "terminated" && c.terminated?.exitCode === 0;
      if (!done) {
        initDone = false;
        break;
      }
    }
    if (initDone) for (const slot of slots.filter((s) => !s.init)) wake(stepContainer(ctx, pod, sb, slot, now));
    else for (const slot of slots.filter((s) => !s.init)) if (!sb.containers.has(slot.spec.name)) sb.containers.set(slot.spec.name, newContainer(sb.uid, slot.spec.name, slot.spec.image));
  }
  // Re-read: events recorded above do not change the pod, but keep the latest resourceVersion anyway.
  const live = ctx.store.get(R.pods, ns, name)!;
  writeStatus(ctx, live, node, sb);
  const after = ctx.store.get(R.pods, ns, name);
  if (after && phaseDone(after)) {
    // Finished pods keep their status; their containers no longer run.
    for (const c of sb.containers.values()) {
      c.process?.stop?.();
      c.process = undefined;
    }
  }
  return next;
}

/**
 * Starts a pod's containers at once, with no events: for the pods a fresh kind cluster already
 * runs when the sandbox is created (kube-system, the ingress-nginx addon).
 */
export function startInstantly(ctx: ControllerContext, pod: K8sObject, podIP?: string): void {
  const node = ctx.store.mustGet(R.nodes, undefined, pod.spec.nodeName);
  const now = ctx.ms();
  const sb = ensureSandbox(ctx, pod, now);
  sb.podIP = podIP ?? allocatePodIP(ctx, node, sb);
  for (const slot of slotsOf(pod)) {
    const c = newContainer(sb.uid, slot.spec.name, slot.spec.image);
    sb.containers.set(slot.spec.name, c);
    ctx.runtime.addImage(sb.nodeName, parseImage(slot.spec.image).ref);
    c.pulled = true;
    const profile = ctx.lookupImage(slot.spec.image);
    c.containerID = newContainerID();
    c.profile = profile;
    c.state = "running";
    c.startedAt = now;
    c.startedAtTime = rfc3339(ctx.clock.now());
    const log = (line: string) => ctx.runtime.log(sb.uid, slot.spec.name, line);
    c.process = profile
      ? profile.start({ pod, container: slot.spec, clock: ctx.clock, log, hostname: pod.metadata.name!, podIP: sb.podIP, cluster: ctx.cluster })
      : processFromPorts(slot.spec);
    for (const line of c.process.startupLogs) log(line);
    watchEnd(ctx, pod, c);
    c.ready = true;
    c.readiness.successes = 1;
    c.readiness.lastResult = true;
    c.startup.lastResult = true;
  }
  writeStatus(ctx, ctx.store.mustGet(R.pods, pod.metadata.namespace, pod.metadata.name!), node, sb);
}

export const kubelet: Controller = {
  name: "kubelet",
  keysFor(e, ctx) {
    if (e.ref.group === "" && e.ref.resource === "pods") return e.object.spec?.nodeName || e.type === "DELETED" || e.object.metadata.deletionTimestamp ? [keyOf(e.object)] : [];
    if (e.ref.group === "" && e.ref.resource === "nodes" && e.type === "DELETED")
      return ctx.store
        .list(R.pods)
        .filter((p) => p.spec?.nodeName === e.object.metadata.name)
        .map(keyOf);
    return [];
  },
  allKeys(ctx) {
    return ctx.store
      .list(R.pods)
      .filter((p) => p.spec?.nodeName)
      .map(keyOf);
  },
  reconcile: reconcileKubelet,
};
