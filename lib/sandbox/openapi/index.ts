// OpenAPI v3 for the sandbox API server: GET /openapi/v3 (the index, with ?hash= URLs) and one
// document per group-version, built from the kinds' own schemas. kubectl needs, per kind, a
// PATCH operation tagged x-kubernetes-group-version-kind with a fieldValidation parameter (or it
// refuses `apply`/`create -f` validation), components.schemas marked with
// x-kubernetes-group-version-kind (for `explain` and client-side apply's strategic merge), and
// application/strategic-merge-patch+json only where the schema is complete enough for kubectl's
// 3-way merge (cli-runtime query_param_verifier_v3.go, kubectl apply/patcher.go).
// Documents are computed once per registry and shared by every sandbox.
import { createHash } from "node:crypto";
import type { KindRegistry } from "../cluster";
import type { KindDef, Schema } from "../kinds/types";
import { REF_PREFIX } from "../kinds/schema";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const SCALE = "io.k8s.api.autoscaling.v1.Scale";
export const SERVER_VERSION = "v1.32.2";

export interface OpenAPIDocument {
  body: string;
  hash: string;
}

/** "api/v1" or "apis/apps/v1". */
export const gvPathOf = (k: Pick<KindDef, "group" | "version">): string => (k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`);

const $ref = (name: string) => ({ $ref: REF_PREFIX + name });
const str = (description: string): Schema => ({ type: "string", description });

/** apimachinery types every document's operations refer to. */
const commonSchemas: Record<string, Schema> = {
  [`${META}.ListMeta`]: {
    type: "object",
    description: "Metadata of a list: its resourceVersion and the continue token for paging.",
    properties: {
      continue: str("Token for fetching the next page, when the list was cut by limit."),
      remainingItemCount: { type: "integer", format: "int64", description: "Approximate number of items not returned yet." },
      resourceVersion: str("Version of the collection the list was read at; watch from it to get later changes."),
      selfLink: str("Deprecated; always empty."),
    },
  },
  [`${META}.StatusCause`]: {
    type: "object",
    description: "One reason an operation failed.",
    properties: { field: str("Field that caused the error, e.g. spec.containers[0].image."), message: str("Description of the cause."), reason: str("Machine-readable cause.") },
  },
  [`${META}.StatusDetails`]: {
    type: "object",
    description: "Extra data about a failure.",
    properties: {
      causes: { type: "array", description: "Individual causes.", items: $ref(`${META}.StatusCause`) },
      group: str("API group of the object."),
      kind: str("Kind (or resource) of the object."),
      name: str("Name of the object."),
      retryAfterSeconds: { type: "integer", format: "int32", description: "Seconds to wait before retrying." },
      uid: str("UID of the object."),
    },
  },
  [`${META}.Status`]: {
    type: "object",
    description: "Result of an operation that returns no object, and every error.",
    properties: {
      apiVersion: str("Always v1."),
      code: { type: "integer", format: "int32", description: "HTTP status code." },
      details: { allOf: [$ref(`${META}.StatusDetails`)], description: "Extra data about the failure." },
      kind: str("Always Status."),
      message: str("Human-readable description."),
      metadata: { allOf: [$ref(`${META}.ListMeta`)], description: "Standard list metadata." },
      reason: str("Machine-readable reason, e.g. NotFound, AlreadyExists, Invalid."),
      status: str("Success or Failure."),
    },
    "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Status" }],
  },
  [`${META}.Preconditions`]: {
    type: "object",
    description: "Conditions that must hold for a delete to go ahead.",
    properties: { resourceVersion: str("Required resourceVersion."), uid: str("Required UID.") },
  },
  [`${META}.DeleteOptions`]: {
    type: "object",
    description: "Options of a delete request.",
    properties: {
      apiVersion: str("Versioned schema of the options."),
      dryRun: { type: "array", description: "All: run every stage except storing.", items: { type: "string", default: "" } },
      gracePeriodSeconds: { type: "integer", format: "int64", description: "Seconds the object gets to shut down; 0 deletes at once." },
      kind: str("DeleteOptions."),
      orphanDependents: { type: "boolean", description: "Deprecated; use propagationPolicy." },
      preconditions: { allOf: [$ref(`${META}.Preconditions`)], description: "Conditions that must hold." },
      propagationPolicy: str("What happens to dependants: Orphan, Background or Foreground."),
    },
  },
  [`${META}.Patch`]: { type: "object", description: "The body of a PATCH request, in the format its Content-Type names." },
};

const scaleSchemas: Record<string, Schema> = {
  "io.k8s.api.autoscaling.v1.ScaleSpec": {
    type: "object",
    description: "Desired scale.",
    properties: { replicas: { type: "integer", format: "int32", description: "Desired number of replicas." } },
  },
  "io.k8s.api.autoscaling.v1.ScaleStatus": {
    type: "object",
    description: "Observed scale.",
    properties: {
      replicas: { type: "integer", format: "int32", description: "Current number of replicas." },
      selector: str("Label selector of the pods, as a string."),
    },
    required: ["replicas"],
  },
  [SCALE]: {
    type: "object",
    description: "The scale subresource of a workload: its replica count.",
    properties: {
      apiVersion: str("autoscaling/v1."),
      kind: str("Scale."),
      metadata: { allOf: [$ref(`${META}.ObjectMeta`)], default: {}, description: "Standard object metadata." },
      spec: { allOf: [$ref("io.k8s.api.autoscaling.v1.ScaleSpec")], default: {}, description: "Desired scale." },
      status: { allOf: [$ref("io.k8s.api.autoscaling.v1.ScaleStatus")], default: {}, description: "Observed scale. Read-only." },
    },
    "x-kubernetes-group-version-kind": [{ group: "autoscaling", version: "v1", kind: "Scale" }],
  },
};

const groupWord = (group: string): string => {
  if (!group) return "Core";
  const first = group.split(".")[0];
  return first[0].toUpperCase() + first.slice(1);
};
const versionWord = (v: string) => v[0].toUpperCase() + v.slice(1);
const tagOf = (k: KindDef) => `${k.group ? k.group.split(".")[0] : "core"}_${k.version}`;

const q = (name: string, description: string, type: "string" | "boolean" | "integer" = "string") => ({
  name,
  in: "query",
  description,
  schema: { type, uniqueItems: true },
});
const pathParam = (name: string, description: string) => ({ name, in: "path", description, required: true, schema: { type: "string", uniqueItems: true } });
const PRETTY = q("pretty", "Pretty-print the output when 'true'.");
const DRY_RUN = q("dryRun", "With 'All', the request is processed fully but nothing is stored.");
const FIELD_MANAGER = q("fieldManager", "Name of the actor making the change, recorded in managedFields.");
const FIELD_VALIDATION = q(
  "fieldValidation",
  "How unknown or duplicate fields in the body are handled: Ignore (drop them), Warn (accept with a warning) or Strict (reject the request).",
);
const FORCE = q("force", "For apply requests: take ownership of fields other managers own.", "boolean");
const LIST_PARAMS = [
  q("allowWatchBookmarks", "Ask for BOOKMARK events in a watch.", "boolean"),
  q("continue", "Token from a previous page, to fetch the next one."),
  q("fieldSelector", "Select objects by fields, e.g. metadata.name=web."),
  q("labelSelector", "Select objects by labels, e.g. app=web."),
  q("limit", "Most items to return; the rest come with the continue token.", "integer"),
  q("resourceVersion", "Version to read at, or to start a watch from."),
  q("resourceVersionMatch", "How resourceVersion is applied to a list."),
  q("sendInitialEvents", "Start a watch with synthetic events for the current state.", "boolean"),
  q("timeoutSeconds", "Ends a list or watch after this many seconds.", "integer"),
  q("watch", "Stream changes instead of returning a list.", "boolean"),
];
const DELETE_PARAMS = [
  DRY_RUN,
  q("gracePeriodSeconds", "Seconds the object gets to shut down; 0 deletes at once.", "integer"),
  q("ignoreStoreReadErrorWithClusterBreakingPotential", "Delete even when the stored object cannot be read.", "boolean"),
  q("orphanDependents", "Deprecated; use propagationPolicy.", "boolean"),
  q("propagationPolicy", "What happens to dependants: Orphan, Background or Foreground."),
];

const jsonContent = (schemaName: string) => {
  const s = { schema: $ref(schemaName) };
  return { "application/json": s, "application/yaml": s, "application/vnd.kubernetes.protobuf": s };
};
const ok = (schemaName: string, code = "200") => ({ [code]: { description: code === "201" ? "Created" : code === "202" ? "Accepted" : "OK", content: jsonContent(schemaName) } });
const unauthorized = { "401": { description: "Unauthorized" } };

/** A kind whose spec is stored as written cannot drive kubectl's 3-way strategic merge: do not advertise it. */
function supportsStrategicMerge(k: KindDef): boolean {
  const root = k.schemas[k.rootSchema];
  const spec = root?.properties?.spec;
  return !spec?.["x-kubernetes-preserve-unknown-fields"];
}

function patchBody(smp: boolean) {
  const s = { schema: $ref(`${META}.Patch`) };
  const content: Record<string, unknown> = {
    "application/apply-patch+yaml": s,
    "application/json-patch+json": s,
    "application/merge-patch+json": s,
  };
  if (smp) content["application/strategic-merge-patch+json"] = s;
  return { content, required: true };
}

function operationsFor(k: KindDef): Record<string, Record<string, unknown>> {
  const prefix = `/${gvPathOf(k)}`;
  const G = groupWord(k.group);
  const V = versionWord(k.version);
  const ns = k.namespaced ? "Namespaced" : "";
  const gvk = { group: k.group, version: k.version, kind: k.kind };
  const tags = [tagOf(k)];
  const root = k.rootSchema;
  const list = `${root}List`;
  const smp = supportsStrategicMerge(k);
  const nsParam = k.namespaced ? [pathParam("namespace", "Namespace of the objects.")] : [];
  const nameParam = pathParam("name", `Name of the ${k.kind}.`);
  const collection = k.namespaced ? `${prefix}/namespaces/{namespace}/${k.plural}` : `${prefix}/${k.plural}`;
  const item = `${collection}/{name}`;
  const op = (action: string, verbWord: string, description: string, extra: Record<string, unknown>, kindGVK = gvk) => ({
    tags,
    description,
    operationId: `${verbWord}${G}${V}${ns}${k.kind}`,
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": kindGVK,
    ...extra,
  });
  const paths: Record<string, Record<string, unknown>> = {};

  if (k.createOnly) {
    paths[collection] = {
      post: op("post", "create", `Create a ${k.kind}`, {
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, PRETTY],
        requestBody: { content: { "*/*": { schema: $ref(root) } }, required: true },
        responses: { ...ok(root), ...ok(root, "201"), ...ok(root, "202"), ...unauthorized },
      }),
      parameters: nsParam,
    };
    return paths;
  }

  const verbs = new Set(k.verbs);
  const coll: Record<string, unknown> = { parameters: nsParam };
  if (verbs.has("list"))
    coll.get = op("list", "list", `List or watch objects of kind ${k.kind}`, { parameters: [...LIST_PARAMS, PRETTY], responses: { ...ok(list), ...unauthorized } });
  if (verbs.has("create"))
    coll.post = op("post", "create", `Create a ${k.kind}`, {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, PRETTY],
      requestBody: { content: { "*/*": { schema: $ref(root) } }, required: true },
      responses: { ...ok(root), ...ok(root, "201"), ...ok(root, "202"), ...unauthorized },
    });
  if (verbs.has("deletecollection"))
    coll.delete = op("deletecollection", "deleteCollection", `Delete a collection of ${k.kind}`, {
      parameters: [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p.name !== "watch" && p.name !== "allowWatchBookmarks"), PRETTY],
      requestBody: { content: { "*/*": { schema: $ref(`${META}.DeleteOptions`) } } },
      responses: { ...ok(`${META}.Status`), ...unauthorized },
    });
  paths[collection] = coll;

  const one = (suffix: string, label: string, schemaName: string, kindGVK: typeof gvk, deletable: boolean) => {
    const p: Record<string, unknown> = { parameters: [nameParam, ...nsParam] };
    const what = suffix ? `${label} of the specified ${k.kind}` : `the specified ${k.kind}`;
    const w = suffix ? label[0].toUpperCase() + label.slice(1) : "";
    p.get = op("get", "read", `Read ${what}`, { parameters: [PRETTY], responses: { ...ok(schemaName), ...unauthorized } }, kindGVK);
    p.put = op("put", "replace", `Replace ${what}`, {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, PRETTY],
      requestBody: { content: { "*/*": { schema: $ref(schemaName) } }, required: true },
      responses: { ...ok(schemaName), ...ok(schemaName, "201"), ...unauthorized },
    }, kindGVK);
    p.patch = op("patch", "patch", `Partially update ${what}`, {
      parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE, PRETTY],
      requestBody: patchBody(suffix === "/scale" ? true : smp),
      responses: { ...ok(schemaName), ...ok(schemaName, "201"), ...unauthorized },
    }, kindGVK);
    if (deletable && verbs.has("delete"))
      p.delete = op("delete", "delete", `Delete ${what}`, {
        parameters: [...DELETE_PARAMS, PRETTY],
        requestBody: { content: { "*/*": { schema: $ref(`${META}.DeleteOptions`) } } },
        responses: { ...ok(root), ...ok(root, "202"), ...unauthorized },
      });
    // Distinct operation ids per subresource, as upstream names them (readCoreV1NamespacedPodStatus).
    for (const m of ["get", "put", "patch"]) {
      const o = p[m] as { operationId: string };
      if (suffix) o.operationId = `${o.operationId}${w}`;
    }
    paths[`${item}${suffix}`] = p;
  };
  one("", "", root, gvk, true);
  if (k.subresources?.includes("status")) one("/status", "status", root, gvk, false);
  if (k.subresources?.includes("scale") && k.scale) one("/scale", "scale", SCALE, { group: "autoscaling", version: "v1", kind: "Scale" }, false);
  if (k.namespaced && verbs.has("list"))
    paths[`${prefix}/${k.plural}`] = {
      get: op("list", "list", `List or watch objects of kind ${k.kind} in every namespace`, {
        parameters: [...LIST_PARAMS, PRETTY],
        responses: { ...ok(list), ...unauthorized },
      }),
      parameters: [],
    };
  // operationIds of the all-namespaces list differ upstream (listCoreV1PodForAllNamespaces).
  const allNs = paths[`${prefix}/${k.plural}`];
  if (k.namespaced && allNs?.get) (allNs.get as { operationId: string }).operationId = `list${G}${V}${k.kind}ForAllNamespaces`;
  return paths;
}

function listSchema(k: KindDef): Schema {
  return {
    type: "object",
    description: `A list of ${k.kind} objects.`,
    properties: {
      apiVersion: str("Versioned schema of this list."),
      items: { type: "array", description: `The ${k.kind} objects.`, items: { allOf: [$ref(k.rootSchema)], default: {} } },
      kind: str(`${k.kind}List.`),
      metadata: { allOf: [$ref(`${META}.ListMeta`)], default: {}, description: "Standard list metadata." },
    },
    required: ["items"],
    "x-kubernetes-group-version-kind": [{ group: k.group, version: k.version, kind: `${k.kind}List` }],
  };
}

function buildDocument(kinds: KindDef[]): object {
  const schemas: Record<string, Schema> = { ...commonSchemas };
  const paths: Record<string, unknown> = {};
  let needsScale = false;
  for (const k of kinds) {
    for (const [name, s] of Object.entries(k.schemas)) {
      // A schema several kinds share is identical in each; only the kind's own root carries its GVK.
      if (!schemas[name] || name === k.rootSchema) schemas[name] = s;
    }
    if (!k.createOnly) schemas[`${k.rootSchema}List`] = listSchema(k);
    if (k.scale && k.subresources?.includes("scale")) needsScale = true;
    Object.assign(paths, operationsFor(k));
  }
  if (needsScale) Object.assign(schemas, scaleSchemas);
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: SERVER_VERSION },
    paths: sortedPaths,
    components: {
      schemas: sortedSchemas,
      securitySchemes: { BearerToken: { type: "apiKey", description: "Bearer token authentication", name: "authorization", in: "header" } },
    },
    security: [{ BearerToken: [] }],
  };
}

const cache = new WeakMap<KindRegistry, Map<string, OpenAPIDocument>>();

function documents(reg: KindRegistry): Map<string, OpenAPIDocument> {
  let docs = cache.get(reg);
  if (docs) return docs;
  const byGV = new Map<string, KindDef[]>();
  for (const k of reg.all()) {
    const gv = gvPathOf(k);
    if (!byGV.has(gv)) byGV.set(gv, []);
    byGV.get(gv)!.push(k);
  }
  docs = new Map();
  for (const [gv, kinds] of [...byGV.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const body = JSON.stringify(buildDocument(kinds));
    docs.set(gv, { body, hash: createHash("sha512").update(body).digest("hex").toUpperCase() });
  }
  cache.set(reg, docs);
  return docs;
}

/** GET /openapi/v3: every served group-version with its hash-addressed URL. */
export function openapiIndex(reg: KindRegistry): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [gv, doc] of documents(reg)) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${doc.hash}` };
  return { paths };
}

/** GET /openapi/v3/<gvPath> ("api/v1", "apis/apps/v1"); undefined for a group-version not served. */
export function openapiDocument(reg: KindRegistry, gvPath: string): OpenAPIDocument | undefined {
  return documents(reg).get(gvPath.replace(/^\/+|\/+$/g, ""));
}

