// The three PATCH formats the API server accepts besides server-side apply: JSON merge patch
// (RFC 7386), JSON patch (RFC 6902, via fast-json-patch) and strategic merge patch
// (k8s.io/apimachinery/pkg/util/strategicpatch), whose merge keys and strategies are read from
// the kind's OpenAPI schema (x-kubernetes-patch-merge-key / -strategy), as upstream reads them
// from the Go struct tags the schema is generated from.
import fjp, { type Operation } from "fast-json-patch";
import { ApiError, badRequest } from "../errors";
import type { Schema } from "../kinds/types";

/** Resolves the schema of a field path (field names only; list items share their list's path). */
export type SchemaLookup = (path: string[]) => Schema | undefined;

export const isPlainObject = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge recursively, null deletes, anything else (arrays included) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902 JSON patch. A failing operation is a 422 as upstream words it ("the server rejected our request..."). */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest(`json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
  try {
    return fjp.applyPatch(structuredClone(doc), ops as Operation[], true, false).newDocument;
  } catch (e) {
    const name = (e as { name?: string }).name ?? "";
    const msg = (e as Error).message.split("\n")[0];
    if (name === "TEST_OPERATION_FAILED") throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: testing value failed`);
    throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: ${msg}`);
  }
}

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER = "$setElementOrder/";
const DELETE_FROM_PRIMITIVE = "$deleteFromPrimitiveList/";

function strategyOf(s: Schema | undefined): string[] {
  return (s?.["x-kubernetes-patch-strategy"] ?? "").split(",").map((x) => x.trim()).filter(Boolean);
}

/** Removes SMP directives from a value that is being set wholesale (a new list item, a replaced map). */
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isPlainObject(x) && Object.keys(x).length === 1 && DIRECTIVE in x)).map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM_PRIMITIVE)) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

/** strategicpatch.StrategicMergePatch for JSON documents. */
export function strategicMergePatch(original: unknown, patch: unknown, at: SchemaLookup): unknown {
  if (!isPlainObject(patch)) throw badRequest(`unable to find api field in struct: the patch must be a JSON object`);
  const out = mergeMap(isPlainObject(original) ? original : {}, patch, [], at);
  return out ?? {};
}

function mergeMap(orig: Record<string, any>, patch: Record<string, any>, path: string[], at: SchemaLookup): Record<string, any> | undefined {
  const directive = patch[DIRECTIVE];
  if (directive === "replace") return stripDirectives(patch) as Record<string, any>;
  if (directive === "delete") return undefined;
  if (directive !== undefined && directive !== "merge") throw badRequest(`Unknown patch directive: ${JSON.stringify(directive)}`);

  const out: Record<string, any> = { ...orig };
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw badRequest(`invalid $retainKeys directive: must be a list of field names`);
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  // $deleteFromPrimitiveList applies to the original list before the merge, as upstream does.
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(DELETE_FROM_PRIMITIVE)) continue;
    const field = k.slice(DELETE_FROM_PRIMITIVE.length);
    if (!Array.isArray(v)) throw badRequest(`invalid ${k} directive: must be a list`);
    if (Array.isArray(out[field])) out[field] = out[field].filter((x: unknown) => !v.includes(x));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM_PRIMITIVE)) continue;
    const p = [...path, k];
    if (v === null) {
      delete out[k];
      continue;
    }
    if (isPlainObject(v)) {
      const s = at(p);
      if (s?.["x-kubernetes-map-type"] === "atomic" || strategyOf(s).includes("replace")) {
        out[k] = stripDirectives(v);
        continue;
      }
      const merged = mergeMap(isPlainObject(out[k]) ? out[k] : {}, v, p, at);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
      continue;
    }
    if (Array.isArray(v)) {
      const s = at(p);
      if (strategyOf(s).includes("merge")) out[k] = mergeList(Array.isArray(out[k]) ? out[k] : [], v, s?.["x-kubernetes-patch-merge-key"], p, at);
      else out[k] = stripDirectives(v);
      continue;
    }
    out[k] = v;
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER)) continue;
    const field = k.slice(SET_ORDER.length);
    if (!Array.isArray(order)) throw badRequest(`invalid ${k} directive: must be a list`);
    if (Array.isArray(out[field])) out[field] = applyOrder(out[field], order, at([...path, field])?.["x-kubernetes-patch-merge-key"]);
  }
  return out;
}

function mergeList(orig: any[], patch: any[], mergeKey: string | undefined, path: string[], at: SchemaLookup): any[] {
  if (patch.some((x) => isPlainObject(x) && x[DIRECTIVE] === "replace" && Object.keys(x).length === 1)) return stripDirectives(patch) as any[];
  if (!mergeKey || !patch.some(isPlainObject)) {
    // A list of primitives with the merge strategy: the union, original order first.
    const out = [...orig];
    for (const x of patch) if (!out.some((y) => JSON.stringify(y) === JSON.stringify(x))) out.push(x);
    return out;
  }
  const out = [...orig];
  for (const item of patch) {
    if (!isPlainObject(item)) throw badRequest(`unable to merge a non-object item into a list keyed by ${JSON.stringify(mergeKey)}`);
    const key = item[mergeKey];
    const idx = out.findIndex((x) => isPlainObject(x) && x[mergeKey] === key && key !== undefined);
    if (item[DIRECTIVE] === "delete") {
      for (let i = out.length - 1; i >= 0; i--) if (isPlainObject(out[i]) && out[i][mergeKey] === key) out.splice(i, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(out[idx], item, path, at);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      if (key === undefined) throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
      out.push(mergeMap({}, item, path, at));
    }
  }
  return out;
}

/** $setElementOrder: listed elements in the given order; elements it does not name keep their place after them. */
function applyOrder(list: any[], order: any[], mergeKey: string | undefined): any[] {
  const keyOf = (x: any) => JSON.stringify(mergeKey && isPlainObject(x) ? x[mergeKey] : x);
  const rank = new Map(order.map((x, i) => [keyOf(x), i]));
  const indexed = list.map((x, i) => ({ x, i, r: rank.get(keyOf(x)) }));
  indexed.sort((a, b) => {
    if (a.r !== undefined && b.r !== undefined) return a.r - b.r;
    if (a.r !== undefined) return -1;
    if (b.r !== undefined) return 1;
    return a.i - b.i;
  });
  return indexed.map((e) => e.x);
}
