// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for (Accept ...;as=Table) for every
// human-readable `get`, built from the kind's own columns and row function (upstream's
// pkg/printers/internalversion). Rows carry the object as PartialObjectMetadata (kubectl reads
// namespace and labels from it for -A, --show-labels and -L), or the whole object with
// includeObject=Object (--sort-by).
import type { KindDef } from "../kinds/types";
import { apiVersionOf } from "../kinds/types";
import type { K8sObject } from "../types";
import { badRequest } from "../errors";

export type IncludeObject = "None" | "Metadata" | "Object";

export function parseIncludeObject(v: string | null): IncludeObject {
  if (v === null || v === "" || v === "Metadata") return "Metadata";
  if (v === "None" || v === "Object") return v;
  throw badRequest(`includeObject must be one of None, Metadata, Object; got "${v}"`);
}

function rowObject(def: KindDef, o: K8sObject, include: IncludeObject): unknown {
  if (include === "None") return undefined;
  if (include === "Object") return { apiVersion: apiVersionOf(def), kind: def.kind, ...o };
  const { managedFields: _mf, ...metadata } = o.metadata;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata };
}

export function tableRow(def: KindDef, o: K8sObject, now: Date, include: IncludeObject): Record<string, unknown> {
  const object = rowObject(def, o, include);
  return object === undefined ? { cells: def.row(o, now) } : { cells: def.row(o, now), object };
}

export function columnDefinitions(def: KindDef): unknown[] {
  return def.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? "", description: c.description, priority: c.priority }));
}

export function toTable(def: KindDef, objs: K8sObject[], now: Date, include: IncludeObject, meta: { resourceVersion?: string; continue?: string } = {}, withColumns = true): Record<string, unknown> {
  const metadata: Record<string, string> = {};
  if (meta.resourceVersion) metadata.resourceVersion = meta.resourceVersion;
  if (meta.continue) metadata.continue = meta.continue;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata,
    ...(withColumns ? { columnDefinitions: columnDefinitions(def) } : {}),
    rows: objs.map((o) => tableRow(def, o, now, include)),
  };
}
