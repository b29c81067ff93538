// CronJob (batch/v1): listed by `kubectl get all` and creatable (`kubectl create cronjob`); no
// cron controller runs it in the sandbox. printCronJob's columns.
import type { K8sObject } from "../types";
import { ageColumn, col, nameColumn } from "./common";
import { age, containersAndImages, since } from "./format";
import { OBJECT_META, formatLabelSelector } from "./meta";
import { BATCH, JOB_SPEC, jobSchemas, validateJobSpec } from "./job";
import { required } from "./validation";
import { defaultPodSpec } from "./podrules";
import { bool, int32, obj, ref, str } from "./schema";
import { listOnlyKind } from "./listonly";

const CRON_SPEC = `${BATCH}.CronJobSpec`;

export const cronjob = listOnlyKind({
  group: "batch",
  version: "v1",
  kind: "CronJob",
  plural: "cronjobs",
  shortNames: ["cj"],
  subresources: ["status"],
  schemaPrefix: BATCH,
  description: "Creates Jobs on a repeating schedule written in cron syntax.",
  spec: {
    name: CRON_SPEC,
    library: {
      ...jobSchemas,
      [`${BATCH}.JobTemplateSpec`]: obj("The Job created at each scheduled time.", {
        metadata: ref(OBJECT_META, "Metadata of the created Jobs.", { default: {} }),
        spec: ref(JOB_SPEC, "Spec of the created Jobs.", { default: {} }),
      }),
      [CRON_SPEC]: obj(
        "Schedule and Job template of a CronJob.",
        {
          concurrencyPolicy: str("Allow (default), Forbid or Replace concurrent runs."),
          failedJobsHistoryLimit: int32("Failed Jobs to keep. Default 1."),
          jobTemplate: ref(`${BATCH}.JobTemplateSpec`, "The Job to create."),
          schedule: str('Cron schedule, e.g. "*/5 * * * *".'),
          startingDeadlineSeconds: { type: "integer", format: "int64", description: "Seconds a missed run may still start late." },
          successfulJobsHistoryLimit: int32("Successful Jobs to keep. Default 3."),
          suspend: bool("Suspend future runs."),
          timeZone: str("Time zone of the schedule, e.g. Etc/UTC."),
        },
        ["schedule", "jobTemplate"],
      ),
    },
  },
  columns: [
    nameColumn,
    col("Schedule", "Cron schedule."),
    col("Timezone", "Time zone of the schedule."),
    col("Suspend", "Whether runs are suspended.", 0, "boolean"),
    col("Active", "Jobs running now.", 0, "integer"),
    col("Last Schedule", "Time since the last scheduled run."),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector of the Jobs' pods.", 1),
  ],
  row(o: K8sObject, now: Date) {
    const spec = o.spec ?? {};
    const [c, i] = containersAndImages(spec.jobTemplate?.spec?.template?.spec);
    return [
      o.metadata.name,
      spec.schedule ?? "",
      spec.timeZone ?? "<none>",
      spec.suspend === undefined ? "<unset>" : spec.suspend ? "True" : "False",
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : "<none>",
      age(o, now),
      c,
      i,
      formatLabelSelector(spec.jobTemplate?.spec?.selector),
    ];
  },
  validate(o: K8sObject) {
    const errs = o.spec?.schedule ? [] : [required("spec.schedule")];
    return [...errs, ...validateJobSpec(o.spec?.jobTemplate?.spec, "spec.jobTemplate.spec")];
  },
  defaults(o: K8sObject) {
    const spec = (o.spec ??= {});
    spec.concurrencyPolicy ??= "Allow";
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jt = (spec.jobTemplate ??= {});
    jt.metadata ??= {};
    if (jt.metadata.creationTimestamp === undefined) jt.metadata.creationTimestamp = null;
    const js = (jt.spec ??= {});
    js.backoffLimit ??= 6;
    js.completionMode ??= "NonIndexed";
    js.suspend ??= false;
    js.podReplacementPolicy ??= "TerminatingOrFailed";
    js.template ??= {};
    js.template.metadata ??= {};
    if (js.template.metadata.creationTimestamp === undefined) js.template.metadata.creationTimestamp = null;
    defaultPodSpec((js.template.spec ??= {}));
  },
});
