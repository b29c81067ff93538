// Reading a kind's OpenAPI schema at run time: the unknown-field check behind
// fieldValidation=Strict|Warn (upstream's strict decoding reports paths like
// "spec.template.spec.containers[0].imagePullPolicyy"), and schemaAt, through which strategic merge
// patch finds x-kubernetes-patch-merge-key / -strategy for a list.
import { refName } from "./schema";
import type { KindDef, Schema } from "./types";

/**
 * Follows `$ref` and single-ref `allOf` wrappers, keeping the wrapper's own keywords (description,
 * patch extensions) over the referenced schema's.
 */
export function resolveSchema(def: Pick<KindDef, "schemas">, s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let hops = 0; cur && hops < 16; hops++) {
    const target = cur.$ref ?? (cur.allOf?.length === 1 ? cur.allOf[0].$ref : undefined);
    if (!target) return cur;
    const referenced = def.schemas[refName(target)];
    if (!referenced) return undefined;
    const { $ref: _r, allOf: _a, ...own } = cur;
    cur = { ...referenced, ...stripUndefined(own) };
    if (referenced.description && !own.description) cur.description = referenced.description;
  }
  return cur;
}

function stripUndefined(s: Schema): Schema {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined && k !== "default") out[k] = v;
  return out as Schema;
}

/**
 * The schema at a field path from the kind's root: each segment is a property name (or a map key);
 * lists are stepped through implicitly, so ["spec","template","spec","containers","ports"] names
 * the ports list of each container. undefined when the path leaves the schema.
 */
export function schemaAt(def: KindDef, path: string[]): Schema | undefined {
  let cur = resolveSchema(def, def.schemas[def.rootSchema]);
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.type === "array" && cur.items) cur = resolveSchema(def, cur.items);
    if (!cur) return undefined;
    if (cur.properties && seg in cur.properties) cur = resolveSchema(def, cur.properties[seg]);
    else if (cur.additionalProperties && typeof cur.additionalProperties === "object") cur = resolveSchema(def, cur.additionalProperties);
    else return undefined;
  }
  return cur;
}

/**
 * Fields of `obj` its kind's schema does not define, as strict decoding names them
 * ("spec.podSelectr", "spec.containers[0].imagee"). Subtrees marked
 * x-kubernetes-preserve-unknown-fields, or with neither properties nor additionalProperties, are
 * taken as written.
 */
export function unknownFields(def: KindDef, obj: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, schema: Schema | undefined, path: string) => {
    const s = resolveSchema(def, schema);
    if (!s || value === null || value === undefined) return;
    if (s["x-kubernetes-preserve-unknown-fields"]) return;
    if (Array.isArray(value)) {
      if (s.items) value.forEach((v, i) => walk(v, s.items, `${path}[${i}]`));
      return;
    }
    if (typeof value !== "object") return;
    if (s.properties) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const child = s.properties[k];
        const p = path ? `${path}.${k}` : k;
        if (child) walk(v, child, p);
        else if (s.additionalProperties && typeof s.additionalProperties === "object") walk(v, s.additionalProperties, p);
        else if (!s.additionalProperties) out.push(p);
      }
      return;
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, s.additionalProperties, path ? `${path}.${k}` : k);
    }
  };
  walk(obj, def.schemas[def.rootSchema], "");
  return out;
}

const QUANTITY_SCHEMA = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING_SCHEMA = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const BASE64_ALPHABET = /[A-Za-z0-9+/]/;

/** Go's name for a schema's type in decode errors: int32, string, v1.PodSpec, []v1.Container, map[string]string. */
function goType(def: Pick<KindDef, "schemas">, s: Schema | undefined): string {
  if (!s) return "interface {}";
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
  if (ref) {
    const name = refName(ref);
    if (name === QUANTITY_SCHEMA) return "resource.Quantity";
    if (name === INT_OR_STRING_SCHEMA) return "intstr.IntOrString";
    const parts = name.split(".");
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  if (s.type === "integer") return s.format === "int64" ? "int64" : "int32";
  if (s.type === "number") return "float64";
  if (s.type === "boolean") return "bool";
  if (s.type === "string") return s.format === "byte" ? "[]uint8" : "string";
  if (s.type === "array") return `[]${goType(def, s.items)}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") return `map[string]${goType(def, s.additionalProperties)}`;
  return "interface {}";
}

const jsonKind = (v: unknown): string => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v === "boolean" ? "bool" : typeof v);

/** Position of the first byte Go's base64.StdEncoding rejects, or -1. */
function badBase64At(s: string): number {
  const body = s.replace(/=+$/, "");
  for (let i = 0; i < body.length; i++) if (!BASE64_ALPHABET.test(body[i])) return i;
  if (s.length % 4 !== 0) return Math.floor(s.length / 4) * 4 + (s.length % 4 === 1 ? 0 : s.length % 4);
  return -1;
}

/**
 * The first problem that makes the API server's decoder reject a body before validation (a 400
 * "<Kind> in version "v1" cannot be handled as a <Kind>: ..."): a value of the wrong JSON type
 * (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`),
 * a malformed quantity, or bad base64 in a bytes field. undefined when the body decodes.
 */
export function decodeError(def: KindDef, obj: unknown): string | undefined {
  let problem: string | undefined;
  const walk = (value: unknown, schema: Schema | undefined, path: string, owner: string): void => {
    if (problem || value === null || value === undefined || !schema) return;
    const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
    const refTo = ref ? refName(ref) : undefined;
    const at = () => `Go struct field ${owner}.${path} of type ${goType(def, schema)}`;
    if (refTo === QUANTITY_SCHEMA) {
      if (typeof value === "string" ? !QUANTITY_RE.test(value.trim()) : typeof value !== "number")
        problem = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      return;
    }
    if (refTo === INT_OR_STRING_SCHEMA) {
      if (typeof value !== "string" && !Number.isInteger(value)) problem = `json: cannot unmarshal ${jsonKind(value)} into ${at()}`;
      return;
    }
    const s = resolveSchema(def, schema);
    if (!s || s["x-kubernetes-preserve-unknown-fields"]) return;
    const kind = jsonKind(value);
    switch (s.type) {
      case "integer":
        if (kind !== "number") problem = `json: cannot unmarshal ${kind} into ${at()}`;
        else if (!Number.isInteger(value)) problem = `json: cannot unmarshal number ${value} into ${at()}`;
        return;
      case "number":
        if (kind !== "number") problem = `json: cannot unmarshal ${kind} into ${at()}`;
        return;
      case "boolean":
        if (kind !== "bool") problem = `json: cannot unmarshal ${kind} into ${at()}`;
        return;
      case "string":
        if (kind !== "string") problem = `json: cannot unmarshal ${kind} into ${at()}`;
        else if (s.format === "byte" && badBase64At(value as string) >= 0) problem = `illegal base64 data at input byte ${badBase64At(value as string)}`;
        return;
      case "array":
        if (kind !== "array") problem = `json: cannot unmarshal ${kind} into ${at()}`;
        else (value as unknown[]).forEach((v) => walk(v, s.items, path, owner));
        return;
    }
    if (s.type !== "object" && !s.properties && !s.additionalProperties) return;
    if (kind !== "object") {
      problem = `json: cannot unmarshal ${kind} into ${at()}`;
      return;
    }
    // Fields of a named struct report that struct as their owner (Go's decoder names the innermost struct).
    const childOwner = refTo ? refTo.split(".").pop()! : owner;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = s.properties?.[k] ?? (s.additionalProperties && typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
      walk(v, child, path ? `${path}.${k}` : k, childOwner);
    }
  };
  walk(obj, def.schemas[def.rootSchema], "", def.kind);
  return problem;
}
