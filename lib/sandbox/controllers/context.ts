// One ControllerContext per cluster: what the controllers, the seed and the kubelet share (the
// cluster's store, clock, events and runtime table, the image catalogue, the prober, the
// cluster CA for kube-root-ca.crt, the addons). seedCluster and startControllers both use it.
import type { Cluster } from "../cluster";
import type { ImageProfile } from "../images/types";
import { RuntimeTable } from "../runtime/runtime";
import type { ControllerContext, ProbeRunner } from "./loop";
import { clusterCA } from "./ca";

export interface ContextDeps {
  lookupImage(image: string): ImageProfile | undefined;
  probe?: (cluster: Cluster, pod: any, container: string, probe: any) => Promise<unknown>;
}

const contexts = new WeakMap<Cluster, ControllerContext>();
/** The API server's CA per cluster, when it handed one (otherwise the process-wide generated one). */
const caOverrides = new WeakMap<ControllerContext, string>();

export function contextFor(cluster: Cluster, deps: ContextDeps): ControllerContext {
  const known = contexts.get(cluster);
  if (known) return known;
  if (!(cluster.runtime instanceof RuntimeTable)) throw new Error("sandbox controllers need the runtime from runtime/runtime.ts createRuntime()");
  const origin = performance.now();
  const probe = deps.probe;
  const ctx: ControllerContext = {
    store: cluster.store,
    clock: cluster.clock,
    events: cluster.events,
    runtime: cluster.runtime,
    cluster,
    ms: () => (performance.now() - origin) * cluster.clock.scale,
    lookupImage: deps.lookupImage,
    probe: probe ? ((pod, container, p) => probe(cluster, pod, container, p) as ReturnType<ProbeRunner>) : undefined,
    enqueue: () => {},
    caCert: () => caOverrides.get(ctx) ?? clusterCA.pem,
    addons: [],
  };
  contexts.set(cluster, ctx);
  return ctx;
}

/** Publishes the API server's own CA in kube-root-ca.crt (what pods would verify the API against). */
export function setClusterCA(ctx: ControllerContext, pem: string): void {
  caOverrides.set(ctx, pem);
}
