// Job (batch/v1): listed by `kubectl get all` and creatable (`kubectl create job`); no job
// controller runs it in the sandbox. Defaults follow SetDefaults_Job and the job strategy's
// generated selector (batch.kubernetes.io/controller-uid); printJob's columns.
import type { K8sObject } from "../types";
import { ageColumn, col, nameColumn } from "./common";
import { age, containersAndImages, humanDuration } from "./format";
import { LABEL_SELECTOR, formatLabelSelector } from "./meta";
import { POD_TEMPLATE_SPEC, podSchemas } from "./podspec";
import { defaultPodSpec, validatePodTemplate } from "./podrules";
import { invalidValue, required } from "./validation";
import type { FieldError } from "../errors";
import { bool, int32, int64, obj, opaque, ref, str } from "./schema";
import type { Schema } from "./types";
import { listOnlyKind } from "./listonly";

export const BATCH = "io.k8s.api.batch.v1";
export const JOB_SPEC = `${BATCH}.JobSpec`;

export const jobSchemas: Record<string, Schema> = {
  ...podSchemas,
  [JOB_SPEC]: obj(
    "Desired behaviour of a Job.",
    {
      activeDeadlineSeconds: int64("Seconds the Job may run before it is failed."),
      backoffLimit: int32("Retries before the Job is failed. Default 6."),
      backoffLimitPerIndex: int32("Retries per index, for Indexed Jobs."),
      completionMode: str("NonIndexed (default) or Indexed."),
      completions: int32("Successful pods needed for the Job to complete."),
      managedBy: str("Controller that manages the Job."),
      manualSelector: bool("Use your own selector instead of a generated one."),
      maxFailedIndexes: int32("Failed indexes allowed before the Job fails."),
      parallelism: int32("Most pods running at once."),
      podFailurePolicy: opaque("Rules for handling pod failures."),
      podReplacementPolicy: str("When replacement pods are created: TerminatingOrFailed or Failed."),
      selector: ref(LABEL_SELECTOR, "Pods the Job counts; generated unless manualSelector is set."),
      successPolicy: opaque("When the Job may be declared successful early."),
      suspend: bool("Suspend the Job: running pods are deleted and no new ones start."),
      template: ref(POD_TEMPLATE_SPEC, "The pods to run; restartPolicy must be Never or OnFailure."),
      ttlSecondsAfterFinished: int32("Seconds after finishing before the Job is deleted."),
    },
    ["template"],
  ),
};

/** SetDefaults_Job plus the generated selector and labels (job strategy PrepareForCreate). */
export function defaultJobSpec(spec: any, uid: string | undefined, name: string | undefined): void {
  if (!spec || typeof spec !== "object") return;
  spec.completions ??= spec.parallelism === undefined ? 1 : undefined;
  if (spec.completions === undefined) delete spec.completions;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= "TerminatingOrFailed";
  spec.template ??= {};
  spec.template.metadata ??= {};
  if (spec.template.metadata.creationTimestamp === undefined) spec.template.metadata.creationTimestamp = null;
  if (!spec.manualSelector && uid) {
    const labels = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name ?? "", "controller-uid": uid, "job-name": name ?? "" };
    spec.template.metadata.labels = { ...labels, ...(spec.template.metadata.labels ?? {}) };
    spec.selector ??= { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  }
  defaultPodSpec((spec.template.spec ??= {}));
}

/** ValidateJobSpec's template checks: a valid pod template whose restartPolicy is OnFailure or Never. */
export function validateJobSpec(spec: any, f: string): FieldError[] {
  if (!spec?.template) return [required(`${f}.template`)];
  const errs = validatePodTemplate(spec.template, `${f}.template`);
  const rp = spec.template.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never") errs.push(required(`${f}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  for (const k of ["parallelism", "completions", "backoffLimit", "activeDeadlineSeconds"]) {
    if (spec[k] !== undefined && spec[k] !== null && (!Number.isInteger(spec[k]) || spec[k] < 0)) errs.push(invalidValue(`${f}.${k}`, spec[k], "must be greater than or equal to 0"));
  }
  return errs;
}

const hasCondition = (o: K8sObject, type: string) => (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === "True");

export function jobRow(o: K8sObject, now: Date): unknown[] {
  const status = hasCondition(o, "Complete")
    ? "Complete"
    : hasCondition(o, "Failed")
      ? "Failed"
      : o.metadata.deletionTimestamp
        ? "Terminating"
        : hasCondition(o, "Suspended")
          ? "Suspended"
          : hasCondition(o, "FailureTarget")
            ? "FailureTarget"
            : hasCondition(o, "SuccessCriteriaMet")
              ? "SuccessCriteriaMet"
              : "Running";
  const succeeded = o.status?.succeeded ?? 0;
  const spec = o.spec ?? {};
  const completions =
    spec.completions !== undefined ? `${succeeded}/${spec.completions}` : spec.parallelism > 1 ? `${succeeded}/1 of ${spec.parallelism}` : `${succeeded}/1`;
  const start = o.status?.startTime ? Date.parse(o.status.startTime) : undefined;
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : undefined;
  const duration = start === undefined ? "" : humanDuration((end ?? now.getTime()) - start);
  const [c, i] = containersAndImages(spec.template?.spec);
  return [o.metadata.name, status, completions, duration, age(o, now), c, i, formatLabelSelector(spec.selector)];
}

export const job = listOnlyKind({
  group: "batch",
  version: "v1",
  kind: "Job",
  plural: "jobs",
  subresources: ["status"],
  schemaPrefix: BATCH,
  description: "Runs pods until a number of them finish successfully.",
  spec: { name: JOB_SPEC, library: jobSchemas },
  columns: [
    nameColumn,
    col("Status", "State of the Job."),
    col("Completions", "Successful pods out of those needed."),
    col("Duration", "How long the Job has run."),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector for the Job's pods.", 1),
  ],
  row: jobRow,
  defaults: (o) => defaultJobSpec((o.spec ??= {}), o.metadata.uid, o.metadata.name),
  validate: (o) => validateJobSpec(o.spec, "spec"),
});
