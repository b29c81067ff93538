// Small builders for the OpenAPI v3 schemas the kind modules declare, in the shape the upstream
// API server publishes them (a property that names another type is `allOf: [{$ref}]` plus its own
// description, as in api/openapi-spec/v3). `closure` collects the named schemas a root reaches, so
// each KindDef carries exactly what `kubectl explain` and strict decoding need.
import type { Schema } from "./types";

export const REF_PREFIX = "#/components/schemas/";

export const str = (description: string, extra: Partial<Schema> = {}): Schema => ({ type: "string", description, ...extra });
export const int32 = (description: string, extra: Partial<Schema> = {}): Schema => ({ type: "integer", format: "int32", description, ...extra });
export const int64 = (description: string, extra: Partial<Schema> = {}): Schema => ({ type: "integer", format: "int64", description, ...extra });
export const num = (description: string): Schema => ({ type: "number", format: "double", description });
export const bool = (description: string): Schema => ({ type: "boolean", description });
export const bytes = (description: string): Schema => ({ type: "string", format: "byte", description });
export const enumStr = (description: string, values: string[]): Schema => ({ type: "string", description, enum: values });

/** map[string]string */
export const strMap = (description: string): Schema => ({ type: "object", description, additionalProperties: { type: "string", default: "" } });

/** []string; `set` lists are marked the way upstream marks them. */
export const strList = (description: string, extra: Partial<Schema> = {}): Schema => ({
  type: "array",
  description,
  items: { type: "string", default: "" },
  ...extra,
});

/** A property whose type is another named schema. */
export const ref = (name: string, description: string, extra: Partial<Schema> = {}): Schema => ({
  description,
  allOf: [{ $ref: REF_PREFIX + name }],
  ...extra,
});

/** A list of another named schema; `extra` carries the patch/list-type extensions. */
export const refList = (name: string, description: string, extra: Partial<Schema> = {}): Schema => ({
  type: "array",
  description,
  items: { allOf: [{ $ref: REF_PREFIX + name }], default: {} },
  ...extra,
});

/** A map whose values are another named schema (e.g. resources.limits → Quantity). */
export const refMap = (name: string, description: string): Schema => ({
  type: "object",
  description,
  additionalProperties: { $ref: REF_PREFIX + name },
});

/** Strategic-merge list keyed by `key` (containers by name, ports by containerPort...). */
export const mergeBy = (key: string, listMapKeys?: string[]): Partial<Schema> => ({
  "x-kubernetes-patch-merge-key": key,
  "x-kubernetes-patch-strategy": "merge",
  ...(listMapKeys ? { "x-kubernetes-list-type": "map" as const, "x-kubernetes-list-map-keys": listMapKeys } : {}),
});

export const atomic: Partial<Schema> = { "x-kubernetes-list-type": "atomic" };
export const set: Partial<Schema> = { "x-kubernetes-list-type": "set" };

export const obj = (description: string, properties: Record<string, Schema>, required?: string[], extra: Partial<Schema> = {}): Schema => ({
  type: "object",
  description,
  properties,
  ...(required?.length ? { required } : {}),
  ...extra,
});

/** A subtree this sandbox does not model field by field: accepted as written, never reported unknown. */
export const opaque = (description: string): Schema => ({ type: "object", description, "x-kubernetes-preserve-unknown-fields": true });

/** The x-kubernetes-group-version-kind marker kubectl explain uses to find a kind's root schema. */
export const gvk = (group: string, version: string, kind: string): Partial<Schema> => ({
  "x-kubernetes-group-version-kind": [{ group, version, kind }],
});

/** Name of the schema a `$ref` points at. */
export const refName = (r: string): string => (r.startsWith(REF_PREFIX) ? r.slice(REF_PREFIX.length) : r);

/** The named schemas reachable from `root` in `library` (root included). Throws on a dangling ref: a bug in a kind module. */
export function closure(library: Record<string, Schema>, roots: string[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (out[name]) return;
    const s = library[name];
    if (!s) throw new Error(`schema ${name} is referenced but not defined`);
    out[name] = s;
    walk(s);
  };
  const walk = (s: Schema | undefined) => {
    if (!s) return;
    if (s.$ref) visit(refName(s.$ref));
    s.allOf?.forEach(walk);
    if (s.properties) Object.values(s.properties).forEach(walk);
    if (s.items) walk(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === "object") walk(s.additionalProperties);
  };
  roots.forEach(visit);
  return out;
}
