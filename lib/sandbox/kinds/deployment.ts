// Deployment (apps/v1): defaults (SetDefaults_Deployment), ValidateDeployment/ValidateDeploymentUpdate
// wording (selector must match template labels and is immutable), generation bump on spec
// change, scale access, and printDeployment.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age, containersAndImages } from "./format";
import { INT_OR_STRING, LABEL_SELECTOR, TIME, formatLabelSelector, typeMetaProps, validateObjectMeta } from "./meta";
import { POD_TEMPLATE_SPEC, podSchemas } from "./podspec";
import { defaultPodSpec, validatePodTemplate } from "./podrules";
import { bool, enumStr, int32, mergeBy, obj, ref, refList, str } from "./schema";
import type { Schema } from "./types";
import { forbiddenField, invalidValue, notSupported } from "./validation";
import { replicasScale, selectorImmutable, validateReplicas, validateSelectorAndTemplate } from "./workload";

const APPS = "io.k8s.api.apps.v1";
const DEPLOY = `${APPS}.Deployment`;

const library: Record<string, Schema> = {
  ...podSchemas,
  [`${APPS}.RollingUpdateDeployment`]: obj("Limits of a rolling update.", {
    maxSurge: ref(INT_OR_STRING, "How many pods (number or percentage of replicas) may exist above the desired count during the update. Default 25%."),
    maxUnavailable: ref(INT_OR_STRING, "How many pods (number or percentage) may be unavailable during the update. Default 25%."),
  }),
  [`${APPS}.DeploymentStrategy`]: obj("How old pods are replaced by new ones.", {
    rollingUpdate: ref(`${APPS}.RollingUpdateDeployment`, "Settings of the RollingUpdate strategy."),
    type: enumStr("RollingUpdate (default) or Recreate (delete all old pods before creating new ones).", ["Recreate", "RollingUpdate"]),
  }),
  [`${APPS}.DeploymentSpec`]: obj(
    "Desired state of a Deployment.",
    {
      minReadySeconds: int32("Seconds a new pod must be ready before it counts as available. Default 0."),
      paused: bool("Pauses rollouts: template changes are not rolled out while true."),
      progressDeadlineSeconds: int32("Seconds a rollout may make no progress before it is reported as failed (ProgressDeadlineExceeded). Default 600."),
      replicas: int32("Desired number of pods. Default 1."),
      revisionHistoryLimit: int32("How many old ReplicaSets to keep for rollbacks. Default 10."),
      selector: ref(LABEL_SELECTOR, "Label selector for the pods the Deployment manages. Must match the template's labels; cannot change after creation."),
      strategy: ref(`${APPS}.DeploymentStrategy`, "How pods are replaced when the template changes.", { "x-kubernetes-patch-strategy": "retainKeys" }),
      template: ref(POD_TEMPLATE_SPEC, "The pods to run. Changing it starts a rollout."),
    },
    ["selector", "template"],
  ),
  [`${APPS}.DeploymentCondition`]: obj(
    "One aspect of a Deployment's state.",
    {
      lastTransitionTime: ref(TIME, "When the status last changed."),
      lastUpdateTime: ref(TIME, "When the condition was last updated."),
      message: str("Human-readable details."),
      reason: str("CamelCase reason, e.g. NewReplicaSetAvailable."),
      status: str("True, False or Unknown."),
      type: str("Available, Progressing or ReplicaFailure."),
    },
    ["type", "status"],
  ),
  [`${APPS}.DeploymentStatus`]: obj("Observed state of a Deployment, written by its controller.", {
    availableReplicas: int32("Pods ready for at least minReadySeconds."),
    collisionCount: int32("Counter used to avoid ReplicaSet name collisions."),
    conditions: refList(`${APPS}.DeploymentCondition`, "Current conditions.", mergeBy("type", ["type"])),
    observedGeneration: { type: "integer", format: "int64", description: "metadata.generation the controller last acted on." },
    readyReplicas: int32("Pods whose Ready condition is true."),
    replicas: int32("Pods the Deployment's ReplicaSets own (not terminating)."),
    terminatingReplicas: int32("Pods being deleted."),
    unavailableReplicas: int32("Pods still needed for the Deployment to be fully available."),
    updatedReplicas: int32("Pods running the current template."),
  }),
  [DEPLOY]: obj("Runs a replicated set of identical pods and rolls changes to them out gradually, through ReplicaSets.", {
    ...typeMetaProps(),
    spec: ref(`${APPS}.DeploymentSpec`, "Desired state of the Deployment.", { default: {} }),
    status: ref(`${APPS}.DeploymentStatus`, "Observed state of the Deployment. Read-only.", { default: {} }),
  }),
};

export function defaultDeployment(o: K8sObject): void {
  const spec = (o.spec ??= {});
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ??= "RollingUpdate";
  if (spec.strategy.type === "RollingUpdate") {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
    spec.strategy.rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  if (spec.template) {
    spec.template.metadata ??= {};
    if (spec.template.metadata.creationTimestamp === undefined) spec.template.metadata.creationTimestamp = null;
    defaultPodSpec((spec.template.spec ??= {}));
  }
}

const intOrPercent = (v: unknown): { n: number; percent: boolean } | undefined => {
  if (typeof v === "number") return { n: v, percent: false };
  if (typeof v === "string") {
    const m = /^(\d+)%$/.exec(v);
    if (m) return { n: Number(m[1]), percent: true };
  }
  return undefined;
};

function validateStrategy(spec: any) {
  const errs = [];
  const st = spec?.strategy;
  if (!st) return [];
  const type = st.type ?? "RollingUpdate";
  if (!["Recreate", "RollingUpdate"].includes(type)) errs.push(notSupported("spec.strategy.type", type, ["Recreate", "RollingUpdate"]));
  if (type === "Recreate" && st.rollingUpdate) errs.push(forbiddenField("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
  const ru = st.rollingUpdate;
  if (type === "RollingUpdate" && ru) {
    const surge = intOrPercent(ru.maxSurge ?? "25%");
    const unavail = intOrPercent(ru.maxUnavailable ?? "25%");
    for (const [k, v, parsed] of [["maxSurge", ru.maxSurge, surge], ["maxUnavailable", ru.maxUnavailable, unavail]] as const) {
      if (v === undefined) continue;
      if (!parsed) errs.push(invalidValue(`spec.strategy.rollingUpdate.${k}`, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (parsed.n < 0) errs.push(invalidValue(`spec.strategy.rollingUpdate.${k}`, v, "must be greater than or equal to 0"));
      else if (parsed.percent && parsed.n > 100 && k === "maxUnavailable") errs.push(invalidValue(`spec.strategy.rollingUpdate.${k}`, v, "must not be greater than 100%"));
    }
    if (surge && unavail && surge.n === 0 && unavail.n === 0) errs.push(invalidValue("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable ?? "25%", "may not be 0 when `maxSurge` is 0"));
  }
  return errs;
}

export function validateDeployment(o: K8sObject, old?: K8sObject) {
  const spec = o.spec ?? {};
  const errs = [...validateObjectMeta(o, true), ...validateReplicas(spec), ...validateSelectorAndTemplate(spec, "deployment")];
  if (!spec.template) errs.push({ type: "FieldValueRequired" as const, field: "spec.template", message: "Required value" });
  else {
    errs.push(...validatePodTemplate(spec.template, "spec.template"));
    const rp = spec.template.spec?.restartPolicy;
    if (rp !== undefined && rp !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", rp, ["Always"]));
    if (spec.template.spec?.activeDeadlineSeconds !== undefined) errs.push(forbiddenField("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }
  errs.push(...validateStrategy(spec));
  for (const k of ["minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"]) {
    if (spec[k] !== undefined && (!Number.isInteger(spec[k]) || spec[k] < 0)) errs.push(invalidValue(`spec.${k}`, spec[k], "must be greater than or equal to 0"));
  }
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
    errs.push(invalidValue("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
  if (old) errs.push(...selectorImmutable(o, old));
  return errs;
}

export const deployment = defineKind({
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  singular: "deployment",
  namespaced: true,
  shortNames: ["deploy"],
  categories: ["all"],
  verbs: STANDARD_VERBS,
  subresources: ["scale", "status"],
  rootSchema: DEPLOY,
  library,
  columns: [
    nameColumn,
    col("Ready", "Ready pods out of the desired number."),
    col("Up-to-date", "Pods running the current template."),
    col("Available", "Pods available to users (ready for at least minReadySeconds)."),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector for the Deployment's pods.", 1),
  ],
  row(o: K8sObject, now: Date) {
    const [containers, images] = containersAndImages(o.spec?.template?.spec);
    return [
      o.metadata.name,
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o, now),
      containers,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
  scale: replicasScale,
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
    defaultDeployment(o);
    o.status = {};
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    if (subresource !== "status") defaultDeployment(o);
    prepareUpdateCommon(o, old, { status: true, generation: true }, subresource);
  },
  validate: validateDeployment,
});
