// SelfSubjectRulesReview (authorization.k8s.io/v1): "what may I do in this namespace?"
// (`kubectl auth can-i --list`). Create-only and never stored; the API fills status.
import type { K8sObject } from "../types";
import { defineKind, genericColumns, genericRow } from "./common";
import { metaSchemas, typeMetaProps } from "./meta";
import { atomic, bool, obj, ref, refList, str, strList } from "./schema";

const AUTHZ = "io.k8s.api.authorization.v1";
const SSRR = `${AUTHZ}.SelfSubjectRulesReview`;

export const selfsubjectrulesreview = defineKind({
  group: "authorization.k8s.io",
  version: "v1",
  kind: "SelfSubjectRulesReview",
  plural: "selfsubjectrulesreviews",
  singular: "selfsubjectrulesreview",
  namespaced: false,
  verbs: ["create"],
  createOnly: true,
  rootSchema: SSRR,
  library: {
    ...metaSchemas,
    [`${AUTHZ}.SelfSubjectRulesReviewSpec`]: obj("Which namespace to list the rules for.", { namespace: str("The namespace to evaluate rules in.") }),
    [`${AUTHZ}.ResourceRule`]: obj(
      "Actions allowed on resources.",
      {
        apiGroups: strList("API groups; * for all.", atomic),
        resourceNames: strList("Names of the objects; empty for all.", atomic),
        resources: strList("Resources; * for all.", atomic),
        verbs: strList("Verbs; * for all.", atomic),
      },
      ["verbs"],
    ),
    [`${AUTHZ}.NonResourceRule`]: obj(
      "Actions allowed on non-resource URLs.",
      { nonResourceURLs: strList("URL paths; * for all.", atomic), verbs: strList("HTTP verbs, lower case; * for all.", atomic) },
      ["verbs"],
    ),
    [`${AUTHZ}.SubjectRulesReviewStatus`]: obj(
      "The rules that apply.",
      {
        evaluationError: str("Problems met while evaluating the rules."),
        incomplete: bool("True when the list may be missing rules."),
        nonResourceRules: refList(`${AUTHZ}.NonResourceRule`, "Rules on non-resource URLs.", atomic),
        resourceRules: refList(`${AUTHZ}.ResourceRule`, "Rules on resources.", atomic),
      },
      ["resourceRules", "nonResourceRules", "incomplete"],
    ),
    [SSRR]: obj(
      "Lists the actions the current user may perform in a namespace. Filled in and returned by the server, never stored.",
      {
        ...typeMetaProps(),
        spec: ref(`${AUTHZ}.SelfSubjectRulesReviewSpec`, "The namespace to check.", { default: {} }),
        status: ref(`${AUTHZ}.SubjectRulesReviewStatus`, "The rules, filled in by the server.", { default: {} }),
      },
      ["spec"],
    ),
  },
  columns: genericColumns,
  row: genericRow,
  validate: (_o: K8sObject) => [],
});
