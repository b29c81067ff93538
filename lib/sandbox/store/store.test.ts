import { test } from "node:test";
import assert from "node:assert/strict";
import { Store, type StoreEvent } from "./store";
import { ApiError } from "../errors";

const pods = { group: "", resource: "pods" };
const deploys = { group: "apps", resource: "deployments" };
const pod = (name: string, ns = "default") => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers: [] } });

const apiError = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  assert.fail("expected an ApiError");
};

test("create assigns identity and one global resourceVersion", () => {
  const s = new Store();
  const a = s.create(pods, pod("a"));
  const b = s.create(deploys, { metadata: { name: "web", namespace: "default" } });
  assert.match(a.metadata.uid!, /^[0-9a-f-]{36}$/);
  assert.match(a.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(Number(b.metadata.resourceVersion), Number(a.metadata.resourceVersion) + 1);
  assert.equal(s.resourceVersion, Number(b.metadata.resourceVersion));
});

test("errors are worded like the API server's", () => {
  const s = new Store();
  s.create(pods, pod("a"));
  const cases: [string, () => unknown, number, string][] = [
    ["duplicate", () => s.create(pods, pod("a")), 409, 'pods "a" already exists'],
    ["missing", () => s.mustGet(deploys, "default", "web"), 404, 'deployments.apps "web" not found'],
    ["stale update", () => s.update(pods, { ...pod("a"), metadata: { name: "a", namespace: "default", resourceVersion: "1" } }), 409,
      'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again'],
  ];
  const wrong = cases.flatMap(([name, fn, code, message]) => {
    const e = apiError(fn);
    return e.code === code && e.message === message ? [] : [`${name}: got ${e.code} ${e.message}`];
  });
  assert.deepEqual(wrong, []);
});

test("generateName gets a 5-character suffix from the API server's alphabet", () => {
  const s = new Store();
  const o = s.create(pods, { metadata: { generateName: "web-", namespace: "default" } });
  assert.match(o.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test("an update that changes nothing keeps the resourceVersion and emits nothing", () => {
  const s = new Store();
  const a = s.create(pods, pod("a"));
  const seen: StoreEvent[] = [];
  s.watch((e) => seen.push(e));
  const same = s.update(pods, a);
  assert.equal(same.metadata.resourceVersion, a.metadata.resourceVersion);
  assert.equal(seen.length, 0);
  s.mutate(pods, "default", "a", (o) => (o.metadata.labels = { app: "x" }));
  assert.deepEqual(seen.map((e) => e.type), ["MODIFIED"]);
});

test("watch replays history after a version and expires when history is gone", () => {
  const s = new Store({ historySize: 3 });
  const first = s.create(pods, pod("a"));
  s.create(pods, pod("b"));
  s.remove(pods, "default", "a");
  const replay: string[] = [];
  s.watch((e) => replay.push(`${e.type} ${e.object.metadata.name}`), Number(first.metadata.resourceVersion));
  assert.deepEqual(replay, ["ADDED b", "DELETED a"]);
  for (const n of ["c", "d", "e"]) s.create(pods, pod(n));
  assert.equal(apiError(() => s.watch(() => {}, Number(first.metadata.resourceVersion))).code, 410);
});

test("strategies run on create and update, and dryRun stores nothing", () => {
  const s = new Store({
    strategyFor: (r) =>
      r.resource === "pods"
        ? {
            prepareForCreate: (o) => (o.spec.restartPolicy ??= "Always"),
            prepareForUpdate: (o, old) => (o.status = old.status),
          }
        : undefined,
  });
  const created = s.create(pods, pod("a"));
  assert.equal(created.spec.restartPolicy, "Always");
  s.mutate(pods, "default", "a", (o) => (o.status = { phase: "Running" }), { subresource: "status" });
  assert.equal(s.get(pods, "default", "a")!.status, undefined, "the strategy kept the old status");
  s.create(pods, pod("dry"), { dryRun: true });
  assert.equal(s.get(pods, "default", "dry"), undefined);
});

test("list is sorted and scoped, and callers get copies", () => {
  const s = new Store();
  for (const [n, ns] of [["b", "x"], ["a", "y"], ["c", "x"]]) s.create(pods, pod(n, ns));
  assert.deepEqual(s.list(pods).map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ["x/b", "x/c", "y/a"]);
  assert.equal(s.count(pods, "x"), 2);
  const got = s.get(pods, "x", "b")!;
  got.metadata.name = "changed";
  assert.equal(s.get(pods, "x", "b")!.metadata.name, "b");
});
