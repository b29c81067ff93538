// One interface for every place a learner's cluster can come from. Everything downstream (the
// terminal, the grader, lab setup) only ever receives a kubeconfig path, so a lab behaves the same
// on kind and on the embedded sandbox.

export type BackendName = "kind" | "sandbox";

/** Extra pieces a lab needs from its cluster (lab.yaml `needs`). */
export type Addon = "ingress-nginx";

/** The named provisioning steps; their names are what the progress bar shows. */
export type ProvisionStep = "queued" | "creating cluster" | "waiting for API" | "preparing lab" | "ready";

export interface ClusterHandle {
  /** The backend's own name for the cluster (kind cluster name, sandbox id). */
  name: string;
  backend: BackendName;
  kubeconfigPath: string;
  /** What the learner is shown about the cluster, e.g. "kind v0.27.0, node image kindest/node:v1.32.2". */
  description: string;
}

export interface CreateOptions {
  /** Unique id for the cluster (a lab session id); backends derive names from it. */
  id: string;
  /** Where to write the kubeconfig (mode 0600). */
  kubeconfigPath: string;
  addons: Addon[];
  onStep?(step: ProvisionStep, detail?: string): void;
  signal?: AbortSignal;
}

export interface Availability {
  ok: boolean;
  /** When not ok: what is missing, in words an operator can act on. */
  reason?: string;
}

export interface ClusterBackend {
  readonly name: BackendName;
  available(): Promise<Availability>;
  /** The name `create` will give the cluster for this id. */
  clusterName(id: string): string;
  create(opts: CreateOptions): Promise<ClusterHandle>;
  delete(name: string): Promise<void>;
  /** Names of every cluster this platform made on this backend (for the reaper). */
  list(): Promise<string[]>;
}

export class BackendError extends Error {
  constructor(
    message: string,
    /** Shown to the learner: what happened and what to do. */
    readonly learnerMessage = message,
  ) {
    super(message);
  }
}
