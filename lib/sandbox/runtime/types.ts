// Container state the simulated kubelet keeps for each pod: the running process (from its image
// profile), restarts, readiness, and the log buffer `kubectl logs` reads. The kubelet
// (controllers/kubelet.ts) owns it; the network reads listeners from it, exec reads tools from it.
import type { ContainerProcess, ImageProfile } from "../images/types";

export interface ContainerRuntimeState {
  podUid: string;
  name: string;
  image: string;
  profile?: ImageProfile;
  /** The current process; undefined while waiting (pulling, crash back-off) or after it ended. */
  process?: ContainerProcess;
  restartCount: number;
  ready: boolean;
  /** Log lines of the current run, each already ending without a newline. */
  logs: string[];
  /** Log lines of the previous run (`kubectl logs --previous`). */
  previousLogs: string[];
  /** Sandbox-time ms at which the current process started (for probe initialDelaySeconds). */
  startedAt?: number;
  /** Subscribers for `kubectl logs -f`. */
  followers: Set<(line: string) => void>;
}

export interface Runtime {
  container(podUid: string, name: string): ContainerRuntimeState | undefined;
  containers(podUid: string): ContainerRuntimeState[];
  /** Appends a log line and tells followers. */
  log(podUid: string, container: string, line: string): void;
}
