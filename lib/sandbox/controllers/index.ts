// The sandbox cluster's control plane apart from the API server: seedCluster fills a new cluster
// with what a fresh kind cluster holds, startControllers runs the scheduler, the kubelets and the
// controllers (deployment, replicaset, daemonset, garbage collector, namespace, endpoints,
// endpointslice, load balancer, ingress status) against its store until the returned stop is called.
import type { Cluster } from "../cluster";
import { catalogue } from "./catalogue";
import { ensureClusterCA } from "./ca";
import { contextFor, setClusterCA } from "./context";
import { ControllerLoop } from "./loop";
import { controllers } from "./registry";
import { seed, type Addon } from "./seed";

export { createEventRecorder } from "./events";
export { createRuntime } from "../runtime/runtime";
export type { Addon } from "./seed";

export interface SeedOptions {
  addons?: Addon[];
  /** PEM of the CA kubectl trusts (the API server's); published as kube-root-ca.crt. A generated one otherwise. */
  caCert?: string;
}

export function seedCluster(cluster: Cluster, opts: SeedOptions = {}): void {
  const ctx = contextFor(cluster, catalogue);
  if (opts.caCert) setClusterCA(ctx, opts.caCert);
  else void ensureClusterCA();
  ctx.addons = opts.addons ?? [];
  seed(ctx, ctx.addons as Addon[]);
}

export function startControllers(cluster: Cluster): () => void {
  const ctx = contextFor(cluster, catalogue);
  if (!ctx.caCert()) void ensureClusterCA();
  const loop = new ControllerLoop(ctx, controllers);
  loop.start();
  return () => {
    loop.stop();
    // The simulated processes (a script's loop, a sleep) hold timers: a closed cluster kills them all.
    for (const uid of [...ctx.runtime.sandboxes.keys()]) ctx.runtime.removeSandbox(uid);
  };
}
