// Pieces shared by the kinds that own pods through a template (Deployment, ReplicaSet, and the
// list-only StatefulSet/DaemonSet/Job...): selector-vs-template checks with the API server's
// wording, replicas validation, Go-style printing of a LabelSelector in messages, and scale access.
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { formatLabelSelector, selectorMatches, validateLabelSelector } from "./meta";
import type { ScaleAccess } from "./types";
import { invalidValue, required } from "./validation";

/** How Go's %#v prints a metav1.LabelSelector in field errors (e.g. "field is immutable"). */
export function goLabelSelector(sel: any): string {
  const ml = sel?.matchLabels;
  const labels = ml
    ? `map[string]string{${Object.entries(ml)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(", ")}}`
    : "map[string]string(nil)";
  const exprs = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((r: any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${JSON.stringify(r.operator)}, Values:[]string{${(r.values ?? []).map((v: string) => JSON.stringify(v)).join(", ")}}}`)
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

const selectorInvalid = (field: string, sel: any, detail: string): FieldError => ({
  type: "FieldValueInvalid",
  field,
  message: `Invalid value: ${goLabelSelector(sel)}: ${detail}`,
});

/** Selector present, non-empty, valid, and matching the template's labels (ValidateDeploymentSpec and friends). */
export function validateSelectorAndTemplate(spec: any, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec?.selector;
  if (!sel) return [required("spec.selector")];
  errs.push(...validateLabelSelector(sel, "spec.selector"));
  if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) errs.push(selectorInvalid("spec.selector", sel, `empty selector is invalid for ${kindWord}`));
  const labels = spec?.template?.metadata?.labels;
  if (spec?.template && !selectorMatches(sel, labels)) {
    const detail = "`selector` does not match template `labels`";
    // Go prints a nil map as map[string]string(nil).
    errs.push(labels ? invalidValue("spec.template.metadata.labels", labels, detail) : { type: "FieldValueInvalid", field: "spec.template.metadata.labels", message: `Invalid value: map[string]string(nil): ${detail}` });
  }
  return errs;
}

export function validateReplicas(spec: any): FieldError[] {
  const r = spec?.replicas;
  if (r === undefined || r === null) return [];
  if (!Number.isInteger(r) || r < 0) return [invalidValue("spec.replicas", r, "must be greater than or equal to 0")];
  return [];
}

export function selectorImmutable(o: K8sObject, old: K8sObject): FieldError[] {
  if (JSON.stringify(o.spec?.selector ?? null) !== JSON.stringify(old.spec?.selector ?? null))
    return [selectorInvalid("spec.selector", o.spec?.selector, "field is immutable")];
  return [];
}

/** The `scale` subresource of a kind with spec.replicas, status.replicas and spec.selector. */
export const replicasScale: ScaleAccess = {
  specReplicas: (o) => o.spec?.replicas ?? 1,
  setSpecReplicas: (o, n) => {
    o.spec ??= {};
    o.spec.replicas = n;
  },
  statusReplicas: (o) => o.status?.replicas ?? 0,
  selector: (o) => {
    const s = formatLabelSelector(o.spec?.selector);
    return s === "<none>" ? "" : s;
  },
};
