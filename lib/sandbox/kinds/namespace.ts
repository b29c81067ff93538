// Namespace (core/v1): a DNS-label name, the kubernetes finalizer and Active phase on create, and
// the kubernetes.io/metadata.name label the API server keeps equal to the name (namespace strategy).
import type { K8sObject } from "../types";
import { ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { CORE } from "./podspec";
import { atomic, obj, ref, refList, str, strList, mergeBy } from "./schema";
import type { Schema } from "./types";
import { dns1123Label } from "./validation";

const NS = `${CORE}.Namespace`;

const library: Record<string, Schema> = {
  ...metaSchemas,
  [`${CORE}.NamespaceSpec`]: obj("Desired state of a namespace.", {
    finalizers: strList("Finalizers that must be cleared before the namespace is removed.", atomic),
  }),
  [`${CORE}.NamespaceCondition`]: obj(
    "One aspect of a namespace's state.",
    {
      lastTransitionTime: ref(`io.k8s.apimachinery.pkg.apis.meta.v1.Time`, "When the status last changed."),
      message: str("Human-readable details."),
      reason: str("CamelCase reason."),
      status: str("True, False or Unknown."),
      type: str("Condition type."),
    },
    ["type", "status"],
  ),
  [`${CORE}.NamespaceStatus`]: obj("Observed state of a namespace.", {
    conditions: refList(`${CORE}.NamespaceCondition`, "Current conditions.", mergeBy("type", ["type"])),
    phase: str("Active, or Terminating while its contents are being deleted."),
  }),
  [NS]: obj("A named scope for namespaced objects; names must be unique within a namespace.", {
    ...typeMetaProps(),
    spec: ref(`${CORE}.NamespaceSpec`, "Desired state of the namespace.", { default: {} }),
    status: ref(`${CORE}.NamespaceStatus`, "Observed state of the namespace. Read-only.", { default: {} }),
  }),
};

const NAME_LABEL = "kubernetes.io/metadata.name";

export const namespace = defineKind({
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  singular: "namespace",
  namespaced: false,
  shortNames: ["ns"],
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  subresources: ["status"],
  rootSchema: NS,
  library,
  columns: [nameColumn, col("Status", "Phase of the namespace: Active or Terminating."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, o.status?.phase ?? "", age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
    o.spec = { finalizers: ["kubernetes"], ...(o.spec ?? {}) };
    if (!o.spec.finalizers?.length) o.spec.finalizers = ["kubernetes"];
    o.status = { phase: "Active" };
    o.metadata.labels = { ...(o.metadata.labels ?? {}), [NAME_LABEL]: o.metadata.name! };
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, { status: true }, subresource);
    o.spec ??= structuredClone(old.spec);
    o.metadata.labels = { ...(o.metadata.labels ?? {}), [NAME_LABEL]: o.metadata.name! };
  },
  validate: (o: K8sObject) => validateObjectMeta(o, false, dns1123Label),
});
