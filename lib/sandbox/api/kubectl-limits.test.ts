// Isolation, authentication, limits and the API's behaviour at its edges, with the real kubectl
// and with raw HTTPS: a token reaches only its own sandbox; unknown tokens get 401; bodies over
// 3 MiB 413; too many requests 429; quotas 403 "exceeded quota"; idle sandboxes go away; the errors
// learners meet (Conflict on a stale replace, server-side apply conflicts, dry runs, strict/warn
// field validation, cascading options); bad input is always a 4xx Status; and the wire details
// kubectl depends on (discovery Content-Type, OpenAPI hash redirects, watch framing and selectors,
// log follow, exec over WebSocket v5).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import { createSandboxServer, type RequestRecord, type SandboxServer } from "../server";
import { AGGREGATED_CONTENT_TYPE } from "./discovery";
import { haveKubectl, newSession, runSteps, type Session, type Step } from "./testkit";

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(server: SandboxServer, token: string | undefined, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      server.url + path,
      {
        method,
        ca: server.caPem,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let server: SandboxServer;
let a: Session;
let b: Session;
const V = "1.32";

before(async () => {
  server = await createSandboxServer({ idleTimeoutMs: 0 });
  a = await newSession(server, V, "sandbox-a");
  b = await newSession(server, V, "sandbox-b");
});
after(async () => {
  await a?.close();
  await b?.close();
  await server?.close();
});

test("a token reaches only its own sandbox", { skip: !haveKubectl(V) }, async () => {
  const failures = [
    ...(await runSteps(a, V, [{ args: "create configmap only-in-a --from-literal=k=v", stdout: "configmap/only-in-a created" }, { args: "get cm only-in-a -o name", stdout: "configmap/only-in-a" }])),
    ...(await runSteps(b, V, [
      { args: "get cm only-in-a", exit: 1, stderr: 'Error from server (NotFound): configmaps "only-in-a" not found' },
      { args: "get cm -A -o name", notStdout: "only-in-a" },
      { args: "delete cm only-in-a", exit: 1, stderr: "NotFound" },
    ])),
    ...(await runSteps(a, V, [{ args: "get cm only-in-a -o name", stdout: "configmap/only-in-a" }])),
  ];
  assert.equal(failures.length, 0, failures.join("\n"));
  // Raw requests: the token alone decides; no path names another sandbox.
  const r = await call(server, b.sandbox.token, "GET", "/api/v1/namespaces/default/configmaps/only-in-a");
  assert.equal(r.status, 404);
});

test("authentication: unknown, missing and deleted tokens get 401", { skip: !haveKubectl(V) }, async () => {
  const failures = await runSteps(a, V, [{ args: "--token=not-a-sandbox-token get pods", exit: 1, stderr: "error: You must be logged in to the server" }]);
  assert.equal(failures.length, 0, failures.join("\n"));
  const cases = [
    { name: "no token", token: undefined, path: "/api/v1/namespaces/default/pods", want: 401 },
    { name: "wrong token", token: "x".repeat(43), path: "/api/v1/namespaces/default/pods", want: 401 },
    { name: "version is public", token: undefined, path: "/version", want: 200 },
    { name: "healthz is public", token: undefined, path: "/healthz", want: 200 },
  ];
  const bad: string[] = [];
  for (const c of cases) {
    const r = await call(server, c.token, "GET", c.path);
    if (r.status !== c.want) bad.push(`${c.name}: ${r.status}, want ${c.want}`);
    if (c.want === 401 && JSON.parse(r.body).reason !== "Unauthorized") bad.push(`${c.name}: body ${r.body}`);
  }
  const gone = await server.createSandbox();
  server.deleteSandbox(gone.id);
  const r = await call(server, gone.token, "GET", "/api/v1/namespaces");
  if (r.status !== 401) bad.push(`deleted sandbox's token: ${r.status}`);
  assert.deepEqual(bad, []);
});

test("bodies over 3 MiB are refused with 413", async () => {
  const big = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big" }, data: { k: "x".repeat(3 * 1024 * 1024 + 10) } });
  const r = await call(server, a.sandbox.token, "POST", "/api/v1/namespaces/default/configmaps", big);
  assert.equal(r.status, 413);
  assert.equal(JSON.parse(r.body).reason, "RequestEntityTooLarge");
  // The server and the sandbox carry on.
  assert.equal((await call(server, a.sandbox.token, "GET", "/api/v1/namespaces/default/configmaps")).status, 200);
});

test("request rate limit (429), object quotas (403 exceeded quota) and idle deletion", async () => {
  // The seed's pods count towards the quota: allow exactly one more than a fresh sandbox holds.
  const seeded = b.sandbox.cluster.store.count({ group: "", resource: "pods" });
  const gone: string[] = [];
  const limited = await createSandboxServer({ idleTimeoutMs: 2000, quotas: { requestsPerSecond: 2, burst: 3, maxPods: seeded + 1 }, onSandboxDeleted: (id, why) => gone.push(`${id} ${why}`) });
  try {
    const sb = await limited.createSandbox();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call(limited, sb.token, "GET", "/api/v1/namespaces")).status);
    assert.deepEqual(codes.slice(0, 3), [200, 200, 200]);
    assert.equal(codes[4], 429);
    const pod = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    await new Promise((r) => setTimeout(r, 1100));
    const ok = await call(limited, sb.token, "POST", "/api/v1/namespaces/default/pods", pod("p1"));
    assert.equal(ok.status, 201, ok.body);
    const r = await call(limited, sb.token, "POST", "/api/v1/namespaces/default/pods", pod("p2"));
    assert.equal(r.status, 403, r.body);
    assert.equal(JSON.parse(r.body).message, `pods "p2" is forbidden: exceeded quota: sandbox-quota, requested: pods=1, used: pods=${seeded + 1}, limited: pods=${seeded + 1}`);
    // Idle: no request for longer than idleTimeoutMs deletes the sandbox.
    await new Promise((r) => setTimeout(r, 2800));
    assert.deepEqual(limited.sandboxIds(), []);
    assert.deepEqual(gone, [`${sb.id} idle`]);
    assert.equal((await call(limited, sb.token, "GET", "/api/v1/namespaces")).status, 401);
  } finally {
    await limited.close();
  }
});

const CM = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: ${mode}
`;

test("conflicts, dry runs and field validation as kubectl prints them", { skip: !haveKubectl(V) }, async () => {
  await a.file("cm-fast.yaml", CM("fast"));
  await a.file("cm-typo.yaml", CM("fast") + "dta:\n  x: y\n");
  const steps: Step[] = [
    { args: "create configmap stale --from-literal=a=1", stdout: "configmap/stale created" },
    { args: "get cm stale -o yaml", stdout: "resourceVersion" },
  ];
  const failures = await runSteps(a, V, steps);
  const stale = (await a.kubectl(["get", "cm", "stale", "-o", "yaml"])).stdout;
  await a.file("stale.yaml", stale);
  failures.push(
    ...(await runSteps(a, V, [
      { args: "label cm stale changed=yes", stdout: "configmap/stale labeled" },
      {
        args: "replace -f {dir}/stale.yaml",
        exit: 1,
        stderr: 'Error from server (Conflict): error when replacing "' + a.dir + '/stale.yaml": Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
      },
      { args: "run dry --image=nginx --dry-run=server", stdout: "pod/dry created (server dry run)" },
      { args: "get pod dry", exit: 1, stderr: 'pods "dry" not found' },
      { args: "apply --server-side -f {dir}/cm-fast.yaml", stdout: "configmap/settings serverside-applied" },
      { args: ["patch", "cm", "settings", "-p", '{"data":{"mode":"slow"}}'], stdout: "configmap/settings patched" },
      { args: "apply --server-side -f {dir}/cm-fast.yaml", exit: 1, stderr: ['Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.mode', "--force-conflicts"] },
      { args: "apply --server-side --force-conflicts -f {dir}/cm-fast.yaml", stdout: "configmap/settings serverside-applied" },
      { args: "get cm settings -o jsonpath={.data.mode}", stdout: /^fast$/ },
      { args: "apply --validate=warn -f {dir}/cm-typo.yaml", stderr: 'Warning: unknown field "dta"' },
      { args: "create -f {dir}/cm-typo.yaml", exit: 1, stderr: 'strict decoding error: unknown field "dta"' },
      { args: "create deployment orphan-me --image=nginx", stdout: "deployment.apps/orphan-me created" },
      { args: "get rs -l app=orphan-me -o name", stdout: /replicaset\.apps\/orphan-me-/, eventuallyMs: 10_000 },
      { args: "delete deployment orphan-me --cascade=orphan", stdout: 'deployment.apps "orphan-me" deleted' },
      { args: "get rs -l app=orphan-me -o jsonpath={.items[0].metadata.ownerReferences}", stdout: /^$/, eventuallyMs: 10_000 },
      { args: "get rs -l app=orphan-me -o name", stdout: /replicaset\.apps\/orphan-me-/ },
      { args: "run quick --image=nginx", stdout: "pod/quick created" },
      { args: "delete pod quick --grace-period=0 --force", stdout: 'pod "quick" force deleted', stderr: "Warning: Immediate deletion does not wait for confirmation" },
      { args: "get pod quick", exit: 1, stderr: 'pods "quick" not found' },
      { args: "run broken --image=registry.example.com/no-such-image:1", stdout: "pod/broken created" },
      { args: "exec broken -- true", exit: 1, stderr: 'error: unable to upgrade connection: container not found ("broken")' },
      { args: "logs broken", exit: 1, stderr: /Error from server \(BadRequest\): container "broken" in pod "broken" is waiting to start: / },
      { args: "drain kind-worker --ignore-daemonsets", stdout: "node/kind-worker drained" },
      { args: "get node kind-worker", stdout: /kind-worker\s+Ready,SchedulingDisabled/ },
      { args: "uncordon kind-worker", stdout: "node/kind-worker uncordoned" },
      { args: "run dbg --image=nginx", stdout: "pod/dbg created" },
      { args: "debug dbg --image=busybox --profile=general -- true", exit: 1, stderr: "ephemeral containers (kubectl debug) are not supported in the sandbox cluster" },
      { args: "delete namespace default", exit: 1, stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted' },
      { args: "create namespace scratch", stdout: "namespace/scratch created" },
      { args: "create configmap c -n scratch --from-literal=a=b", stdout: "configmap/c created" },
      { args: "delete namespace scratch", stdout: 'namespace "scratch" deleted' },
      { args: "get ns scratch", exit: 1, stderr: 'namespaces "scratch" not found', eventuallyMs: 10_000 },
    ])),
  );
  assert.equal(failures.length, 0, failures.join("\n"));
});

test("wire details: discovery content type, OpenAPI hash redirect, watch framing", async () => {
  const t = a.sandbox.token;
  const agg = await call(server, t, "GET", "/apis", undefined, { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json" });
  assert.equal(agg.headers["content-type"], AGGREGATED_CONTENT_TYPE);
  assert.equal(JSON.parse(agg.body).kind, "APIGroupDiscoveryList");
  const legacy = await call(server, t, "GET", "/api/v1");
  assert.equal(JSON.parse(legacy.body).kind, "APIResourceList");
  assert.equal((await call(server, t, "GET", "/openapi/v2")).status, 404);
  const index = JSON.parse((await call(server, t, "GET", "/openapi/v3")).body);
  const url: string = index.paths["api/v1"].serverRelativeURL;
  const doc = await call(server, t, "GET", url);
  assert.equal(doc.status, 200);
  assert.match(String(doc.headers["cache-control"]), /immutable/);
  const stale = await call(server, t, "GET", url.replace(/hash=.*/, "hash=0000"));
  assert.equal(stale.status, 301);
  assert.equal(stale.headers.location, url);

  // A watch from resourceVersion 0 starts with ADDED for what exists, then ends at timeoutSeconds.
  const w = await call(server, t, "GET", "/api/v1/namespaces?watch=true&timeoutSeconds=1");
  const events = w.body.trim().split("\n").map((l) => JSON.parse(l));
  assert.ok(events.length >= 4 && events.every((e) => e.type === "ADDED" && e.object.kind === "Namespace"), w.body.slice(0, 300));
  // From the list's resourceVersion: an object that stops matching the selector is DELETED for this watch.
  const cms = { group: "", resource: "configmaps" };
  a.sandbox.cluster.store.create(cms, { metadata: { name: "sel", namespace: "default", labels: { watch: "me" } } });
  const rv = a.sandbox.cluster.store.resourceVersion;
  const pending = call(server, t, "GET", `/api/v1/namespaces/default/configmaps?watch=true&labelSelector=watch%3Dme&resourceVersion=${rv}&timeoutSeconds=1`);
  await new Promise((r) => setTimeout(r, 200));
  a.sandbox.cluster.store.mutate(cms, "default", "sel", (o) => void (o.data = { x: "1" }));
  a.sandbox.cluster.store.mutate(cms, "default", "sel", (o) => void (o.metadata.labels = { watch: "not-me" }));
  a.sandbox.cluster.store.mutate(cms, "default", "sel", (o) => void (o.metadata.labels = { watch: "me" }));
  const seen = (await pending).body.trim().split("\n").map((l) => JSON.parse(l).type);
  assert.deepEqual(seen, ["MODIFIED", "DELETED", "ADDED"]);
  // Too old a resourceVersion (the history no longer reaches back): 410 Expired as an ERROR event.
  const store = a.sandbox.cluster.store;
  const from = store.resourceVersion;
  for (let i = 0; i < 1100; i++) {
    store.create({ group: "", resource: "configmaps" }, { metadata: { name: `churn-${i}`, namespace: "default" } });
    store.remove({ group: "", resource: "configmaps" }, "default", `churn-${i}`);
  }
  const old = await call(server, t, "GET", `/api/v1/namespaces?watch=true&resourceVersion=${from}&timeoutSeconds=1`);
  const first = JSON.parse(old.body.trim().split("\n")[0]);
  assert.equal(first.type, "ERROR", old.body.slice(0, 300));
  assert.equal(first.object.code, 410);
  assert.equal(first.object.reason, "Expired");
});

test("logs: follow streams lines as the container writes them, tailLines, previous and waiting errors", async () => {
  const t = a.sandbox.token;
  const cluster = a.sandbox.cluster;
  const PODS = { group: "", resource: "pods" };
  const pod = JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "logger" }, spec: { containers: [{ name: "app", image: "nginx" }, { name: "side", image: "nginx" }] } });
  assert.equal((await call(server, t, "POST", "/api/v1/namespaces/default/pods", pod)).status, 201);
  const waiting = await call(server, t, "GET", "/api/v1/namespaces/default/pods/logger/log?container=app");
  // Right after creation the container has not started: the kubelet's wording.
  if (waiting.status === 400) assert.match(JSON.parse(waiting.body).message, /^container "app" in pod "logger" is waiting to start: /);
  const noContainer = await call(server, t, "GET", "/api/v1/namespaces/default/pods/logger/log");
  assert.equal(JSON.parse(noContainer.body).message, "a container name must be specified for pod logger, choose one of: [app side]");
  const bad = await call(server, t, "GET", "/api/v1/namespaces/default/pods/logger/log?container=nope");
  assert.equal(JSON.parse(bad.body).message, "container nope is not valid for pod logger");
  const deadline = Date.now() + 20_000;
  while (cluster.store.get(PODS, "default", "logger")?.status?.phase !== "Running" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const uid = cluster.store.get(PODS, "default", "logger")!.metadata.uid!;
  cluster.runtime.log(uid, "app", "first marker");
  const tail = await call(server, t, "GET", "/api/v1/namespaces/default/pods/logger/log?container=app&tailLines=1");
  assert.equal(tail.body, "first marker\n");
  assert.equal(tail.headers["content-type"], "text/plain");
  const previous = await call(server, t, "GET", "/api/v1/namespaces/default/pods/logger/log?container=app&previous=true");
  assert.equal(JSON.parse(previous.body).message, 'previous terminated container "app" in pod "logger" not found');

  // follow: the existing tail, then each new line as it is written, until the client leaves.
  const got = await new Promise<string>((resolve, reject) => {
    let text = "";
    const req = request(server.url + "/api/v1/namespaces/default/pods/logger/log?container=app&follow=true&tailLines=1", { ca: server.caPem, headers: { Authorization: `Bearer ${t}` } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
        if (text === "first marker\n") cluster.runtime.log(uid, "app", "second marker");
        if (text.includes("second marker\n")) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on("error", (e) => (text.includes("second marker") ? undefined : reject(e)));
    req.end();
  });
  assert.equal(got, "first marker\nsecond marker\n");
  await new Promise((r) => setTimeout(r, 50));
  const followers = cluster.runtime.container(uid, "app")!.followers.size;
  assert.equal(followers, 0, "the follower is removed when the client leaves");
});

test("REST details: paging, YAML bodies, namespace checks, status subresource, patches, deletecollection, propagation", async () => {
  const t = b.sandbox.token;
  const cluster = b.sandbox.cluster;
  const ns = "/api/v1/namespaces/default";
  const json = (r: HttpResult) => JSON.parse(r.body);
  const bad: string[] = [];
  const expect = (name: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };

  for (const n of ["p-a", "p-b", "p-c"])
    await call(server, t, "POST", `${ns}/configmaps`, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: n, labels: { page: "yes" } }, data: { k: n } }));
  const page1 = json(await call(server, t, "GET", `${ns}/configmaps?labelSelector=page%3Dyes&limit=2`));
  const page2 = json(await call(server, t, "GET", `${ns}/configmaps?labelSelector=page%3Dyes&limit=2&continue=${encodeURIComponent(page1.metadata.continue)}`));
  expect("page 1", page1.items.map((i: any) => i.metadata.name), ["p-a", "p-b"]);
  expect("page 2", page2.items.map((i: any) => i.metadata.name), ["p-c"]);
  expect("page 2 has no continue", page2.metadata.continue, undefined);
  expect("bad continue", (await call(server, t, "GET", `${ns}/configmaps?limit=2&continue=garbage`)).status, 400);

  const yaml = await call(server, t, "POST", `${ns}/configmaps`, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: b\n", { "Content-Type": "application/yaml" });
  expect("yaml create", [yaml.status, json(yaml).data], [201, { a: "b" }]);
  const other = await call(server, t, "POST", `${ns}/configmaps`, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "kube-system" } }));
  expect("namespace mismatch", [other.status, json(other).message], [400, "the namespace of the provided object does not match the namespace sent on the request"]);
  const missingNs = await call(server, t, "POST", "/api/v1/namespaces/nope/configmaps", JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }));
  expect("missing namespace", [missingNs.status, json(missingNs).message], [404, 'namespaces "nope" not found']);
  const garbage = await call(server, t, "POST", `${ns}/configmaps`, "{not json");
  expect("malformed json", [garbage.status, json(garbage).reason], [400, "BadRequest"]);
  const rename = await call(server, t, "PUT", `${ns}/configmaps/p-a`, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "p-z" } }));
  expect("rename via PUT", json(rename).message, "the name of the object (p-z) does not match the name on the URL (p-a)");
  // kubectl create clears it, other clients may not: etcd3 storage's refusal.
  const withRv = await call(server, t, "POST", `${ns}/configmaps`, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "rv", resourceVersion: "42" } }));
  expect("create with resourceVersion", [withRv.status, json(withRv).message], [500, "resourceVersion should not be set on objects to be created"]);
  const jp = await call(server, t, "PATCH", `${ns}/configmaps/p-a`, JSON.stringify([{ op: "add", path: "/data/j", value: "1" }]), { "Content-Type": "application/json-patch+json" });
  expect("json patch", json(jp).data, { k: "p-a", j: "1" });
  const stalePut = await call(server, t, "PUT", `${ns}/configmaps/p-a`, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "p-a", resourceVersion: "1" } }));
  expect("stale PUT", [stalePut.status, json(stalePut).reason], [409, "Conflict"]);

  // The status subresource writes only status; the main resource keeps the stored status.
  const pod = await call(server, t, "POST", `${ns}/pods`, JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "st" }, spec: { containers: [{ name: "c", image: "nginx" }] } }));
  expect("pod created", pod.status, 201);
  const st = await call(server, t, "PATCH", `${ns}/pods/st/status`, JSON.stringify({ status: { message: "from status" }, spec: { activeDeadlineSeconds: 5 } }), { "Content-Type": "application/merge-patch+json" });
  expect("status patch", [st.status, json(st).status.message, json(st).spec.activeDeadlineSeconds], [200, "from status", undefined]);
  const main = await call(server, t, "PATCH", `${ns}/pods/st`, JSON.stringify({ metadata: { labels: { x: "y" } }, status: { message: "ignored" } }), { "Content-Type": "application/merge-patch+json" });
  expect("main patch keeps status", [json(main).metadata.labels, json(main).status.message === "ignored"], [{ x: "y" }, false]);

  const dc = await call(server, t, "DELETE", `${ns}/configmaps?labelSelector=page%3Dyes`);
  expect("deletecollection", [dc.status, json(dc).items.length], [200, 3]);
  expect("deletecollection left the rest", cluster.store.get({ group: "", resource: "configmaps" }, "default", "from-yaml") !== undefined, true);

  // Propagation: Orphan leaves dependants without the owner reference; Foreground marks the owner.
  const owner = cluster.store.create({ group: "", resource: "configmaps" }, { metadata: { name: "owner", namespace: "default" } });
  const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid! };
  cluster.store.create({ group: "", resource: "configmaps" }, { metadata: { name: "dep", namespace: "default", ownerReferences: [ref] } });
  const orphan = await call(server, t, "DELETE", `${ns}/configmaps/owner`, JSON.stringify({ propagationPolicy: "Orphan" }));
  expect("orphan delete", orphan.status, 200);
  const deadline = Date.now() + 10_000;
  while (cluster.store.get({ group: "", resource: "configmaps" }, "default", "owner") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect("owner gone", cluster.store.get({ group: "", resource: "configmaps" }, "default", "owner"), undefined);
  expect("dependant orphaned", cluster.store.get({ group: "", resource: "configmaps" }, "default", "dep")?.metadata.ownerReferences, undefined);
  const fg = await call(server, t, "DELETE", `${ns}/configmaps/dep?propagationPolicy=Foreground&dryRun=All`);
  expect("foreground dry run marks", json(fg).metadata.finalizers, ["foregroundDeletion"]);
  expect("dry run kept it", cluster.store.get({ group: "", resource: "configmaps" }, "default", "dep")?.metadata.deletionTimestamp, undefined);
  assert.deepEqual(bad, []);
});

test("bad input gets a 4xx Status in the API server's terms, never a 500, and the server carries on", async () => {
  const t = b.sandbox.token;
  const ns = "/api/v1/namespaces/default";
  const cases: { name: string; method: string; path: string; body?: string | Buffer; type?: string; want: number; message?: RegExp }[] = [
    { name: "array body", method: "POST", path: `${ns}/configmaps`, body: "[]", want: 400 },
    { name: "metadata not an object", method: "POST", path: `${ns}/configmaps`, body: '{"metadata":"x"}', want: 400 },
    { name: "wrong kind for endpoint", method: "POST", path: `${ns}/configmaps`, body: '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}', want: 400 },
    { name: "no name", method: "POST", path: `${ns}/configmaps`, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}', want: 422, message: /name or generateName is required/ },
    { name: "unknown media type", method: "POST", path: `${ns}/configmaps`, body: "x", type: "text/csv", want: 415 },
    { name: "garbage protobuf", method: "POST", path: `${ns}/configmaps`, body: Buffer.from("k8s\u0000\u00ff\u00ff\u00ff"), type: "application/vnd.kubernetes.protobuf", want: 400 },
    { name: "unknown patch type", method: "PATCH", path: "/api/v1/namespaces/default", body: "{}", type: "application/json", want: 415 },
    { name: "SMP not an object", method: "PATCH", path: "/api/v1/namespaces/default", body: "[1]", type: "application/strategic-merge-patch+json", want: 400 },
    { name: "bad JSON patch op", method: "PATCH", path: "/api/v1/namespaces/default", body: '[{"op":"frobnicate","path":"/x"}]', type: "application/json-patch+json", want: 422 },
    { name: "apply without fieldManager", method: "PATCH", path: `${ns}/configmaps/x`, body: '{"apiVersion":"v1","kind":"ConfigMap"}', type: "application/apply-patch+yaml", want: 400, message: /fieldManager is required/ },
    { name: "limit not a number", method: "GET", path: `${ns}/pods?limit=abc`, want: 400 },
    { name: "bad label selector", method: "GET", path: `${ns}/pods?labelSelector=${encodeURIComponent("a in (b")}`, want: 400 },
    { name: "bad dryRun", method: "POST", path: `${ns}/configmaps?dryRun=Some`, body: '{"metadata":{"name":"y"}}', want: 400 },
    { name: "bad fieldValidation", method: "POST", path: `${ns}/configmaps?fieldValidation=Loud`, body: '{"metadata":{"name":"y"}}', want: 400 },
    { name: "unknown group", method: "GET", path: "/apis/example.com/v1/widgets", want: 404 },
    { name: "wrong version", method: "GET", path: "/apis/apps/v2/deployments", want: 404 },
    { name: "malformed escape", method: "GET", path: "/api/v1/%zz", want: 404 },
    { name: "exec without upgrade", method: "POST", path: `${ns}/pods/nope/exec?command=ls`, want: 400, message: /Upgrade request required/ },
    { name: "PUT on a collection", method: "PUT", path: `${ns}/configmaps`, body: "{}", want: 405 },
    { name: "unknown subresource", method: "GET", path: `${ns}/configmaps/x/frob`, want: 404 },
    { name: "negative scale", method: "PATCH", path: "/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale", body: '{"spec":{"replicas":-1}}', type: "application/merge-patch+json", want: 422 },
  ];
  const bad: string[] = [];
  for (const c of cases) {
    const r = await call(server, t, c.method, c.path, c.body, c.type ? { "Content-Type": c.type } : {});
    let status: any = {};
    try {
      status = JSON.parse(r.body);
    } catch {
      bad.push(`${c.name}: body is not a Status: ${r.body.slice(0, 200)}`);
    }
    if (r.status !== c.want || status.kind !== "Status" || status.code !== c.want) bad.push(`${c.name}: ${r.status} ${r.body.slice(0, 200)}, want ${c.want}`);
    if (c.message && !c.message.test(status.message ?? "")) bad.push(`${c.name}: message ${status.message}`);
  }
  assert.deepEqual(bad, []);
  assert.equal((await call(server, t, "GET", `${ns}/pods`)).status, 200);
});

test("onRequest attributes each API call to the sandbox and the kubectl command that made it", { skip: !haveKubectl(V) }, async () => {
  const records: RequestRecord[] = [];
  const audited = await createSandboxServer({ idleTimeoutMs: 0, onRequest: (r) => records.push(r) });
  try {
    const s = await newSession(audited, V, "audited");
    try {
      const failures = await runSteps(s, V, [{ args: "get pods -n kube-system -o name", stdout: "pod/coredns-" }]);
      assert.deepEqual(failures, []);
      const list = records.find((r) => r.url.startsWith("/api/v1/namespaces/kube-system/pods"));
      assert.ok(list, JSON.stringify(records));
      assert.equal(list.sandboxId, "audited");
      assert.equal(list.status, 200);
      assert.equal(list.command, "kubectl get");
      assert.match(list.session ?? "", /^[0-9a-f-]{36}$/);
    } finally {
      await s.close();
    }
  } finally {
    await audited.close();
  }
});

test("deleting a sandbox ends its open watches at once", async () => {
  const sb = await server.createSandbox();
  const started = Date.now();
  const pending = call(server, sb.token, "GET", "/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=30");
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(server.deleteSandbox(sb.id), true);
  const r = await pending;
  assert.equal(r.status, 200);
  assert.ok(Date.now() - started < 5000, `the watch stayed open ${Date.now() - started} ms`);
  assert.equal(server.deleteSandbox(sb.id), false);
});

test("exec over WebSocket v5.channel.k8s.io: subprotocol echoed, channel frames, pong, exit status, close 1000", async () => {
  const { WebSocket } = await import("ws");
  const t = a.sandbox.token;
  const cluster = a.sandbox.cluster;
  const PODS = { group: "", resource: "pods" };
  await call(server, t, "POST", "/api/v1/namespaces/default/pods", JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "wsx" }, spec: { containers: [{ name: "c", image: "nginx" }] } }));
  const deadline = Date.now() + 20_000;
  while (cluster.store.get(PODS, "default", "wsx")?.status?.phase !== "Running" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = server.url.replace("https:", "wss:") + "/api/v1/namespaces/default/pods/wsx/exec?command=sh&command=-c&command=cat%3B%20exit%205&container=c&stdin=true&stdout=true&stderr=true";
  const ws = new WebSocket(url, ["v5.channel.k8s.io"], { ca: server.caPem, headers: { Authorization: `Bearer ${t}` } });
  const frames: { channel: number; text: string }[] = [];
  let pong = false;
  // The session waits on stdin, so the ping is answered while it is open; then stdin is sent and closed (channel 255).
  ws.on("pong", () => {
    pong = true;
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from("hi\n")]));
    ws.send(Buffer.from([255, 0]));
  });
  ws.on("open", () => ws.ping());
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    assert.equal(isBinary, true);
    frames.push({ channel: data[0], text: data.subarray(1).toString("utf8") });
  });
  const code = await new Promise<number>((resolve, reject) => {
    ws.on("close", (c) => resolve(c));
    ws.on("error", reject);
  });
  assert.equal(ws.protocol, "v5.channel.k8s.io");
  assert.equal(code, 1000);
  assert.equal(pong, true);
  assert.equal(frames.filter((f) => f.channel === 1).map((f) => f.text).join(""), "hi\n");
  const status = JSON.parse(frames.find((f) => f.channel === 3)!.text);
  assert.deepEqual([status.status, status.reason, status.details.causes], ["Failure", "NonZeroExitCode", [{ reason: "ExitCode", message: "5" }]]);

  // A refused upgrade answers with a Status, not 101 (kubectl then retries over SPDY and prints the same Status).
  const refused = new WebSocket(url.replace("container=c", "container=nope"), ["v5.channel.k8s.io"], { ca: server.caPem, headers: { Authorization: `Bearer ${t}` } });
  const status400 = await new Promise<number>((resolve) => {
    refused.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    refused.on("error", () => resolve(-1));
  });
  assert.equal(status400, 400);
});
