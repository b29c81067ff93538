// What most kinds share: the standard verb list, the Name/Age columns, and the update rules of the
// generic registry (status kept on main-resource writes, only status written through /status,
// metadata.generation set on create and bumped when spec changes), plus `defineKind`, which
// gathers the schemas a kind's root reaches so each KindDef carries its own closure.
import { isDeepStrictEqual } from "node:util";
import { badRequest } from "../errors";
import type { K8sObject } from "../types";
import { decodeError } from "./fields";
import { age } from "./format";
import { closure, gvk } from "./schema";
import type { KindDef, Schema, TableColumn } from "./types";

export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const nameColumn: TableColumn = {
  name: "Name",
  type: "string",
  format: "name",
  description: "Name of the object, unique within its namespace (or the cluster, for cluster-scoped kinds).",
  priority: 0,
};

export const ageColumn: TableColumn = {
  name: "Age",
  type: "string",
  format: "",
  description: "Time since the object was created, as a short duration.",
  priority: 0,
};

export const col = (name: string, description: string, priority: 0 | 1 = 0, type: TableColumn["type"] = "string"): TableColumn => ({
  name,
  type,
  format: "",
  description,
  priority,
});

/** The generic server fallback: Name and Age. */
export const genericColumns: TableColumn[] = [nameColumn, ageColumn];
export const genericRow = (o: K8sObject, now: Date): unknown[] => [o.metadata.name, age(o, now)];

export interface UpdateRules {
  /** The kind has a status the main resource may not change (status subresource). */
  status?: boolean;
  /** metadata.generation = 1 on create, +1 whenever spec (or `generationFields`) changes. */
  generation?: boolean;
  /** Top-level fields that count as "spec" for the generation bump (default ["spec"]). */
  generationFields?: string[];
}

/** prepareForCreate/prepareForUpdate bookkeeping shared by every kind. */
export function prepareCreateCommon(obj: K8sObject, rules: UpdateRules): void {
  if (rules.generation) obj.metadata.generation = 1;
  else delete obj.metadata.generation;
}

export function prepareUpdateCommon(obj: K8sObject, old: K8sObject, rules: UpdateRules, subresource?: string): void {
  if (rules.status && subresource === "status") {
    // Only status changes through /status; spec and most metadata stay as stored (ResetObjectMetaForStatus).
    for (const k of Object.keys(obj)) if (k !== "status" && k !== "metadata" && k !== "apiVersion" && k !== "kind") delete obj[k];
    for (const k of Object.keys(old)) if (k !== "status" && k !== "metadata") obj[k] = structuredClone(old[k]);
    const managedFields = obj.metadata.managedFields;
    obj.metadata = structuredClone(old.metadata);
    if (managedFields) obj.metadata.managedFields = managedFields;
    return;
  }
  if (rules.status) {
    if (old.status === undefined) delete obj.status;
    else obj.status = structuredClone(old.status);
  }
  if (rules.generation) {
    const fields = rules.generationFields ?? ["spec"];
    const changed = fields.some((f) => !isDeepStrictEqual(obj[f], old[f]));
    const prev = old.metadata.generation ?? 1;
    obj.metadata.generation = changed ? prev + 1 : prev;
  } else if (old.metadata.generation === undefined) delete obj.metadata.generation;
  else obj.metadata.generation = old.metadata.generation;
}

export interface KindSpec extends Omit<KindDef, "schemas" | "rootSchema"> {
  /** Name of the kind's root schema in `library`. */
  rootSchema: string;
  /** Root schema (gets x-kubernetes-group-version-kind added) and every schema it references. */
  library: Record<string, Schema>;
}

/** Builds a KindDef: marks the root with its group-version-kind and collects the schemas it reaches. */
export function defineKind(k: KindSpec): KindDef {
  const { library, validate, ...rest } = k;
  const root = { ...library[k.rootSchema], ...gvk(k.group, k.version, k.kind) };
  const schemas = closure({ ...library, [k.rootSchema]: root }, [k.rootSchema]);
  const def: KindDef = { ...rest, schemas };
  // A body the API server's decoder would reject (wrong JSON types, bad quantities or base64) is a
  // 400 before any field validation, worded as the decoder words it.
  def.validate = (o: K8sObject, old?: K8sObject) => {
    const problem = decodeError(def, o);
    if (problem) throw badRequest(`${k.kind} in version "${k.version}" cannot be handled as a ${k.kind}: ${problem}`);
    return validate?.(o, old) ?? [];
  };
  return def;
}
