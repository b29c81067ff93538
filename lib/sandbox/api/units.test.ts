// Table-driven tests of the API's pure parts: routes, selectors, the three patch formats and
// server-side apply's field ownership.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRoute } from "./route";
import { compileFilter, matches, parseLabelSelector } from "./selectors";
import { jsonPatch, mergePatch, strategicMergePatch, type SchemaLookup } from "./patch";
import { apply, recordUpdate, pathString, type ManagerInfo } from "./fieldmanager";
import { ApiError } from "../errors";
import type { Schema } from "../kinds/types";
import type { K8sObject } from "../types";

/** Reports every disagreeing case at once. */
function check(cases: { name: string; got: () => unknown; want: unknown }[]): void {
  const bad: string[] = [];
  for (const c of cases) {
    let got: unknown;
    try {
      got = c.got();
    } catch (e) {
      got = e instanceof ApiError ? `ApiError ${e.code}: ${e.message}` : `throws ${(e as Error).message}`;
    }
    try {
      assert.deepEqual(got, c.want);
    } catch {
      bad.push(`${c.name}: got ${JSON.stringify(got)}, want ${JSON.stringify(c.want)}`);
    }
  }
  assert.equal(bad.length, 0, "\n" + bad.join("\n"));
}

test("parseRoute", () => {
  check([
    { name: "/api", got: () => parseRoute("/api"), want: { type: "discovery-api" } },
    { name: "/apis/apps", got: () => parseRoute("/apis/apps"), want: { type: "discovery-group", group: "apps" } },
    { name: "/api/v1", got: () => parseRoute("/api/v1"), want: { type: "discovery-gv", group: "", version: "v1" } },
    { name: "pods list", got: () => parseRoute("/api/v1/namespaces/default/pods"), want: { type: "resource", group: "", version: "v1", namespace: "default", resource: "pods", name: undefined, subresource: undefined } },
    { name: "pod log", got: () => parseRoute("/api/v1/namespaces/default/pods/web/log"), want: { type: "resource", group: "", version: "v1", namespace: "default", resource: "pods", name: "web", subresource: "log" } },
    { name: "namespace get", got: () => parseRoute("/api/v1/namespaces/dev"), want: { type: "resource", group: "", version: "v1", resource: "namespaces", name: "dev", subresource: undefined } },
    { name: "namespace status", got: () => parseRoute("/api/v1/namespaces/dev/status"), want: { type: "resource", group: "", version: "v1", resource: "namespaces", name: "dev", subresource: "status" } },
    { name: "all-namespace deploys", got: () => parseRoute("/apis/apps/v1/deployments"), want: { type: "resource", group: "apps", version: "v1", resource: "deployments", name: undefined, subresource: undefined } },
    { name: "scale", got: () => parseRoute("/apis/apps/v1/namespaces/a/deployments/web/scale"), want: { type: "resource", group: "apps", version: "v1", namespace: "a", resource: "deployments", name: "web", subresource: "scale" } },
    { name: "openapi doc", got: () => parseRoute("/openapi/v3/apis/networking.k8s.io/v1"), want: { type: "openapi-v3-doc", gvPath: "apis/networking.k8s.io/v1" } },
    { name: "version", got: () => parseRoute("/version"), want: { type: "version" } },
    { name: "junk", got: () => parseRoute("/foo/bar"), want: { type: "unknown" } },
    { name: "malformed escape", got: () => parseRoute("/api/v1/namespaces/%zz/pods"), want: { type: "unknown" } },
  ]);
});

test("label selectors", () => {
  const labels = { app: "web", tier: "front", n: "5" };
  const sel = (s: string) => matches(compileFilter({ group: "", version: "v1", kind: "Pod", resource: "pods" }, s, null), { metadata: { name: "x", labels } });
  check([
    { name: "=", got: () => sel("app=web"), want: true },
    { name: "==", got: () => sel("app==web"), want: true },
    { name: "= miss", got: () => sel("app=db"), want: false },
    { name: "!=", got: () => sel("app!=db"), want: true },
    { name: "!= missing key", got: () => sel("zone!=a"), want: true },
    { name: "in", got: () => sel("tier in (front, back)"), want: true },
    { name: "notin", got: () => sel("tier notin (front)"), want: false },
    { name: "exists", got: () => sel("tier"), want: true },
    { name: "!exists", got: () => sel("!tier"), want: false },
    { name: "!missing", got: () => sel("!zone"), want: true },
    { name: "and", got: () => sel("app=web,tier in (front),!zone"), want: true },
    { name: "gt", got: () => sel("n>3"), want: true },
    { name: "bad", got: () => parseLabelSelector("app=(x"), want: "ApiError 400: unable to parse requirement: invalid label value: \"(x\": at key: must be no more than 63 characters; a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" },
  ]);
});

test("field selectors", () => {
  const pod: K8sObject = { metadata: { name: "web", namespace: "default" }, spec: { nodeName: "kind-worker" }, status: { phase: "Running" } };
  const ev: K8sObject = { metadata: { name: "e1", namespace: "default" }, involvedObject: { kind: "Pod", name: "web", uid: "u1" }, type: "Normal", reason: "Scheduled" };
  const pods = (s: string) => matches(compileFilter({ group: "", version: "v1", kind: "Pod", resource: "pods" }, null, s), pod);
  const events = (s: string) => matches(compileFilter({ group: "", version: "v1", kind: "Event", resource: "events" }, null, s), ev);
  check([
    { name: "name", got: () => pods("metadata.name=web"), want: true },
    { name: "node+phase", got: () => pods("spec.nodeName=kind-worker,status.phase!=Succeeded,status.phase!=Failed"), want: true },
    { name: "phase miss", got: () => pods("status.phase=Pending"), want: false },
    { name: "involvedObject", got: () => events("involvedObject.name=web,involvedObject.uid=u1,involvedObject.kind=Pod"), want: true },
    { name: "type", got: () => events("type=Warning"), want: false },
    {
      name: "unsupported",
      got: () => pods("spec.image=nginx"),
      want: 'ApiError 400: Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=nginx": field label not supported: spec.image',
    },
  ]);
});

// A schema shaped like a Deployment's, enough for merge keys.
const containerSchema: Schema = {
  type: "object",
  properties: {
    name: { type: "string" },
    image: { type: "string" },
    env: { type: "array", items: { type: "object", properties: { name: { type: "string" }, value: { type: "string" } } }, "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge" },
    ports: {
      type: "array",
      items: { type: "object", properties: { containerPort: { type: "integer" }, protocol: { type: "string" } } },
      "x-kubernetes-patch-merge-key": "containerPort",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
    },
    args: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "atomic" },
  },
};
const schemas: Record<string, Schema> = {
  "": { type: "object", properties: { metadata: { type: "object", properties: { labels: { type: "object", additionalProperties: { type: "string" } }, finalizers: { type: "array", items: { type: "string" }, "x-kubernetes-patch-strategy": "merge" } } }, spec: { type: "object" } } },
  "spec.containers": { type: "array", items: containerSchema, "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] },
  "spec.containers.env": containerSchema.properties!.env,
  "spec.containers.ports": containerSchema.properties!.ports,
  "spec.containers.args": containerSchema.properties!.args,
  "metadata.finalizers": { type: "array", items: { type: "string" }, "x-kubernetes-patch-strategy": "merge" },
};
const at: SchemaLookup = (p) => schemas[p.join(".")];

test("merge patch, JSON patch, strategic merge patch", () => {
  const obj = {
    metadata: { name: "d", labels: { app: "web", old: "x" }, finalizers: ["a"] },
    spec: {
      replicas: 1,
      containers: [
        { name: "nginx", image: "nginx:1.26", env: [{ name: "A", value: "1" }], ports: [{ containerPort: 80 }] },
        { name: "side", image: "busybox", args: ["sleep", "1"] },
      ],
    },
  };
  check([
    { name: "merge: label add/remove", got: () => (mergePatch(obj, { metadata: { labels: { a: "b", old: null } } }) as any).metadata.labels, want: { app: "web", a: "b" } },
    { name: "merge: lists replace", got: () => (mergePatch(obj, { spec: { containers: [{ name: "x" }] } }) as any).spec.containers, want: [{ name: "x" }] },
    { name: "json patch replace", got: () => (jsonPatch(obj, [{ op: "replace", path: "/spec/replicas", value: 3 }]) as any).spec.replicas, want: 3 },
    { name: "json patch test fails", got: () => jsonPatch(obj, [{ op: "test", path: "/spec/replicas", value: 9 }]), want: "ApiError 422: the server rejected our request due to an error in our request: testing value failed" },
    {
      name: "smp: containers merge by name",
      got: () => (strategicMergePatch(obj, { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } }, at) as any).spec.containers.map((c: any) => `${c.name}=${c.image}`),
      want: ["nginx=nginx:1.27", "side=busybox"],
    },
    {
      name: "smp: setElementOrder",
      got: () => (strategicMergePatch(obj, { spec: { "$setElementOrder/containers": [{ name: "side" }, { name: "nginx" }], containers: [{ name: "nginx", image: "n" }] } }, at) as any).spec.containers.map((c: any) => c.name),
      want: ["side", "nginx"],
    },
    { name: "smp: $patch delete item", got: () => (strategicMergePatch(obj, { spec: { containers: [{ name: "side", $patch: "delete" }] } }, at) as any).spec.containers.length, want: 1 },
    { name: "smp: $patch replace list", got: () => (strategicMergePatch(obj, { spec: { containers: [{ name: "z" }, { $patch: "replace" }] } }, at) as any).spec.containers, want: [{ name: "z" }] },
    { name: "smp: null deletes", got: () => (strategicMergePatch(obj, { metadata: { labels: { old: null } } }, at) as any).metadata.labels, want: { app: "web" } },
    { name: "smp: env merges", got: () => (strategicMergePatch(obj, { spec: { containers: [{ name: "nginx", env: [{ name: "B", value: "2" }] }] } }, at) as any).spec.containers[0].env.length, want: 2 },
    { name: "smp: atomic list replaces", got: () => (strategicMergePatch(obj, { spec: { containers: [{ name: "side", args: ["x"] }] } }, at) as any).spec.containers[1].args, want: ["x"] },
    { name: "smp: deleteFromPrimitiveList", got: () => (strategicMergePatch(obj, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }, at) as any).metadata.finalizers, want: [] },
    { name: "smp: primitive merge list union", got: () => (strategicMergePatch(obj, { metadata: { finalizers: ["b"] } }, at) as any).metadata.finalizers, want: ["a", "b"] },
    { name: "smp: map $patch replace", got: () => (strategicMergePatch(obj, { metadata: { labels: { $patch: "replace", z: "1" } } }, at) as any).metadata.labels, want: { z: "1" } },
    { name: "smp: $retainKeys", got: () => Object.keys((strategicMergePatch(obj, { spec: { $retainKeys: ["containers"], containers: [] } }, at) as any).spec), want: ["containers"] },
  ]);
});

const mgr = (manager: string, extra: Partial<ManagerInfo> = {}): ManagerInfo & { force: boolean; groupVersion: string } => ({
  manager,
  apiVersion: "apps/v1",
  time: "2026-01-01T00:00:00Z",
  hasStatus: true,
  at,
  force: false,
  groupVersion: "apps/v1",
  ...extra,
});

test("server-side apply: ownership, conflicts, removal", () => {
  const cfg = (image: string, extra: Record<string, unknown> = {}): K8sObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d", labels: { app: "web" } },
    spec: { replicas: 2, containers: [{ name: "nginx", image }], ...extra },
  });
  const created = apply(undefined, cfg("nginx:1"), mgr("kubectl"));
  const c2 = structuredClone(created);
  // Another manager (kubectl scale via Update) takes spec.replicas.
  const scaled = structuredClone(c2);
  scaled.spec.replicas = 5;
  recordUpdate(c2, scaled, mgr("kubectl-scale"));
  const conflict = (() => {
    try {
      apply(scaled, cfg("nginx:1"), mgr("kubectl"));
      return "no conflict";
    } catch (e) {
      return (e as ApiError).message;
    }
  })();
  const forced = apply(scaled, cfg("nginx:1"), mgr("kubectl", { force: true } as never));
  // Same value as the other owner: shared ownership, no conflict.
  const shared = apply(scaled, cfg("nginx:1", { replicas: 5 }), mgr("kubectl"));
  // Dropping a field applied before removes it.
  const dropped = apply(created, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 2, containers: [{ name: "nginx", image: "nginx:1" }] } }, mgr("kubectl"));
  check([
    { name: "managedFields on create", got: () => created.metadata.managedFields?.map((m) => `${m.manager}/${m.operation}`), want: ["kubectl/Apply"] },
    { name: "fieldsV1 keyed list", got: () => Object.keys((created.metadata.managedFields![0].fieldsV1 as any)["f:spec"]["f:containers"]), want: ['k:{"name":"nginx"}'] },
    { name: "update moves replicas", got: () => scaled.metadata.managedFields?.map((m) => `${m.manager}/${m.operation}`), want: ["kubectl/Apply", "kubectl-scale/Update"] },
    { name: "conflict message", got: () => conflict, want: 'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas' },
    { name: "force wins", got: () => forced.spec.replicas, want: 2 },
    { name: "force strips other owner", got: () => forced.metadata.managedFields?.map((m) => m.manager), want: ["kubectl"] },
    { name: "shared value no conflict", got: () => shared.spec.replicas, want: 5 },
    { name: "dropped label removed", got: () => dropped.metadata.labels, want: undefined },
    { name: "path string", got: () => pathString(["f:spec", "f:containers", 'k:{"name":"nginx"}', "f:image"]), want: '.spec.containers[name="nginx"].image' },
  ]);
});

test("discovery documents from the kind registry", async () => {
  const { kindRegistry } = await import("../kinds");
  const { discoveryDocs } = await import("./discovery");
  const d = discoveryDocs(kindRegistry);
  const apis = JSON.parse(d.aggregatedApis);
  const core = JSON.parse(d.aggregatedApi);
  const find = (doc: any, group: string, resource: string) =>
    doc.items.find((g: any) => (g.metadata.name ?? "") === group)?.versions[0].resources.find((r: any) => r.resource === resource);
  const deploy = find(apis, "apps", "deployments");
  const pods = find(core, "", "pods");
  const v1 = JSON.parse(d.groupVersions.get("v1")!);
  check([
    { name: "core group has no name", got: () => core.items[0].metadata.name, want: undefined },
    { name: "deployments scope", got: () => deploy.scope, want: "Namespaced" },
    { name: "deployments shortNames", got: () => deploy.shortNames, want: ["deploy"] },
    { name: "deployments categories", got: () => deploy.categories, want: ["all"] },
    { name: "scale responseKind", got: () => deploy.subresources.find((s: any) => s.subresource === "scale").responseKind, want: { group: "autoscaling", version: "v1", kind: "Scale" } },
    { name: "pods verbs", got: () => pods.verbs, want: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
    { name: "nodes cluster-scoped", got: () => find(core, "", "nodes").scope, want: "Cluster" },
    { name: "legacy pods/log entry", got: () => v1.resources.find((r: any) => r.name === "pods/log"), want: { name: "pods/log", singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] } },
    { name: "legacy /api", got: () => JSON.parse(d.legacyApi).versions, want: ["v1"] },
    { name: "apps preferred", got: () => JSON.parse(d.groups.get("apps")!).preferredVersion, want: { groupVersion: "apps/v1", version: "v1" } },
    { name: "apps before networking", got: () => apis.items.findIndex((g: any) => g.metadata.name === "apps") < apis.items.findIndex((g: any) => g.metadata.name === "networking.k8s.io"), want: true },
  ]);
});

test("watch sends BOOKMARK events when the client allows them", async () => {
  const { createServer, get } = await import("node:http");
  const { createCluster } = await import("../sandbox");
  const { serveWatch } = await import("./watch");
  const cluster = createCluster();
  const def = cluster.kinds.byResource({ group: "", resource: "namespaces" })!;
  const server = createServer((_req, res) =>
    serveWatch(res, {
      cluster,
      def,
      ref: { group: "", resource: "namespaces" },
      filter: compileFilter({ group: "", version: "v1", kind: "Namespace", resource: "namespaces" }, null, null),
      resourceVersion: String(cluster.store.resourceVersion),
      timeoutSeconds: 0.5,
      table: null,
      signal: new AbortController().signal,
      bookmarks: true,
      bookmarkEveryMs: 100,
    }),
  ).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const body = await new Promise<string>((resolve, reject) =>
      get(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(text));
      }).on("error", reject),
    );
    // (The controllers may also change a namespace meanwhile: only the bookmarks are checked.)
    const bookmarks = body.trim().split("\n").map((l) => JSON.parse(l)).filter((e) => e.type === "BOOKMARK");
    assert.ok(bookmarks.length >= 2, body);
    assert.ok(bookmarks.every((e) => e.object.kind === "Namespace" && /^\d+$/.test(e.object.metadata.resourceVersion)), body);
  } finally {
    server.close();
    cluster.close();
  }
});
