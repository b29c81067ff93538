// ReplicaSet (apps/v1): keeps a number of pods from its template running. Defaults, validation
// (selector matches template labels, immutable selector), scale access, and printReplicaSet.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age, containersAndImages } from "./format";
import { LABEL_SELECTOR, TIME, formatLabelSelector, typeMetaProps, validateObjectMeta } from "./meta";
import { POD_TEMPLATE_SPEC, podSchemas } from "./podspec";
import { defaultPodSpec, validatePodTemplate } from "./podrules";
import { int32, int64, mergeBy, obj, ref, refList, str } from "./schema";
import type { Schema } from "./types";
import { notSupported, required } from "./validation";
import { replicasScale, selectorImmutable, validateReplicas, validateSelectorAndTemplate } from "./workload";

const APPS = "io.k8s.api.apps.v1";
const RS = `${APPS}.ReplicaSet`;

const library: Record<string, Schema> = {
  ...podSchemas,
  [`${APPS}.ReplicaSetSpec`]: obj(
    "Desired state of a ReplicaSet.",
    {
      minReadySeconds: int32("Seconds a new pod must be ready before it counts as available."),
      replicas: int32("Desired number of pods. Default 1."),
      selector: ref(LABEL_SELECTOR, "Label selector for the pods the ReplicaSet counts. Must match the template's labels."),
      template: ref(POD_TEMPLATE_SPEC, "The pods created when too few exist."),
    },
    ["selector"],
  ),
  [`${APPS}.ReplicaSetCondition`]: obj(
    "One aspect of a ReplicaSet's state.",
    {
      lastTransitionTime: ref(TIME, "When the status last changed."),
      message: str("Human-readable details."),
      reason: str("CamelCase reason."),
      status: str("True, False or Unknown."),
      type: str("Condition type, e.g. ReplicaFailure."),
    },
    ["type", "status"],
  ),
  [`${APPS}.ReplicaSetStatus`]: obj(
    "Observed state of a ReplicaSet.",
    {
      availableReplicas: int32("Pods ready for at least minReadySeconds."),
      conditions: refList(`${APPS}.ReplicaSetCondition`, "Current conditions.", mergeBy("type", ["type"])),
      fullyLabeledReplicas: int32("Pods whose labels match the template's labels."),
      observedGeneration: int64("metadata.generation the controller last acted on."),
      readyReplicas: int32("Pods whose Ready condition is true."),
      replicas: int32("Pods currently owned."),
      terminatingReplicas: int32("Pods being deleted."),
    },
    ["replicas"],
  ),
  [RS]: obj("Keeps a stable number of identical pods running. Usually managed by a Deployment.", {
    ...typeMetaProps(),
    spec: ref(`${APPS}.ReplicaSetSpec`, "Desired state of the ReplicaSet.", { default: {} }),
    status: ref(`${APPS}.ReplicaSetStatus`, "Observed state of the ReplicaSet. Read-only.", { default: {} }),
  }),
};

export function defaultReplicaSet(o: K8sObject): void {
  const spec = (o.spec ??= {});
  spec.replicas ??= 1;
  if (spec.template) {
    spec.template.metadata ??= {};
    if (spec.template.metadata.creationTimestamp === undefined) spec.template.metadata.creationTimestamp = null;
    defaultPodSpec((spec.template.spec ??= {}));
  }
}

export function validateReplicaSet(o: K8sObject, old?: K8sObject) {
  const spec = o.spec ?? {};
  const errs = [...validateObjectMeta(o, true), ...validateReplicas(spec), ...validateSelectorAndTemplate(spec, "deployment")];
  if (!spec.template) errs.push(required("spec.template"));
  else {
    errs.push(...validatePodTemplate(spec.template, "spec.template"));
    const rp = spec.template.spec?.restartPolicy;
    if (rp !== undefined && rp !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", rp, ["Always"]));
  }
  if (old) errs.push(...selectorImmutable(o, old));
  return errs;
}

export const replicaset = defineKind({
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  plural: "replicasets",
  singular: "replicaset",
  namespaced: true,
  shortNames: ["rs"],
  categories: ["all"],
  verbs: STANDARD_VERBS,
  subresources: ["scale", "status"],
  rootSchema: RS,
  library,
  columns: [
    nameColumn,
    col("Desired", "Desired number of pods.", 0, "integer"),
    col("Current", "Pods currently owned.", 0, "integer"),
    col("Ready", "Pods that are ready.", 0, "integer"),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector for the ReplicaSet's pods.", 1),
  ],
  row(o: K8sObject, now: Date) {
    const [containers, images] = containersAndImages(o.spec?.template?.spec);
    return [
      o.metadata.name,
      o.spec?.replicas ?? 0,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      age(o, now),
      containers,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
  scale: replicasScale,
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
    defaultReplicaSet(o);
    o.status = { replicas: 0 };
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    if (subresource !== "status") defaultReplicaSet(o);
    prepareUpdateCommon(o, old, { status: true, generation: true }, subresource);
  },
  validate: validateReplicaSet,
});
