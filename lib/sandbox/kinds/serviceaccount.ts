// ServiceAccount (core/v1): the identity pods run as. printServiceAccount shows the number of
// (legacy) token secrets.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { OBJECT_REFERENCE, objectReferenceSchemas } from "./objectref";
import { CORE, podSchemas } from "./podspec";
import { atomic, bool, mergeBy, obj, refList } from "./schema";

const SA = `${CORE}.ServiceAccount`;

export const serviceaccount = defineKind({
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  plural: "serviceaccounts",
  singular: "serviceaccount",
  namespaced: true,
  shortNames: ["sa"],
  verbs: STANDARD_VERBS,
  rootSchema: SA,
  library: {
    ...metaSchemas,
    ...objectReferenceSchemas,
    [`${CORE}.LocalObjectReference`]: podSchemas[`${CORE}.LocalObjectReference`],
    [SA]: obj("An identity for processes in pods, which the API server can authenticate and authorize.", {
      ...typeMetaProps(),
      automountServiceAccountToken: bool("Whether pods running as this account get an API token mounted by default."),
      imagePullSecrets: refList(`${CORE}.LocalObjectReference`, "Registry credentials added to every pod that uses this account.", atomic),
      secrets: refList(OBJECT_REFERENCE, "Legacy token secrets of this account.", mergeBy("name")),
    }),
  },
  columns: [nameColumn, col("Secrets", "Number of token secrets."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, (o.secrets ?? []).length, age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate: (o: K8sObject) => validateObjectMeta(o, true),
});
