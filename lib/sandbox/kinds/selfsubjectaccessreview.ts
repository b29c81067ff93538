// SelfSubjectAccessReview (authorization.k8s.io/v1): "can I do this?" (`kubectl auth can-i`).
// Create-only and never stored; the API answers with status.allowed.
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { defineKind, genericColumns, genericRow } from "./common";
import { metaSchemas, typeMetaProps } from "./meta";
import { bool, obj, opaque, ref, str } from "./schema";
import { invalidValue } from "./validation";

const AUTHZ = "io.k8s.api.authorization.v1";
const SSAR = `${AUTHZ}.SelfSubjectAccessReview`;

export const selfsubjectaccessreview = defineKind({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "SelfSubjectAccessReview",
  plural: "selfsubjectaccessreviews",
  singular: "selfsubjectaccessreview",
  namespaced: false,
  verbs: ["create"],
  createOnly: true,
  rootSchema: SSAR,
  library: {
    ...metaSchemas,
    [`${AUTHZ}.ResourceAttributes`]: obj("An API request on a resource.", {
      fieldSelector: opaque("Field selector of a list or watch."),
      group: str("API group; empty for the core group, * for all."),
      labelSelector: opaque("Label selector of a list or watch."),
      name: str("Name of the object; empty means all."),
      namespace: str("Namespace; empty means all (for namespaced resources) or cluster scope."),
      resource: str("Resource type, e.g. pods; * for all."),
      subresource: str("Subresource, e.g. log."),
      verb: str("Verb: get, list, watch, create, update, patch, delete, deletecollection, or *."),
      version: str("API version; * for all."),
    }),
    [`${AUTHZ}.NonResourceAttributes`]: obj("A request on a non-resource path.", { path: str("URL path, e.g. /healthz."), verb: str("HTTP verb, lower case.") }),
    [`${AUTHZ}.SelfSubjectAccessReviewSpec`]: obj("The request to check; exactly one of the two attribute sets.", {
      nonResourceAttributes: ref(`${AUTHZ}.NonResourceAttributes`, "A non-resource request."),
      resourceAttributes: ref(`${AUTHZ}.ResourceAttributes`, "A resource request."),
    }),
    [`${AUTHZ}.SubjectAccessReviewStatus`]: obj(
      "The answer.",
      {
        allowed: bool("Whether the request is allowed."),
        denied: bool("Whether the request is explicitly denied."),
        evaluationError: str("Problems met while evaluating the request."),
        reason: str("Why the request was allowed or denied."),
      },
      ["allowed"],
    ),
    [SSAR]: obj(
      "Asks whether the current user may perform an action. Filled in and returned by the server, never stored.",
      {
        ...typeMetaProps(),
        spec: ref(`${AUTHZ}.SelfSubjectAccessReviewSpec`, "The action to check.", { default: {} }),
        status: ref(`${AUTHZ}.SubjectAccessReviewStatus`, "The answer, filled in by the server.", { default: {} }),
      },
      ["spec"],
    ),
  },
  columns: genericColumns,
  row: genericRow,
  validate(o: K8sObject): FieldError[] {
    const ra = o.spec?.resourceAttributes;
    const nra = o.spec?.nonResourceAttributes;
    if (!ra && !nra) return [invalidValue("spec.resourceAttributes", "", "exactly one of nonResourceAttributes or resourceAttributes must be specified")];
    if (ra && nra) return [invalidValue("spec.nonResourceAttributes", "", "cannot be specified in combination with resourceAttributes")];
    return [];
  },
});
