// Pod (core/v1): defaults and admission on create (pkg/registry/core/pod/strategy.go plus the
// ServiceAccount, Priority and DefaultTolerationSeconds admission plugins), the fixed-spec rule on
// update, and the printPod table.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, col, defineKind, nameColumn, ageColumn, prepareUpdateCommon } from "./common";
import { typeMetaProps } from "./meta";
import { POD_SPEC, POD_STATUS, CORE, podSchemas } from "./podspec";
import { admitPod, defaultPodSpec, podQOS, podRow, validatePodObject, validatePodSpec, validatePodUpdate } from "./podrules";
import { obj, ref } from "./schema";
import { validateObjectMeta } from "./meta";

const POD = `${CORE}.Pod`;

export const pod = defineKind({
  group: "",
  version: "v1",
  kind: "Pod",
  plural: "pods",
  singular: "pod",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  verbs: STANDARD_VERBS,
  subresources: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "status"],
  rootSchema: POD,
  library: {
    ...podSchemas,
    [POD]: obj("A group of containers that share a network namespace and volumes and are scheduled together onto one node.", {
      ...typeMetaProps(),
      spec: ref(POD_SPEC, "Desired state of the pod.", { default: {} }),
      status: ref(POD_STATUS, "Observed state of the pod, written by the system. Read-only.", { default: {} }),
    }),
  },
  columns: [
    nameColumn,
    col("Ready", "Containers ready out of all containers."),
    col("Status", "Phase of the pod, or the reason a container is waiting or terminated."),
    col("Restarts", "Container restarts, with the time since the last one."),
    ageColumn,
    col("IP", "IP address of the pod.", 1),
    col("Node", "Node the pod is scheduled to.", 1),
    col("Nominated Node", "Node the pod will run on once preemption finishes.", 1),
    col("Readiness Gates", "Readiness gates that are True out of all gates.", 1),
  ],
  row: podRow,
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
    o.spec ??= {};
    defaultPodSpec(o.spec);
    admitPod(o);
    o.status = { phase: "Pending", qosClass: podQOS(o.spec) };
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _store, { subresource }) {
    if (subresource !== "status" && o.spec) {
      defaultPodSpec(o.spec);
      for (const k of ["serviceAccountName", "serviceAccount", "priority", "preemptionPolicy"]) if (o.spec[k] === undefined && old.spec?.[k] !== undefined) o.spec[k] = old.spec[k];
    }
    prepareUpdateCommon(o, old, { status: true }, subresource);
  },
  validate(o: K8sObject, old?: K8sObject) {
    if (!old) return validatePodObject(o);
    return [...validateObjectMeta(o, true), ...validatePodSpec(o.spec, "spec"), ...validatePodUpdate(o, old)];
  },
});
