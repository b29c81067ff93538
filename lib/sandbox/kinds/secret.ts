// Secret (core/v1): stringData merged into data (base64) on write, the Opaque type default,
// per-type required keys (ValidateSecret), the 1 MiB limit, immutability, and printSecret.
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { configKeyErrors } from "./configmap";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { bool, obj, str, strMap } from "./schema";
import { forbiddenField, invalidValue, required } from "./validation";

const SECRET = "io.k8s.api.core.v1.Secret";
const MAX_SIZE = 1024 * 1024;

/** Keys each well-known type requires (pkg/apis/core/validation ValidateSecret). */
const REQUIRED_KEYS: Record<string, string[]> = {
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
};

/** stringData is write-only: its values replace data's, base64-encoded. */
function mergeStringData(o: K8sObject): void {
  if (o.stringData && typeof o.stringData === "object") {
    o.data ??= {};
    for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v), "utf8").toString("base64");
  }
  delete o.stringData;
}

export function validateSecret(o: K8sObject, old?: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  const data: Record<string, string> = { ...(o.data ?? {}) };
  for (const k of Object.keys(o.stringData ?? {})) data[k] = "";
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of configKeyErrors(k)) errs.push(invalidValue(`data[${k}]`, k, m));
    size += Math.floor((String(v).length * 3) / 4);
  }
  for (const v of Object.values(o.stringData ?? {})) size += String(v).length;
  if (size > MAX_SIZE) errs.push({ type: "FieldValueTooLong", field: "data", message: `Too long: must have at most ${MAX_SIZE} bytes` });
  const type = o.type ?? "Opaque";
  for (const key of REQUIRED_KEYS[type] ?? []) if (!(key in data)) errs.push(required(`data[${key}]`));
  if (type === "kubernetes.io/service-account-token" && !o.metadata.annotations?.["kubernetes.io/service-account.name"])
    errs.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  if (type === "kubernetes.io/basic-auth" && !("username" in data) && !("password" in data))
    errs.push(required("data[username]", "either username or password is required"));
  if (type === "kubernetes.io/ssh-auth" && !("ssh-privatekey" in data)) errs.push(required("data[ssh-privatekey]"));
  if (old) {
    if ((old.type ?? "Opaque") !== type) errs.push(invalidValue("type", type, "field is immutable"));
    if (old.immutable) {
      if (JSON.stringify(o.data ?? {}) !== JSON.stringify(old.data ?? {}) || o.stringData) errs.push(forbiddenField("data", "field is immutable when `immutable` is set"));
      if (!o.immutable) errs.push(forbiddenField("immutable", "field is immutable when `immutable` is set"));
    }
  }
  return errs;
}

export const secret = defineKind({
  group: "",
  version: "v1",
  kind: "Secret",
  plural: "secrets",
  singular: "secret",
  namespaced: true,
  verbs: STANDARD_VERBS,
  rootSchema: SECRET,
  library: {
    ...metaSchemas,
    [SECRET]: obj("Sensitive data (passwords, tokens, keys) as key/value pairs that pods read as files or environment variables.", {
      ...typeMetaProps(),
      data: { type: "object", description: "Values by key, base64-encoded.", additionalProperties: { type: "string", format: "byte" } },
      immutable: bool("When true, data can no longer change (and this flag cannot be unset)."),
      stringData: strMap("Write-only convenience: plain-text values that are base64-encoded into data on write; wins over data for the same key."),
      type: str('How the data is meant to be used: Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth...'),
    }),
  },
  columns: [nameColumn, col("Type", "Type of the secret."), col("Data", "Number of keys in the secret."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, o.type ?? "Opaque", Object.keys(o.data ?? {}).length, age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
    o.type ??= "Opaque";
    mergeStringData(o);
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    o.type ??= old.type ?? "Opaque";
    mergeStringData(o);
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate: validateSecret,
});
