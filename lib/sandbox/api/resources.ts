// The REST verbs on resource paths (upstream's generic registry + handlers): list/watch, create,
// get, update, patch (JSON, merge, strategic, apply), delete and deletecollection, plus the
// status and scale subresources. Each write runs the same steps in the same order: decode, check
// names and namespaces, strict field validation, the kind's validation, field ownership, then the
// store (which applies the kind's defaults and resourceVersion concurrency).
import type { Cluster } from "../cluster";
import { rfc3339 } from "../clock";
import { ApiError, badRequest, conflict, invalid, methodNotAllowed, notFound, notFoundPath, forbidden } from "../errors";
import { schemaAt } from "../kinds/fields";
import { apiVersionOf, type KindDef, type Schema } from "../kinds/types";
import type { K8sObject, ResourceRef } from "../types";
import type { RequestContext } from "./context";
import { checkUnknownFields, decodeObject, parseFieldValidation, parseJSON, parseYAML, PROTOBUF } from "./decode";
import { deleteObject, parsePropagation, type DeleteOptions } from "./deletion";
import { apply, recordUpdate, type ManagerInfo } from "./fieldmanager";
import { mediaType, parseAccept, queryFlag, queryInt, readBody, sendJSON, successStatus } from "./http";
import { serveLogs } from "./logs";
import { isPlainObject, jsonPatch, mergePatch, strategicMergePatch, type SchemaLookup } from "./patch";
import { handleReview } from "./reviews";
import type { Route } from "./route";
import { compileFilter, matches } from "./selectors";
import { parseIncludeObject, toTable } from "./table";
import { serveWatch } from "./watch";

type ResourceRoute = Extract<Route, { type: "resource" }>;

const NAMESPACES: ResourceRef = { group: "", resource: "namespaces" };

const APPLY = "application/apply-patch+yaml";
const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", APPLY];

export async function handleResource(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const def = ctx.cluster.kinds.byResource({ group: route.group, resource: route.resource });
  if (!def || def.version !== route.version) throw notFoundPath();
  if (!def.namespaced && route.namespace) throw notFoundPath();
  const ref: ResourceRef = { group: def.group, resource: def.plural };
  const method = ctx.req.method ?? "GET";
  const ns = def.namespaced ? route.namespace : undefined;

  if (def.createOnly) {
    if (route.name || method !== "POST") throw methodNotAllowed();
    return handleReview(ctx, def, ns);
  }
  if (!route.name) {
    if (method === "GET") return queryFlag(ctx.query, "watch") ? watch(ctx, def, ref, ns) : list(ctx, def, ref, ns);
    if (def.namespaced && !ns) throw methodNotAllowed();
    if (method === "POST") return create(ctx, def, ref, ns);
    if (method === "DELETE") return deleteCollection(ctx, def, ref, ns);
    throw methodNotAllowed();
  }
  if (def.namespaced && !ns) throw notFoundPath();
  const name = route.name;
  const sub = route.subresource;
  if (sub) {
    if (!def.subresources?.includes(sub as never)) throw notFoundPath();
    switch (sub) {
      case "status":
        if (method === "GET") return get(ctx, def, ref, ns, name);
        if (method === "PUT") return update(ctx, def, ref, ns, name, "status");
        if (method === "PATCH") return patch(ctx, def, ref, ns, name, "status");
        throw methodNotAllowed();
      case "scale":
        return scale(ctx, def, ref, ns, name, method);
      case "log":
        if (method !== "GET") throw methodNotAllowed();
        return serveLogs(ctx, ctx.cluster.store.mustGet(ref, ns, name));
      case "exec":
      case "attach":
      case "portforward":
        // The streaming subresources arrive as upgrades (server.ts); a plain request cannot stream.
        throw badRequest("Upgrade request required");
      case "eviction":
        if (method !== "POST") throw methodNotAllowed();
        return evict(ctx, def, ref, ns!, name);
      case "binding":
        if (method !== "POST") throw methodNotAllowed();
        return bind(ctx, def, ref, ns!, name);
      case "ephemeralcontainers":
        if (method === "GET") return get(ctx, def, ref, ns, name);
        // kubectl debug: the simulated kubelet runs no ephemeral containers; say so instead of waiting forever.
        throw badRequest(`ephemeral containers (kubectl debug) are not supported in the sandbox cluster: start a separate debugging pod instead, e.g. kubectl run -it --rm debug --image=busybox --restart=Never -- sh`);
      default:
        throw methodNotAllowed();
    }
  }
  switch (method) {
    case "GET":
      return get(ctx, def, ref, ns, name);
    case "PUT":
      return update(ctx, def, ref, ns, name);
    case "PATCH":
      return patch(ctx, def, ref, ns, name);
    case "DELETE":
      return remove(ctx, def, ref, ns, name);
    default:
      throw methodNotAllowed();
  }
}

/** The object as the API returns it: apiVersion and kind first. */
export function withType(def: KindDef, o: K8sObject): K8sObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...rest } as K8sObject;
}

function requireVerb(def: KindDef, verb: string): void {
  if (!def.verbs.includes(verb)) throw methodNotAllowed();
}

function parseDryRun(q: URLSearchParams): boolean {
  const all = q.getAll("dryRun");
  for (const v of all) if (v !== "All") throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  return all.length > 0;
}

const lookupCache = new WeakMap<KindDef, Map<string, Schema | undefined>>();

/** schemaAt, memoised per kind and path (strategic merge and field ownership ask for the same paths on every write). */
export function schemaLookup(def: KindDef): SchemaLookup {
  let memo = lookupCache.get(def);
  if (!memo) {
    memo = new Map();
    lookupCache.set(def, memo);
  }
  const m = memo;
  return (path) => {
    const k = path.join("\u0000");
    if (m.has(k)) return m.get(k);
    const s = schemaAt(def, path);
    m.set(k, s);
    return s;
  };
}

/** The manager name upstream derives from the User-Agent when fieldManager is not given ("kubectl/v1.32.4 (...)" → "kubectl"). */
function defaultManager(ctx: RequestContext): string {
  const ua = ctx.req.headers["user-agent"] ?? "unknown";
  return ua.split("/")[0].slice(0, 128) || "unknown";
}

function managerInfo(ctx: RequestContext, def: KindDef, subresource?: string): ManagerInfo {
  const given = ctx.query.get("fieldManager");
  if (given !== null && given.length > 128) throw invalidManager(given);
  return {
    manager: given || defaultManager(ctx),
    apiVersion: apiVersionOf(def),
    time: rfc3339(ctx.cluster.clock.now()),
    subresource,
    hasStatus: def.subresources?.includes("status") ?? false,
    at: schemaLookup(def),
  };
}

const invalidManager = (m: string) => badRequest(`fieldManager: Too long: must have at most 128 bytes (got ${m.length})`);

/** kind/apiVersion in the body, when given, must be this endpoint's. */
function checkTypeMeta(def: KindDef, o: K8sObject): void {
  const want = apiVersionOf(def);
  if (o.kind && o.kind !== def.kind) throw badRequest(`the object provided is unrecognized (must be of type ${def.kind}): ${o.kind} in version "${o.apiVersion ?? ""}" cannot be handled as a ${def.kind}`);
  if (o.apiVersion && o.apiVersion !== want) throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${want})`);
}

/** metadata.namespace must be empty or the request's (and is then filled in). */
function setNamespace(def: KindDef, o: K8sObject, ns: string | undefined): void {
  if (!def.namespaced) {
    delete o.metadata.namespace;
    return;
  }
  if (o.metadata.namespace && o.metadata.namespace !== ns) throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  o.metadata.namespace = ns;
}

function validate(def: KindDef, o: K8sObject, old?: K8sObject): void {
  const errs = def.validate?.(o, old) ?? [];
  if (errs.length) throw invalid(def.kind, def.group, o.metadata.name ?? "", errs);
}

/** Creating in a namespace needs the namespace to exist and not be terminating (NamespaceLifecycle admission). */
function checkNamespaceWritable(cluster: Cluster, def: KindDef, ns: string | undefined, name: string): void {
  if (!def.namespaced || !ns) return;
  const nsObj = cluster.store.get(NAMESPACES, undefined, ns);
  if (!nsObj) throw notFound("namespaces", "", ns);
  if (nsObj.metadata.deletionTimestamp)
    throw forbidden(`${def.group ? `${def.plural}.${def.group}` : def.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
}

/** Decoding an object body by Content-Type, then the common type and namespace checks. */
async function readObject(ctx: RequestContext, def: KindDef, ns: string | undefined): Promise<K8sObject> {
  const body = await readBody(ctx.req);
  const o = decodeObject(body, mediaType(ctx.req), ctx.cluster, def);
  checkTypeMeta(def, o);
  setNamespace(def, o, ns);
  return o;
}

function respondObject(ctx: RequestContext, def: KindDef, code: number, o: K8sObject): void {
  if (parseAccept(ctx.req.headers.accept).table) {
    const include = parseIncludeObject(ctx.query.get("includeObject"));
    sendJSON(ctx, code, toTable(def, [o], ctx.cluster.clock.now(), include, { resourceVersion: o.metadata.resourceVersion }));
    return;
  }
  sendJSON(ctx, code, withType(def, o));
}

// ---- read ----

function get(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined, name: string): void {
  requireVerb(def, "get");
  respondObject(ctx, def, 200, ctx.cluster.store.mustGet(ref, ns, name));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: t.rv, start: t.start })).toString("base64url");
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (typeof t.rv === "number" && typeof t.start === "string") return { rv: t.rv, start: t.start };
  } catch {
    // fall through
  }
  throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
}

const sortKey = (o: K8sObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;

function list(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined): void {
  requireVerb(def, "list");
  const q = ctx.query;
  const filter = compileFilter({ group: def.group, version: def.version, kind: def.kind, resource: def.plural }, q.get("labelSelector"), q.get("fieldSelector"));
  const limit = queryInt(q, "limit") ?? 0;
  const cont = q.get("continue");
  const token = cont ? decodeContinue(cont) : undefined;
  let items = ctx.cluster.store.listShared(ref, ns).filter((o) => matches(filter, o as K8sObject)) as K8sObject[];
  if (token) items = items.filter((o) => sortKey(o) > token.start);
  let next: string | undefined;
  let remaining: number | undefined;
  const rv = token?.rv ?? ctx.cluster.store.resourceVersion;
  if (limit > 0 && items.length > limit) {
    remaining = items.length - limit;
    items = items.slice(0, limit);
    next = encodeContinue({ rv, start: sortKey(items[items.length - 1]) });
  }
  const meta = { resourceVersion: String(ctx.cluster.store.resourceVersion), ...(next ? { continue: next } : {}) };
  if (parseAccept(ctx.req.headers.accept).table) {
    sendJSON(ctx, 200, toTable(def, items, ctx.cluster.clock.now(), parseIncludeObject(q.get("includeObject")), meta));
    return;
  }
  sendJSON(ctx, 200, {
    kind: `${def.kind}List`,
    apiVersion: apiVersionOf(def),
    metadata: { ...meta, ...(remaining ? { remainingItemCount: remaining } : {}) },
    items: items.map((o) => {
      const { apiVersion: _a, kind: _k, ...rest } = o;
      return rest;
    }),
  });
}

function watch(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined): void {
  requireVerb(def, "watch");
  const q = ctx.query;
  const filter = compileFilter({ group: def.group, version: def.version, kind: def.kind, resource: def.plural }, q.get("labelSelector"), q.get("fieldSelector"));
  const table = parseAccept(ctx.req.headers.accept).table ? parseIncludeObject(q.get("includeObject")) : null;
  serveWatch(ctx.res, {
    cluster: ctx.cluster,
    def,
    ref,
    namespace: ns,
    filter,
    resourceVersion: q.get("resourceVersion"),
    timeoutSeconds: queryInt(q, "timeoutSeconds"),
    table,
    signal: ctx.signal,
    bookmarks: queryFlag(q, "allowWatchBookmarks"),
  });
}

// ---- write ----

async function create(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined): Promise<void> {
  requireVerb(def, "create");
  const o = await readObject(ctx, def, ns);
  const dryRun = parseDryRun(ctx.query);
  o.apiVersion = apiVersionOf(def);
  o.kind = def.kind;
  checkUnknownFields(def, o, parseFieldValidation(ctx.query.get("fieldValidation")), ctx.warnings);
  checkNamespaceWritable(ctx.cluster, def, ns, o.metadata.name ?? o.metadata.generateName ?? "");
  validate(def, o);
  checkNoResourceVersion(o);
  delete o.metadata.managedFields;
  recordUpdate(undefined, o, managerInfo(ctx, def));
  const created = ctx.cluster.store.create(ref, o, { dryRun });
  respondObject(ctx, def, 201, created);
}

/**
 * etcd3 storage refuses a create that carries a resourceVersion (an object exported with
 * `kubectl get -o yaml` and created again), with this 500 and wording.
 */
function checkNoResourceVersion(o: K8sObject): void {
  const rv = o.metadata.resourceVersion;
  if (rv && rv !== "0") throw new ApiError(500, "InternalError", "resourceVersion should not be set on objects to be created");
}

/** Keeps the rest of the object for /status writes, and the status for main-resource writes of kinds that have one. */
function scopeWrite(def: KindDef, old: K8sObject, next: K8sObject, sub: string | undefined): K8sObject {
  if (sub === "status") {
    const out = structuredClone(old);
    out.status = next.status;
    out.metadata.resourceVersion = next.metadata.resourceVersion;
    if (next.metadata.managedFields !== undefined) out.metadata.managedFields = next.metadata.managedFields;
    return out;
  }
  if (def.subresources?.includes("status")) {
    if (old.status === undefined) delete next.status;
    else next.status = old.status;
  }
  return next;
}

function writeUpdate(ctx: RequestContext, def: KindDef, ref: ResourceRef, old: K8sObject, next: K8sObject, sub: string | undefined, dryRun: boolean): K8sObject {
  next.apiVersion = old.apiVersion ?? apiVersionOf(def);
  next.kind = old.kind ?? def.kind;
  validate(def, next, old);
  recordUpdate(old, next, managerInfo(ctx, def, sub));
  return ctx.cluster.store.update(ref, next, { subresource: sub, dryRun });
}

async function update(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined, name: string, sub?: string): Promise<void> {
  requireVerb(def, "update");
  const o = await readObject(ctx, def, ns);
  const dryRun = parseDryRun(ctx.query);
  if (!o.metadata.name) o.metadata.name = name;
  if (o.metadata.name !== name) throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
  checkUnknownFields(def, o, parseFieldValidation(ctx.query.get("fieldValidation")), ctx.warnings);
  const old = ctx.cluster.store.mustGet(ref, ns, name);
  const next = scopeWrite(def, old, o, sub);
  respondObject(ctx, def, 200, writeUpdate(ctx, def, ref, old, next, sub, dryRun));
}

async function patch(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined, name: string, sub?: string): Promise<void> {
  requireVerb(def, "patch");
  const type = mediaType(ctx.req);
  if (!PATCH_TYPES.includes(type))
    throw new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(", ")}`);
  const body = await readBody(ctx.req);
  const dryRun = parseDryRun(ctx.query);
  const fv = parseFieldValidation(ctx.query.get("fieldValidation"));
  if (type === APPLY) return serverSideApply(ctx, def, ref, ns, name, sub, body, dryRun, fv);

  const old = ctx.cluster.store.mustGet(ref, ns, name);
  const current = withType(def, old);
  const p = parseJSON(body);
  let patched: unknown;
  if (type === "application/json-patch+json") patched = jsonPatch(current, p);
  else if (type === "application/merge-patch+json") patched = mergePatch(current, p);
  else patched = strategicMergePatch(current, p, schemaLookup(def));
  if (!isPlainObject(patched)) throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: the patched object is not an object`);
  const next = patched as K8sObject;
  if (!isPlainObject(next.metadata)) next.metadata = {};
  if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name ?? ""}) does not match the name on the URL (${name})`);
  if (def.namespaced && next.metadata.namespace !== ns) throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  checkTypeMeta(def, next);
  checkUnknownFields(def, next, fv, ctx.warnings);
  respondObject(ctx, def, 200, writeUpdate(ctx, def, ref, old, scopeWrite(def, old, next, sub), sub, dryRun));
}

async function serverSideApply(
  ctx: RequestContext,
  def: KindDef,
  ref: ResourceRef,
  ns: string | undefined,
  name: string,
  sub: string | undefined,
  body: Buffer,
  dryRun: boolean,
  fv: ReturnType<typeof parseFieldValidation>,
): Promise<void> {
  const manager = ctx.query.get("fieldManager");
  if (!manager) throw badRequest("PATCH " + ctx.url.pathname + ": fieldManager is required for apply requests");
  const cfg = parseYAML(body.toString("utf8"));
  if (!isPlainObject(cfg)) throw badRequest("error decoding YAML: the apply configuration must be an object");
  const config = cfg as K8sObject;
  if (!config.apiVersion) throw badRequest("apiVersion must be set in the apply configuration");
  if (!config.kind) throw badRequest("kind must be set in the apply configuration");
  checkTypeMeta(def, config);
  if (!isPlainObject(config.metadata)) config.metadata = {};
  if (config.metadata.name && config.metadata.name !== name) throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`);
  config.metadata.name = name;
  setNamespace(def, config, ns);
  checkUnknownFields(def, config, fv, ctx.warnings);
  const info = { ...managerInfo(ctx, def, sub), force: queryFlag(ctx.query, "force"), groupVersion: apiVersionOf(def) };
  const old = ctx.cluster.store.get(ref, ns, name);
  if (!old) {
    if (sub) throw notFound(def.plural, def.group, name);
    checkNamespaceWritable(ctx.cluster, def, ns, name);
    checkNoResourceVersion(config);
    const o = apply(undefined, config, info);
    o.apiVersion = apiVersionOf(def);
    o.kind = def.kind;
    o.metadata.name = name;
    if (ns) o.metadata.namespace = ns;
    validate(def, o);
    respondObject(ctx, def, 201, ctx.cluster.store.create(ref, o, { dryRun }));
    return;
  }
  const next = scopeWrite(def, old, apply(old, config, info), sub);
  validate(def, next, old);
  respondObject(ctx, def, 200, ctx.cluster.store.update(ref, next, { subresource: sub, dryRun }));
}

// ---- delete ----

async function readDeleteOptions(ctx: RequestContext): Promise<DeleteOptions> {
  const body = await readBody(ctx.req);
  let o: Record<string, any> = {};
  if (body.length) {
    const type = mediaType(ctx.req);
    if (type === PROTOBUF) o = {};
    else {
      const v = parseJSON(body);
      if (isPlainObject(v)) o = v;
    }
  }
  const q = ctx.query;
  const grace = queryInt(q, "gracePeriodSeconds") ?? (typeof o.gracePeriodSeconds === "number" ? o.gracePeriodSeconds : undefined);
  const dryRun = parseDryRun(q) || (Array.isArray(o.dryRun) && o.dryRun.includes("All"));
  let propagation = parsePropagation(q.get("propagationPolicy") ?? o.propagationPolicy);
  if (!propagation && (q.get("orphanDependents") === "true" || o.orphanDependents === true)) propagation = "Orphan";
  return { gracePeriodSeconds: grace, propagationPolicy: propagation, preconditions: isPlainObject(o.preconditions) ? o.preconditions : undefined, dryRun };
}

async function remove(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined, name: string): Promise<void> {
  requireVerb(def, "delete");
  const opts = await readDeleteOptions(ctx);
  const obj = ctx.cluster.store.mustGet(ref, ns, name);
  const r = deleteObject(ctx.cluster, def, obj, opts);
  if (r.remaining) return respondObject(ctx, def, 200, r.remaining);
  sendJSON(ctx, 200, successStatus({ name, ...(def.group ? { group: def.group } : {}), kind: def.plural, uid: obj.metadata.uid }));
}

async function deleteCollection(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined): Promise<void> {
  requireVerb(def, "deletecollection");
  const opts = await readDeleteOptions(ctx);
  const filter = compileFilter({ group: def.group, version: def.version, kind: def.kind, resource: def.plural }, ctx.query.get("labelSelector"), ctx.query.get("fieldSelector"));
  const items: K8sObject[] = [];
  for (const o of ctx.cluster.store.list(ref, ns)) {
    if (!matches(filter, o)) continue;
    const r = deleteObject(ctx.cluster, def, o, opts);
    items.push(r.remaining ?? r.removed ?? o);
  }
  sendJSON(ctx, 200, { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(ctx.cluster.store.resourceVersion) }, items });
}

// ---- scale ----

function scaleOf(def: KindDef, o: K8sObject): Record<string, unknown> {
  const s = def.scale!;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: s.specReplicas(o) },
    status: { replicas: s.statusReplicas(o), selector: s.selector(o) },
  };
}

async function scale(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string | undefined, name: string, method: string): Promise<void> {
  if (!def.scale) throw notFoundPath();
  const old = ctx.cluster.store.mustGet(ref, ns, name);
  if (method === "GET") return sendJSON(ctx, 200, scaleOf(def, old));
  if (method !== "PUT" && method !== "PATCH") throw methodNotAllowed();
  const body = await readBody(ctx.req);
  const dryRun = parseDryRun(ctx.query);
  let wanted: any;
  if (method === "PUT") wanted = decodeObject(body, mediaType(ctx.req), ctx.cluster);
  else {
    const type = mediaType(ctx.req);
    const p = parseJSON(body);
    const cur = scaleOf(def, old);
    if (type === "application/json-patch+json") wanted = jsonPatch(cur, p);
    else if (type === "application/merge-patch+json" || type === "application/strategic-merge-patch+json") wanted = mergePatch(cur, p);
    else throw new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.slice(0, 3).join(", ")}`);
  }
  const replicas = wanted?.spec?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0)
    throw invalid("Scale", "autoscaling", name, [{ type: "FieldValueInvalid", field: "spec.replicas", message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` }]);
  const rv = wanted?.metadata?.resourceVersion;
  const next = structuredClone(old);
  def.scale.setSpecReplicas(next, replicas);
  if (rv) next.metadata.resourceVersion = rv;
  validate(def, next, old);
  recordUpdate(old, next, managerInfo(ctx, def, "scale"));
  const updated = ctx.cluster.store.update(ref, next, { subresource: "scale", dryRun });
  sendJSON(ctx, 200, scaleOf(def, updated));
}

// ---- eviction and binding ----

/** POST pods/<name>/eviction (kubectl drain): no PodDisruptionBudgets exist here, so an eviction is a graceful delete. */
async function evict(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string, name: string): Promise<void> {
  const body = await readBody(ctx.req);
  const eviction = body.length ? decodeObject(body, mediaType(ctx.req), ctx.cluster) : { metadata: {} };
  if (eviction.metadata?.name && eviction.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
  const pod = ctx.cluster.store.mustGet(ref, ns, name);
  const grace = eviction.deleteOptions?.gracePeriodSeconds;
  deleteObject(ctx.cluster, def, pod, { gracePeriodSeconds: typeof grace === "number" ? grace : undefined, dryRun: parseDryRun(ctx.query) });
  sendJSON(ctx, 201, successStatus());
}

/** POST pods/<name>/binding: what a scheduler does (sets spec.nodeName once). */
async function bind(ctx: RequestContext, def: KindDef, ref: ResourceRef, ns: string, name: string): Promise<void> {
  const body = await readBody(ctx.req);
  const binding = decodeObject(body, mediaType(ctx.req), ctx.cluster);
  const node = binding.target?.name;
  if (!node) throw invalid("Binding", "", name, [{ type: "FieldValueRequired", field: "target.name", message: "Required value" }]);
  const pod = ctx.cluster.store.mustGet(ref, ns, name);
  if (pod.spec?.nodeName) throw conflict(def.plural, def.group, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  ctx.cluster.store.mutate(ref, ns, name, (o) => void (o.spec = { ...(o.spec ?? {}), nodeName: node }));
  sendJSON(ctx, 201, successStatus());
}
