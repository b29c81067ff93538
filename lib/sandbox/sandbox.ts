// Composes one sandbox cluster from its parts (the seams in helpers/SEAMS.md): the object store
// with each kind's strategy and the sandbox's quota admission, the kind registry, the clock, the
// event recorder, the container runtime, the simulated network, the seed objects of a fresh
// 3-node kind cluster, and the controllers that make it behave.
import { randomBytes } from "node:crypto";
import { createClock, type Clock } from "./clock";
import type { Cluster } from "./cluster";
import { createEventRecorder } from "./controllers/events";
import { seedCluster, startControllers } from "./controllers";
import { kindRegistry, strategyFor } from "./kinds";
import { createNetwork } from "./network";
import { createRuntime } from "./runtime/runtime";
import { Store } from "./store/store";
import { DEFAULT_QUOTAS, type Quotas } from "./api/context";
import { quotaAdmission } from "./api/limits";

export type Addon = "ingress-nginx";

export interface CreateClusterOptions {
  id?: string;
  clock?: Clock;
  addons?: Addon[];
  /** Object quotas (pods, objects) enforced on every create; defaults to DEFAULT_QUOTAS. */
  quotas?: Partial<Quotas>;
  /** PEM of the CA kubectl trusts (the API server's), published in each namespace's kube-root-ca.crt. */
  caCert?: string;
}

/** "sandbox-" and 8 hex characters: short enough for a kubeconfig context name. */
export const newSandboxId = (): string => `sandbox-${randomBytes(4).toString("hex")}`;

export function createCluster(opts: CreateClusterOptions = {}): Cluster {
  const clock = opts.clock ?? createClock();
  const quotas = { ...DEFAULT_QUOTAS, ...opts.quotas };
  // Quotas apply from the moment the cluster is handed out: the seed itself is never refused.
  const quota = quotaAdmission(quotas);
  let admitting = false;
  const store = new Store({ strategyFor, now: () => clock.now(), admit: (ref, obj, s) => admitting && quota(ref, obj, s) });
  let closed = false;
  const cluster = {
    id: opts.id ?? newSandboxId(),
    store,
    clock,
    kinds: kindRegistry,
    runtime: createRuntime(),
    events: createEventRecorder(store, clock),
    network: undefined as unknown as Cluster["network"],
    close() {
      if (closed) return;
      closed = true;
      stop();
    },
  };
  // The network reads the cluster (store, runtime) at call time, so it is made once the rest exists.
  cluster.network = createNetwork(cluster);
  seedCluster(cluster, { addons: opts.addons, caCert: opts.caCert });
  admitting = true;
  // close() only runs after this line: the controllers are started before the cluster is handed out.
  const stop = startControllers(cluster);
  return cluster;
}
