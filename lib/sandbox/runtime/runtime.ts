// The container runtime of one sandbox cluster (what containerd is on a kind node): for every pod
// the kubelet runs, a sandbox (pod IP, start time) and per container its state, restarts, current
// process and log buffers. The kubelet (controllers/kubelet.ts) is the only writer; the network
// reads listeners, exec reads tools, the API's log endpoint reads and follows logs.
import type { ContainerRuntimeState, Runtime } from "./types";

/** The kubelet's bookkeeping for one container, beyond what the Runtime contract exposes. */
export interface KubeletContainer extends ContainerRuntimeState {
  /** containerd://<64 hex> of the current (or last) run. */
  containerID?: string;
  /** What the container is doing right now, as containerStatuses[].state says it. */
  state: "waiting" | "running" | "terminated";
  waitingReason?: string;
  waitingMessage?: string;
  /** Sandbox ms at which the next step (pull done, back-off over, stop done) happens. */
  nextAt?: number;
  /** Wall-clock RFC 3339 times shown in containerStatuses. */
  startedAtTime?: string;
  /** Sandbox ms at which the current run ended. */
  finishedMs?: number;
  terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string; containerID?: string; message?: string };
  lastTerminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string; containerID?: string; message?: string };
  /** Image pull bookkeeping. */
  pulled: boolean;
  /** The image was pulled (or found present) for the next start, which follows after a short create step. */
  justPulled?: boolean;
  pullStarted?: number;
  pullFailures: number;
  /** Consecutive crashes, for the CrashLoopBackOff back-off (10s, 20s, 40s ... 5m). */
  crashes: number;
  /** Probe bookkeeping: consecutive results and whether a probe is in flight. */
  readiness: ProbeState;
  liveness: ProbeState;
  startup: ProbeState;
  /** True once the kubelet sent SIGTERM (graceful deletion or liveness kill). */
  stopping?: boolean;
  /** How the current process ended by itself, when only running it could tell (ContainerProcess.done). */
  ended?: { code: number; reason?: string; message?: string };
}

export interface ProbeState {
  successes: number;
  failures: number;
  inFlight: boolean;
  /** Sandbox ms of the last run. */
  lastRun?: number;
  /** Whether the last result was a success (undefined before the first run). */
  lastResult?: boolean;
}

/** One pod's sandbox (the pause container and its network namespace). */
export interface PodSandbox {
  uid: string;
  namespace: string;
  name: string;
  nodeName: string;
  /** Sandbox ms at which the kubelet first saw the pod. */
  createdAt: number;
  /** Assigned when the network sandbox is ready. */
  podIP?: string;
  hostNetwork: boolean;
  /** Pod-level wall time shown as status.startTime. */
  startTime: string;
  /** Graceful deletion: sandbox ms at which the containers have stopped. */
  stopAt?: number;
  containers: Map<string, KubeletContainer>;
}

/** Lines kept per container and run; older ones are dropped, as log rotation would. */
const maxLogLines = 5000;

export class RuntimeTable implements Runtime {
  readonly sandboxes = new Map<string, PodSandbox>();
  /** Images present on each node (pulled or preloaded), by normalized reference. */
  readonly nodeImages = new Map<string, Set<string>>();
  /** Next pod IP host part per node (host-local IPAM hands addresses out in order). */
  readonly nextHost = new Map<string, number>();

  container(podUid: string, name: string): KubeletContainer | undefined {
    return this.sandboxes.get(podUid)?.containers.get(name);
  }

  containers(podUid: string): KubeletContainer[] {
    return [...(this.sandboxes.get(podUid)?.containers.values() ?? [])];
  }

  log(podUid: string, container: string, line: string): void {
    const c = this.container(podUid, container);
    if (!c) return;
    c.logs.push(line);
    if (c.logs.length > maxLogLines) c.logs.splice(0, c.logs.length - maxLogLines);
    for (const f of [...c.followers]) {
      try {
        f(line);
      } catch {
        c.followers.delete(f);
      }
    }
  }

  sandbox(podUid: string): PodSandbox | undefined {
    return this.sandboxes.get(podUid);
  }

  /** Forgets a pod: its processes are killed, its containers stop being reachable and `kubectl logs` has nothing more. */
  removeSandbox(podUid: string): void {
    const sb = this.sandboxes.get(podUid);
    if (!sb) return;
    this.sandboxes.delete(podUid);
    for (const c of sb.containers.values()) {
      try {
        c.process?.stop?.();
      } catch {
        // A process that fails to stop is gone anyway: nothing references it any more.
      }
      c.process = undefined;
      c.followers.clear();
    }
  }

  hasImage(node: string, image: string): boolean {
    return this.nodeImages.get(node)?.has(image) ?? false;
  }

  addImage(node: string, image: string): void {
    let s = this.nodeImages.get(node);
    if (!s) this.nodeImages.set(node, (s = new Set()));
    s.add(image);
  }
}

export const newProbeState = (): ProbeState => ({ successes: 0, failures: 0, inFlight: false });

export function newContainer(podUid: string, name: string, image: string): KubeletContainer {
  return {
    podUid,
    name,
    image,
    restartCount: 0,
    ready: false,
    logs: [],
    previousLogs: [],
    followers: new Set(),
    state: "waiting",
    waitingReason: "ContainerCreating",
    pulled: false,
    pullFailures: 0,
    crashes: 0,
    readiness: newProbeState(),
    liveness: newProbeState(),
    startup: newProbeState(),
  };
}

export function createRuntime(): RuntimeTable {
  return new RuntimeTable();
}
