// The kind registry: every kind the sandbox serves, in one table that discovery, OpenAPI, Table
// printing, validation and the store's strategies all read. Adding a kind = one file + one line here.
//
// Seams for other parts:
// - `new Store({ strategyFor })`: create/update run each kind's defaults, allocation and
//   bookkeeping (generation, status kept on main-resource writes).
// - Controllers that write status MUST pass `{ subresource: "status" }` to store.update/mutate:
//   a main-resource write keeps the stored status, as the API server does.
// - `def.validate(obj, old?)` is safe to call before or after the strategy ran (it tolerates
//   fields the defaults would fill); the API calls it on every create/update it receives.
import type { KindRegistry } from "../cluster";
import type { ResourceRef } from "../types";
import type { Strategy } from "../store/store";
import type { KindDef } from "./types";
import { configmap } from "./configmap";
import { cronjob } from "./cronjob";
import { daemonset } from "./daemonset";
import { deployment } from "./deployment";
import { endpoints } from "./endpoints";
import { endpointslice } from "./endpointslice";
import { event } from "./event";
import { horizontalpodautoscaler } from "./horizontalpodautoscaler";
import { ingress } from "./ingress";
import { ingressclass } from "./ingressclass";
import { job } from "./job";
import { lease } from "./lease";
import { namespace } from "./namespace";
import { networkpolicy } from "./networkpolicy";
import { node } from "./node";
import { pod } from "./pod";
import { replicaset } from "./replicaset";
import { replicationcontroller } from "./replicationcontroller";
import { secret } from "./secret";
import { selfsubjectaccessreview } from "./selfsubjectaccessreview";
import { selfsubjectreview } from "./selfsubjectreview";
import { selfsubjectrulesreview } from "./selfsubjectrulesreview";
import { service } from "./service";
import { serviceaccount } from "./serviceaccount";
import { statefulset } from "./statefulset";

/** Every served kind, grouped by group-version in the order discovery lists the groups. */
export const allKinds: KindDef[] = [
  // core/v1
  configmap, endpoints, event, namespace, node, pod, replicationcontroller, secret, serviceaccount, service,
  // apps/v1
  daemonset, deployment, replicaset, statefulset,
  // authentication.k8s.io/v1
  selfsubjectreview,
  // authorization.k8s.io/v1
  selfsubjectaccessreview, selfsubjectrulesreview,
  // autoscaling/v2
  horizontalpodautoscaler,
  // batch/v1
  cronjob, job,
  // coordination.k8s.io/v1
  lease,
  // discovery.k8s.io/v1
  endpointslice,
  // networking.k8s.io/v1
  ingressclass, ingress, networkpolicy,
];

export function createKindRegistry(defs: KindDef[]): KindRegistry {
  const byRef = new Map<string, KindDef>();
  const byGK = new Map<string, KindDef>();
  for (const d of defs) {
    byRef.set(`${d.plural}.${d.group}`, d);
    byGK.set(`${d.kind}.${d.group}`, d);
  }
  return {
    all: () => defs,
    byResource: (ref: ResourceRef) => byRef.get(`${ref.resource}.${ref.group}`),
    byKind: (group: string, kind: string) => byGK.get(`${kind}.${group}`),
    refOf: (def: KindDef) => ({ group: def.group, resource: def.plural }),
  };
}

export const kindRegistry: KindRegistry = createKindRegistry(allKinds);

/** The store's per-resource write rules (`new Store({ strategyFor })`). */
export function strategyFor(ref: ResourceRef): Strategy | undefined {
  return kindRegistry.byResource(ref);
}
