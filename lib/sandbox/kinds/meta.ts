// The apimachinery types every kind shares (ObjectMeta, LabelSelector, Time, Quantity,
// IntOrString, Condition...) as OpenAPI schemas, and ValidateObjectMeta's checks (names, labels,
// annotations) with the API server's wording.
import { formatSelector } from "../labels";
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { bool, int64, obj, ref, refList, str, strList, strMap, mergeBy, atomic, set } from "./schema";
import type { Schema } from "./types";
import { dns1123Label as dns1123LabelOnly, dns1123Subdomain, forbiddenField, invalidValue, labelValue, nameErrors, qualifiedName, required } from "./validation";

export const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
export const OBJECT_META = `${META}.ObjectMeta`;
export const LABEL_SELECTOR = `${META}.LabelSelector`;
export const TIME = `${META}.Time`;
export const MICRO_TIME = `${META}.MicroTime`;
export const CONDITION = `${META}.Condition`;
export const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
export const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

export const metaSchemas: Record<string, Schema> = {
  [TIME]: { type: "string", format: "date-time", description: "A timestamp in RFC 3339 form, stored to the second." },
  [MICRO_TIME]: { type: "string", format: "date-time", description: "A timestamp in RFC 3339 form with microseconds." },
  [QUANTITY]: {
    oneOf: [{ type: "string" }, { type: "number" }],
    description: "An amount of a resource written as a number with an optional suffix: binary (Ki, Mi, Gi...), decimal (k, M, G...) or milli (m), e.g. 500m or 128Mi.",
  },
  [INT_OR_STRING]: {
    oneOf: [{ type: "integer" }, { type: "string" }],
    format: "int-or-string",
    description: "Either a whole number or a string (such as a named port).",
  },
  [`${META}.FieldsV1`]: { type: "object", description: "The set of fields a manager owns, in the structured-merge-diff trie format." },
  [`${META}.ManagedFieldsEntry`]: obj("Which manager (client or controller) set which fields of the object, and how.", {
    apiVersion: str("API version of the object as the manager wrote it."),
    fieldsType: str('Format of fieldsV1; always "FieldsV1".'),
    fieldsV1: ref(`${META}.FieldsV1`, "The fields owned by this manager."),
    manager: str("Name of the client or controller that owns these fields."),
    operation: str('How the fields were written: "Apply" or "Update".'),
    subresource: str("Subresource the fields were written through, if any (e.g. status)."),
    time: ref(TIME, "When the manager last changed these fields."),
  }),
  [`${META}.OwnerReference`]: obj(
    "Points at the object that owns this one; the garbage collector deletes dependants after their owner.",
    {
      apiVersion: str("API version of the owner."),
      blockOwnerDeletion: bool("When true, foreground deletion of the owner waits for this object to go first."),
      controller: bool("When true, this owner is the managing controller. At most one owner may be the controller."),
      kind: str("Kind of the owner."),
      name: str("Name of the owner."),
      uid: str("UID of the owner."),
    },
    ["apiVersion", "kind", "name", "uid"],
    { "x-kubernetes-map-type": "atomic" },
  ),
  [OBJECT_META]: obj("Standard metadata every persisted object has: name, namespace, labels, annotations and server-set bookkeeping.", {
    annotations: strMap("Free-form key/value data for tools and people; not used for selection."),
    creationTimestamp: ref(TIME, "When the server created the object. Set by the server; read-only."),
    deletionGracePeriodSeconds: int64("Seconds the object has left to shut down once deletion was requested. Read-only."),
    deletionTimestamp: ref(TIME, "When the object will be removed; set when a graceful deletion is requested. Read-only."),
    finalizers: strList("Keys that must be removed before the object is deleted from storage.", { ...set, "x-kubernetes-patch-strategy": "merge" }),
    generateName: str("Prefix the server uses to make a unique name when name is empty."),
    generation: int64("Sequence number of the desired state; increases when the spec changes. Read-only."),
    labels: strMap("Key/value pairs used to organise and select objects (by Services, Deployments, kubectl -l ...)."),
    managedFields: refList(`${META}.ManagedFieldsEntry`, "Field ownership per manager, kept by the server for server-side apply."),
    name: str("Name of the object, unique within its namespace (or cluster, for cluster-scoped kinds)."),
    namespace: str("Namespace the object lives in. Empty for cluster-scoped kinds."),
    ownerReferences: refList(`${META}.OwnerReference`, "Objects this one depends on; when all owners are gone it is garbage collected.", mergeBy("uid", ["uid"])),
    resourceVersion: str("Opaque version of this object, changed on every write; used for optimistic concurrency and watches."),
    selfLink: str("Deprecated; always empty."),
    uid: str("Unique identifier the server assigns at creation. Read-only."),
  }),
  [`${META}.LabelSelectorRequirement`]: obj(
    "One set-based condition on a label: key, operator and values.",
    {
      key: str("The label key the condition applies to."),
      operator: str("One of In, NotIn, Exists and DoesNotExist."),
      values: strList("Values for In and NotIn; must be empty for Exists and DoesNotExist.", atomic),
    },
    ["key", "operator"],
  ),
  [LABEL_SELECTOR]: obj(
    "Selects objects by labels. matchLabels and matchExpressions are ANDed; an empty selector matches everything, a null one nothing.",
    {
      matchExpressions: refList(`${META}.LabelSelectorRequirement`, "Set-based conditions; all must hold.", atomic),
      matchLabels: strMap("Labels that must all be present with exactly these values."),
    },
    undefined,
    { "x-kubernetes-map-type": "atomic" },
  ),
  [CONDITION]: obj(
    "One aspect of an object's current state.",
    {
      lastTransitionTime: ref(TIME, "When the status last changed."),
      message: str("Human-readable details about the transition."),
      observedGeneration: int64("metadata.generation the condition was computed from."),
      reason: str("CamelCase reason for the last transition."),
      status: str("True, False or Unknown."),
      type: str("Condition type in CamelCase."),
    },
    ["type", "status", "lastTransitionTime", "reason", "message"],
  ),
};

/** `metadata` property every root schema carries. */
export const metadataProp = (): Schema => ref(OBJECT_META, "Standard object metadata.", { default: {} });

/** apiVersion/kind/metadata, the properties every kind's root has. */
export const typeMetaProps = (): Record<string, Schema> => ({
  apiVersion: str("Versioned schema of this object, e.g. v1 or apps/v1."),
  kind: str("REST resource this object represents, in CamelCase."),
  metadata: metadataProp(),
});

const ANNOTATIONS_MAX = 256 * 1024;

/**
 * ValidateObjectMeta: name (or generateName) with the kind's name rule, namespace presence per
 * scope, label keys/values and annotation keys/size.
 */
export function validateObjectMeta(o: K8sObject, namespaced: boolean, nameCheck: (v: string) => string[] = dns1123Subdomain): FieldError[] {
  const errs: FieldError[] = [];
  const m = o.metadata ?? {};
  if (!m.name && !m.generateName) errs.push(required("metadata.name", "name or generateName is required"));
  if (m.generateName && !m.name) {
    // The generated suffix is added later; validate the prefix as upstream does (trailing "-" allowed).
    const prefix = m.generateName.endsWith("-") ? m.generateName.slice(0, -1) : m.generateName;
    if (prefix) errs.push(...nameErrors("metadata.generateName", m.generateName, () => nameCheck(prefix)));
  }
  if (m.name) errs.push(...nameErrors("metadata.name", m.name, nameCheck));
  if (namespaced) {
    if (!m.namespace) errs.push(required("metadata.namespace"));
    else errs.push(...nameErrors("metadata.namespace", m.namespace, (v) => dns1123LabelOnly(v)));
  } else if (m.namespace) errs.push(forbiddenField("metadata.namespace", "not allowed on this type"));
  errs.push(...validateLabels(m.labels, "metadata.labels"));
  if (m.annotations) {
    let size = 0;
    for (const [k, v] of Object.entries(m.annotations)) {
      for (const msg of qualifiedName(k.toLowerCase())) errs.push(invalidValue("metadata.annotations", k, msg));
      size += k.length + String(v).length;
    }
    if (size > ANNOTATIONS_MAX) errs.push({ type: "FieldValueTooLong", field: "metadata.annotations", message: `Too long: must have at most ${ANNOTATIONS_MAX} bytes` });
  }
  return errs;
}

/** ValidateLabels: keys are qualified names, values label values. */
export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of qualifiedName(k)) errs.push(invalidValue(field, k, msg));
    if (typeof v !== "string") errs.push(invalidValue(field, v, "must be a string"));
    else for (const msg of labelValue(v)) errs.push(invalidValue(field, v, msg));
  }
  return errs;
}

/** ValidateLabelSelector (metav1 validation): operators and values. */
export function validateLabelSelector(sel: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  (sel.matchExpressions ?? []).forEach((r: any, i: number) => {
    const f = `${field}.matchExpressions[${i}]`;
    switch (r.operator) {
      case "In":
      case "NotIn":
        if (!r.values?.length) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (r.values?.length) errs.push(forbiddenField(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalidValue(`${f}.operator`, r.operator ?? "", "not a valid selector operator"));
    }
    for (const msg of qualifiedName(r.key ?? "")) errs.push(invalidValue(`${f}.key`, r.key ?? "", msg));
  });
  return errs;
}

export { selectorMatches } from "../labels";

/** The SELECTOR column's text: labels.Selector.String order, "<none>" when empty. */
export const formatLabelSelector = (sel: any): string => formatSelector(sel, "<none>");
