// Every controller of the sandbox, in the order a first pass runs them (any order converges to
// the same store: each is a reconcile function of the store).
import { daemonSetController } from "./daemonset";
import { deploymentController } from "./deployment";
import { endpointsController } from "./endpoints";
import { endpointSliceController } from "./endpointslice";
import { garbageCollector } from "./gc";
import { kubelet } from "./kubelet";
import { ingressStatusController, loadBalancerController } from "./loadbalancer";
import { jobController } from "./job";
import { statefulSetController } from "./statefulset";
import type { Controller } from "./loop";
import { namespaceController } from "./namespace";
import { nodeController } from "./node";
import { replicaSetController } from "./replicaset";
import { scheduler } from "./scheduler";

export const controllers: Controller[] = [
  namespaceController,
  nodeController,
  scheduler,
  kubelet,
  deploymentController,
  replicaSetController,
  daemonSetController,
  jobController,
  statefulSetController,
  garbageCollector,
  endpointsController,
  endpointSliceController,
  loadBalancerController,
  ingressStatusController,
];
