// Field ownership (metadata.managedFields) and server-side apply, after upstream's
// k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager and sigs.k8s.io/structured-merge-diff:
// every write records which manager set which fields (FieldsV1 tries: "f:<field>",
// "k:{<list keys>}", "v:<value>", "." for the item itself); an apply merges the manager's
// configuration into the live object, removes fields it applied before and no longer does, and
// refuses (409 Conflict, FieldManagerConflict causes) to change a value another manager owns
// unless forced. List keys come from the kind's schema (x-kubernetes-list-map-keys / patch merge key).
import { ApiError } from "../errors";
import type { ManagedFieldsEntry, K8sObject } from "../types";
import { isPlainObject, type SchemaLookup } from "./patch";

export type Trie = { [seg: string]: Trie };

/** Defaults the API server fills into list keys before comparing (container/service ports). */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: "TCP" };

function listKeys(at: SchemaLookup, path: string[]): string[] | undefined {
  const s = at(path);
  if (!s) return undefined;
  if (s["x-kubernetes-list-type"] === "map" && s["x-kubernetes-list-map-keys"]?.length) return s["x-kubernetes-list-map-keys"];
  if (s["x-kubernetes-list-type"] === "atomic") return undefined;
  const mk = s["x-kubernetes-patch-merge-key"];
  return mk ? [mk] : undefined;
}

function isSetList(at: SchemaLookup, path: string[]): boolean {
  const s = at(path);
  return s?.["x-kubernetes-list-type"] === "set" || (s?.["x-kubernetes-patch-strategy"] ?? "").includes("merge");
}

function itemKey(item: Record<string, unknown>, keys: string[]): string {
  const k: Record<string, unknown> = {};
  for (const name of keys) {
    const v = item[name] ?? KEY_DEFAULTS[name];
    if (v !== undefined) k[name] = v;
  }
  return "k:" + JSON.stringify(k);
}

function objFields(o: Record<string, unknown>, path: string[], at: SchemaLookup): Trie {
  const t: Trie = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    t["f:" + k] = valueFields(v, [...path, k], at);
  }
  return t;
}

function valueFields(v: unknown, path: string[], at: SchemaLookup): Trie {
  if (isPlainObject(v)) {
    if (at(path)?.["x-kubernetes-map-type"] === "atomic" || Object.keys(v).length === 0) return {};
    return objFields(v, path, at);
  }
  if (Array.isArray(v)) {
    const keys = listKeys(at, path);
    if (keys && v.length && v.every(isPlainObject)) {
      const t: Trie = {};
      for (const item of v as Record<string, unknown>[]) t[itemKey(item, keys)] = { ".": {}, ...objFields(item, path, at) };
      return t;
    }
    if (v.length && v.every((x) => !isPlainObject(x) && !Array.isArray(x)) && isSetList(at, path)) {
      const t: Trie = {};
      for (const x of v) t["v:" + JSON.stringify(x)] = {};
      return t;
    }
  }
  return {};
}

const OWNED_METADATA = ["labels", "annotations", "ownerReferences", "finalizers"];

/**
 * The part of an object field managers own: not apiVersion/kind or server-set metadata, and
 * either the status (writes through /status) or everything but the status (the main resource).
 */
export function ownedView(o: K8sObject, statusScope: boolean | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === "apiVersion" || k === "kind") continue;
    if (k === "metadata") {
      const m: Record<string, unknown> = {};
      for (const f of OWNED_METADATA) if ((o.metadata as any)?.[f] !== undefined) m[f] = (o.metadata as any)[f];
      if (Object.keys(m).length && statusScope !== true) out.metadata = m;
      continue;
    }
    if (statusScope === true ? k !== "status" : statusScope === false && k === "status") continue;
    out[k] = v;
  }
  return out;
}

export function fieldsOf(o: Record<string, unknown>, at: SchemaLookup): Trie {
  return objFields(o, [], at);
}

/** Every owned leaf path of a trie (a node with no children, or an item's "."). */
export function leaves(t: Trie, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const [seg, child] of Object.entries(t)) {
    const p = [...prefix, seg];
    if (Object.keys(child).length === 0) out.push(p);
    else leaves(child, p, out);
  }
  return out;
}

export function hasPath(t: Trie, p: string[]): boolean {
  let cur: Trie | undefined = t;
  for (const seg of p) {
    cur = cur[seg];
    if (!cur) return false;
  }
  return true;
}

function addPath(t: Trie, p: string[]): void {
  let cur = t;
  for (const seg of p) cur = cur[seg] ??= {};
}

function removePath(t: Trie, p: string[]): void {
  const stack: Trie[] = [t];
  let cur = t;
  for (const seg of p.slice(0, -1)) {
    const next = cur[seg];
    if (!next) return;
    stack.push(next);
    cur = next;
  }
  delete cur[p[p.length - 1]];
  // Prune parents left empty that were not leaves themselves.
  for (let i = p.length - 2; i >= 0; i--) {
    const parent = stack[i];
    const child = parent[p[i]];
    if (child && Object.keys(child).length === 0) delete parent[p[i]];
    else break;
  }
}

export function fromLeaves(paths: string[][]): Trie {
  const t: Trie = {};
  for (const p of paths) addPath(t, p);
  return t;
}

/** The value at a trie path in an object (undefined when absent). */
export function valueAt(o: unknown, p: string[]): unknown {
  let cur: any = o;
  for (const seg of p) {
    if (cur === undefined || cur === null) return undefined;
    if (seg === ".") return cur;
    if (seg.startsWith("f:")) cur = cur[seg.slice(2)];
    else if (seg.startsWith("k:")) {
      const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      cur = Array.isArray(cur) ? cur.find((x) => isPlainObject(x) && Object.entries(key).every(([k, v]) => (x[k] ?? KEY_DEFAULTS[k]) === v)) : undefined;
    } else if (seg.startsWith("v:")) {
      const want = seg.slice(2);
      cur = Array.isArray(cur) ? cur.find((x) => JSON.stringify(x) === want) : undefined;
    } else return undefined;
  }
  return cur;
}

/** ".spec.template.spec.containers[name=\"nginx\"].image": how conflicts name a field. */
export function pathString(p: string[]): string {
  let s = "";
  for (const seg of p) {
    if (seg === ".") continue;
    if (seg.startsWith("f:")) s += "." + seg.slice(2);
    else if (seg.startsWith("k:")) {
      const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      s += "[" + Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",") + "]";
    } else if (seg.startsWith("v:")) s += `[=${seg.slice(2)}]`;
  }
  return s;
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Entry {
  e: ManagedFieldsEntry;
  set: Trie;
}

const entryId = (e: ManagedFieldsEntry) => `${e.manager ?? ""}\u0000${e.operation ?? ""}\u0000${e.subresource ?? ""}`;

function readEntries(o: K8sObject | undefined): Entry[] {
  return (o?.metadata?.managedFields ?? []).map((e) => ({ e: { ...e }, set: structuredClone((e.fieldsV1 ?? {}) as Trie) }));
}

function writeEntries(o: K8sObject, entries: Entry[]): void {
  const kept = entries.filter((x) => Object.keys(x.set).length > 0);
  if (kept.length) o.metadata.managedFields = kept.map((x) => ({ ...x.e, fieldsType: "FieldsV1", fieldsV1: x.set }));
  else delete o.metadata.managedFields;
}

export interface ManagerInfo {
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
  /** The kind has a status subresource: the main resource's managers do not own status. */
  hasStatus: boolean;
  at: SchemaLookup;
}

/**
 * Records an Update by `manager`: fields it added or changed become its own (taken from other
 * managers), fields that disappeared leave every set. When the request itself changed
 * managedFields (kubectl's client-side → server-side apply migration), they are kept as sent.
 */
export function recordUpdate(old: K8sObject | undefined, next: K8sObject, m: ManagerInfo): void {
  if (old) {
    // A request that leaves managedFields out keeps the stored ones; one that changes them is
    // taken as sent ([] resets them), as upstream's fieldmanager decides.
    if (next.metadata.managedFields === undefined) {
      if (old.metadata.managedFields) next.metadata.managedFields = structuredClone(old.metadata.managedFields);
    } else if (!equal(old.metadata.managedFields, next.metadata.managedFields)) {
      if (next.metadata.managedFields.length === 0) delete next.metadata.managedFields;
      return;
    }
  }
  const scope = m.subresource === "status" ? true : m.hasStatus ? false : undefined;
  const nextView = ownedView(next, scope);
  const oldView = old ? ownedView(old, scope) : {};
  const nextSet = fieldsOf(nextView, m.at);
  const oldSet = fieldsOf(oldView, m.at);
  const changed = leaves(nextSet).filter((p) => !hasPath(oldSet, p) || !equal(valueAt(oldView, p), valueAt(nextView, p)));
  const removed = leaves(oldSet).filter((p) => !hasPath(nextSet, p));
  if (!changed.length && !removed.length && old) return;
  const entries = readEntries(old ?? next);
  const me: ManagedFieldsEntry = { manager: m.manager, operation: "Update", apiVersion: m.apiVersion, time: m.time, ...(m.subresource ? { subresource: m.subresource } : {}) };
  let mine = entries.find((x) => entryId(x.e) === entryId(me));
  if (!mine) {
    mine = { e: me, set: {} };
    entries.push(mine);
  }
  mine.e = me;
  for (const x of entries) {
    for (const p of removed) removePath(x.set, p);
    if (x !== mine) for (const p of changed) removePath(x.set, p);
  }
  for (const p of changed) addPath(mine.set, p);
  writeEntries(next, entries);
}

export interface ApplyResult {
  object: K8sObject;
}

/**
 * Server-side apply of `config` (the manager's intent) onto `live` (undefined = create). Throws
 * 409 Conflict when another manager owns a field the config sets to a different value, unless `force`.
 */
export function apply(live: K8sObject | undefined, config: K8sObject, m: ManagerInfo & { force: boolean; groupVersion: string }): K8sObject {
  const scope = m.subresource === "status" ? true : m.hasStatus ? false : undefined;
  const cfgView = ownedView(stripNulls(config) as K8sObject, scope);
  const applied = fieldsOf(cfgView, m.at);
  const me: ManagedFieldsEntry = { manager: m.manager, operation: "Apply", apiVersion: m.apiVersion, time: m.time, ...(m.subresource ? { subresource: m.subresource } : {}) };

  if (!live) {
    const created = structuredClone(stripNulls(config)) as K8sObject;
    created.metadata = created.metadata ?? {};
    delete created.metadata.managedFields;
    if (Object.keys(applied).length) created.metadata.managedFields = [{ ...me, fieldsType: "FieldsV1", fieldsV1: applied }];
    return created;
  }

  const liveView = ownedView(live, scope);
  const entries = readEntries(live);
  let mine = entries.find((x) => entryId(x.e) === entryId(me));
  const appliedLeaves = leaves(applied);

  // Conflicts: another manager owns a leaf this config sets to a different value.
  const conflicts: { manager: Entry; path: string[] }[] = [];
  for (const x of entries) {
    if (x === mine) continue;
    for (const p of appliedLeaves) {
      if (p[p.length - 1] === ".") continue;
      if (hasPath(x.set, p) && !equal(valueAt(liveView, p), valueAt(cfgView, p))) conflicts.push({ manager: x, path: p });
    }
  }
  if (conflicts.length && !m.force) throw conflictError(conflicts);
  for (const c of conflicts) removePath(c.manager.set, c.path);

  const result = structuredClone(live);
  // Fields this manager applied before and no longer applies go away unless someone else owns them.
  if (mine) {
    const dropped = leaves(mine.set).filter((p) => !hasPath(applied, p) && !entries.some((x) => x !== mine && hasPath(x.set, p)));
    // Deepest first, so removing an item does not shift a sibling's path.
    dropped.sort((a, b) => b.length - a.length);
    for (const p of dropped) deleteAt(result, p);
  }
  mergeApplied(result as Record<string, any>, cfgView, [], m.at);
  if (!mine) {
    mine = { e: me, set: {} };
    entries.push(mine);
  }
  mine.e = me;
  mine.set = applied;
  writeEntries(result, entries);
  return result;
}

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}

function conflictError(conflicts: { manager: Entry; path: string[] }[]): ApiError {
  const byManager = new Map<string, { e: ManagedFieldsEntry; paths: string[] }>();
  for (const c of conflicts) {
    const id = entryId(c.manager.e);
    const g = byManager.get(id) ?? { e: c.manager.e, paths: [] };
    g.paths.push(pathString(c.path));
    byManager.set(id, g);
  }
  const n = conflicts.length;
  const who = (e: ManagedFieldsEntry) => (e.operation === "Update" ? `"${e.manager}"` : `"${e.manager}"`) + ` using ${e.apiVersion}`;
  let message: string;
  if (n === 1) {
    const [g] = byManager.values();
    message = `Apply failed with 1 conflict: conflict with ${who(g.e)}: ${g.paths[0]}`;
  } else {
    const parts = [...byManager.values()].map((g) => `conflicts with ${who(g.e)}:\n${g.paths.map((p) => `- ${p}`).join("\n")}`);
    message = `Apply failed with ${n} conflicts: ${parts.join("\n")}`;
  }
  const causes = conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${who(c.manager.e)}`, field: pathString(c.path) }));
  return new ApiError(409, "Conflict", message, { causes });
}

function deleteAt(o: unknown, p: string[]): void {
  if (p[p.length - 1] === ".") p = p.slice(0, -1);
  if (!p.length) return;
  const parent = valueAt(o, p.slice(0, -1)) as any;
  const last = p[p.length - 1];
  if (parent === undefined || parent === null) return;
  if (last.startsWith("f:") && isPlainObject(parent)) {
    delete parent[last.slice(2)];
    // A map emptied by the removal goes too (labels: {} after the last applied label is dropped).
    if (Object.keys(parent).length === 0 && p.length >= 2 && p[p.length - 2].startsWith("f:") && p.length > 2) deleteAt(o, p.slice(0, -1));
  } else if ((last.startsWith("k:") || last.startsWith("v:")) && Array.isArray(parent)) {
    const item = valueAt(parent, [last]);
    const i = parent.indexOf(item);
    if (i >= 0) parent.splice(i, 1);
  }
}

/** Merges an applied configuration into the live object: maps recursively, keyed lists by key, the rest replaced. */
function mergeApplied(live: Record<string, any>, cfg: Record<string, any>, path: string[], at: SchemaLookup): void {
  for (const [k, v] of Object.entries(cfg)) {
    const p = [...path, k];
    const cur = live[k];
    if (isPlainObject(v) && isPlainObject(cur) && at(p)?.["x-kubernetes-map-type"] !== "atomic") {
      mergeApplied(cur, v, p, at);
      continue;
    }
    if (Array.isArray(v) && Array.isArray(cur)) {
      const keys = listKeys(at, p);
      if (keys && v.every(isPlainObject) && cur.every(isPlainObject)) {
        const out = [...cur];
        for (const item of v) {
          const key = itemKey(item, keys);
          const idx = out.findIndex((x) => itemKey(x, keys) === key);
          if (idx >= 0) {
            const merged = structuredClone(out[idx]);
            mergeApplied(merged, item, p, at);
            out[idx] = merged;
          } else out.push(structuredClone(item));
        }
        live[k] = out;
        continue;
      }
      if (isSetList(at, p) && v.every((x) => !isPlainObject(x))) {
        const out = [...cur];
        for (const x of v) if (!out.some((y) => equal(x, y))) out.push(x);
        live[k] = out;
        continue;
      }
    }
    live[k] = structuredClone(v);
  }
}
