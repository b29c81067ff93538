// HorizontalPodAutoscaler (autoscaling/v2): listed by `kubectl get all`; no metrics pipeline runs
// in the sandbox, so current values stay <unknown>.
import type { K8sObject } from "../types";
import { ageColumn, col, nameColumn } from "./common";
import { age } from "./format";
import { listOnlyKind } from "./listonly";

/** The Targets cell for resource metrics ("cpu: <unknown>/80%"), "<none>" without metrics. */
function targets(o: K8sObject): string {
  const metrics: any[] = o.spec?.metrics ?? [];
  if (!metrics.length) return "<none>";
  const current: any[] = o.status?.currentMetrics ?? [];
  const parts = metrics.map((m, i) => {
    if (m.type === "Resource" && m.resource) {
      const t = m.resource.target ?? {};
      const cur = current[i]?.resource?.current;
      if (t.averageUtilization !== undefined) return `${m.resource.name}: ${cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : "<unknown>"}/${t.averageUtilization}%`;
      return `${m.resource.name}: ${cur?.averageValue ?? "<unknown>"}/${t.averageValue ?? t.value ?? "<unknown>"}`;
    }
    return "<unknown>";
  });
  return parts.join(", ");
}

export const horizontalpodautoscaler = listOnlyKind({
  group: "autoscaling",
  version: "v2",
  kind: "HorizontalPodAutoscaler",
  plural: "horizontalpodautoscalers",
  shortNames: ["hpa"],
  subresources: ["status"],
  schemaPrefix: "io.k8s.api.autoscaling.v2",
  description: "Scales a workload's replicas up and down to keep observed metrics (such as CPU use) near a target.",
  columns: [
    nameColumn,
    col("Reference", "The scaled workload."),
    col("Targets", "Current and target metric values."),
    col("MinPods", "Lowest replica count."),
    col("MaxPods", "Highest replica count."),
    col("Replicas", "Current replica count."),
    ageColumn,
  ],
  defaults(o) {
    o.spec ??= {};
    o.spec.minReplicas ??= 1;
  },
  row: (o, now) => [
    o.metadata.name,
    `${o.spec?.scaleTargetRef?.kind ?? ""}/${o.spec?.scaleTargetRef?.name ?? ""}`,
    targets(o),
    o.spec?.minReplicas !== undefined ? String(o.spec.minReplicas) : "<unset>",
    o.spec?.maxReplicas ?? 0,
    o.status?.currentReplicas ?? 0,
    age(o, now),
  ],
});
