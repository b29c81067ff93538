// ConfigMap (core/v1): key rules (IsConfigMapKey), the 1 MiB size limit, `immutable`, and the
// Data column (keys in data plus binaryData).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { CORE } from "./podspec";
import { bool, obj, strMap } from "./schema";
import { forbiddenField, invalidValue } from "./validation";

const CM = `${CORE}.ConfigMap`;
const MAX_SIZE = 1024 * 1024;
const keyMsg =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsConfigMapKey, shared with Secret. */
export function configKeyErrors(key: string): string[] {
  const out: string[] = [];
  if (key.length > 253) out.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) out.push(keyMsg);
  if (key === ".") out.push("must not be '.'");
  else if (key === "..") out.push("must not be '..'");
  else if (key.startsWith("..")) out.push("must not start with '..'");
  return out;
}

export function validateConfigMap(o: K8sObject, old?: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  let size = 0;
  for (const [k, v] of Object.entries(o.data ?? {})) {
    for (const m of configKeyErrors(k)) errs.push(invalidValue(`data[${k}]`, k, m));
    if (o.binaryData && k in o.binaryData) errs.push(invalidValue(`data[${k}]`, k, "duplicate of key present in binaryData"));
    size += String(v).length;
  }
  for (const [k, v] of Object.entries(o.binaryData ?? {})) {
    for (const m of configKeyErrors(k)) errs.push(invalidValue(`binaryData[${k}]`, k, m));
    size += Math.floor((String(v).length * 3) / 4);
  }
  if (size > MAX_SIZE) errs.push({ type: "FieldValueTooLong", field: "", message: `Too long: must have at most ${MAX_SIZE} bytes` });
  if (old?.immutable) {
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
    if (!same(o.data, old.data)) errs.push(forbiddenField("data", "field is immutable when `immutable` is set"));
    if (!same(o.binaryData, old.binaryData)) errs.push(forbiddenField("binaryData", "field is immutable when `immutable` is set"));
    if (!o.immutable) errs.push(forbiddenField("immutable", "field is immutable when `immutable` is set"));
  }
  return errs;
}

export const configmap = defineKind({
  group: "",
  version: "v1",
  kind: "ConfigMap",
  plural: "configmaps",
  singular: "configmap",
  namespaced: true,
  shortNames: ["cm"],
  verbs: STANDARD_VERBS,
  rootSchema: CM,
  library: {
    ...metaSchemas,
    [CM]: obj("Non-secret configuration data as key/value pairs that pods read as environment variables, files or arguments.", {
      ...typeMetaProps(),
      binaryData: { type: "object", description: "Binary values, base64-encoded. Keys may not repeat those of data.", additionalProperties: { type: "string", format: "byte" } },
      data: strMap("Text values by key. Keys are letters, digits, '-', '_' or '.'."),
      immutable: bool("When true, data and binaryData can no longer change (and this flag cannot be unset)."),
    }),
  },
  columns: [nameColumn, col("Data", "Number of keys in data and binaryData."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate: validateConfigMap,
});
