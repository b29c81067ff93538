// The kind backend and the cluster manager, driven against fake docker/kind/kubectl executables on
// PATH that record what they were asked (testdata/fake-tool.sh). No Docker is needed.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KindBackend, kindConfigFromEnv, parseKindVersion } from "./kind";
import { ClusterManager } from "./manager";
import { BackendError, type ProvisionStep } from "./types";

const bin = mkdtempSync(join(tmpdir(), "fake-bin-"));
for (const tool of ["docker", "kind", "kubectl"]) {
  copyFileSync(new URL("./testdata/fake-tool.sh", import.meta.url), join(bin, tool));
  chmodSync(join(bin, tool), 0o755);
}
process.env.PATH = `${bin}:${process.env.PATH}`;

let dir: string;
type Call = { tool: string; args: string[]; stdin: string };
const calls = (): Call[] => (existsSync(process.env.FAKE_LOG!) ? readFileSync(process.env.FAKE_LOG!, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);
const kindCalls = () => calls().filter((c) => c.tool === "kind" && c.args[0] !== "version");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kind-test-"));
  process.env.FAKE_LOG = join(dir, "calls.jsonl");
  process.env.FAKE_STATE = join(dir, "clusters.txt");
  writeFileSync(process.env.FAKE_STATE, "");
  for (const k of ["FAKE_FAIL", "FAKE_SLEEP", "FAKE_DOCKER_DOWN", "FAKE_KIND_VERSION"]) delete process.env[k];
});

const backend = () => new KindBackend({ ...kindConfigFromEnv({}), ingressManifest: "/srv/ingress.yaml" });

test("availability names exactly what is missing", async () => {
  const cases: [Record<string, string>, RegExp | null][] = [
    [{}, null],
    [{ FAKE_DOCKER_DOWN: "1" }, /Docker engine is not running/],
    [{ FAKE_KIND_VERSION: "kind v0.23.0 go1.22 linux/amd64" }, /kind v0\.23\.0.* is too old: v0\.24\.0 or newer/],
  ];
  const wrong: string[] = [];
  for (const [env, want] of cases) {
    Object.assign(process.env, env);
    const a = await backend().available();
    if (want === null ? !a.ok : a.ok || !want.test(a.reason ?? "")) wrong.push(`${JSON.stringify(env)} → ${JSON.stringify(a)}`);
    for (const k of Object.keys(env)) delete process.env[k];
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(parseKindVersion("kind v0.24.0 go1.22.6 linux/amd64"), [0, 24, 0]);
});

test("create runs kind with the exact argv and a 3-node config, then waits and installs ingress", async () => {
  const steps: ProvisionStep[] = [];
  const kc = join(dir, "s1", "kubeconfig");
  const h = await backend().create({ id: "S1abc", kubeconfigPath: kc, addons: ["ingress-nginx"], onStep: (s) => steps.push(s) });
  assert.equal(h.name, "kubenet-s1abc");
  assert.match(h.description, /kindest\/node:v1\.32\.2/);
  const create = kindCalls().find((c) => c.args[0] === "create")!;
  assert.deepEqual(create.args, ["create", "cluster", "--name", "kubenet-s1abc", "--config", "-", "--kubeconfig", kc, "--image", "kindest/node:v1.32.2", "--wait", "120s"]);
  assert.match(create.stdin, /role: control-plane[\s\S]*ingress-ready=true[\s\S]*role: worker[\s\S]*role: worker/);
  const kubectl = calls().filter((c) => c.tool === "kubectl" && !c.args.includes("--client")).map((c) => c.args.slice(1).join(" "));
  assert.deepEqual(kubectl, [
    "wait --for=condition=Ready nodes --all --timeout=120s",
    "apply -f /srv/ingress.yaml",
    "wait -n ingress-nginx --for=condition=Ready pod -l app.kubernetes.io/component=controller --timeout=120s",
  ]);
  assert.deepEqual(steps, ["creating cluster", "waiting for API", "preparing lab"]);
});

test("a failed create leaves no cluster and no kubeconfig behind, and tells the learner plainly", async () => {
  for (const fail of ["create", "apply"]) {
    writeFileSync(process.env.FAKE_STATE!, "");
    process.env.FAKE_FAIL = fail;
    const kc = join(dir, fail, "kubeconfig");
    mkdirSync(join(dir, fail), { recursive: true });
    await assert.rejects(backend().create({ id: `x-${fail}`, kubeconfigPath: kc, addons: ["ingress-nginx"] }), (e: BackendError) => e instanceof BackendError && /try again/i.test(e.learnerMessage));
    delete process.env.FAKE_FAIL;
    assert.equal(existsSync(kc), false, `${fail}: kubeconfig removed`);
    assert.equal(readFileSync(process.env.FAKE_STATE!, "utf8").trim(), "", `${fail}: no cluster left`);
    assert.ok(kindCalls().some((c) => c.args[0] === "delete" && c.args.includes(`kubenet-x-${fail}`)), `${fail}: kind delete was called`);
  }
});

test("a kind create that takes too long is stopped, cleaned up, and explained", async () => {
  process.env.FAKE_SLEEP = "5";
  const kc = join(dir, "slow", "kubeconfig");
  const b = new KindBackend({ ...kindConfigFromEnv({}), createTimeoutSeconds: 1 });
  const t0 = Date.now();
  await assert.rejects(b.create({ id: "slow", kubeconfigPath: kc, addons: [] }), (e: BackendError) => /took too long/.test(e.message) && /try again/i.test(e.learnerMessage));
  assert.ok(Date.now() - t0 < 4000, "it did not wait for kind to finish");
  assert.equal(existsSync(kc), false);
  assert.ok(kindCalls().some((c) => c.args[0] === "delete" && c.args.includes("kubenet-slow")), "kind delete was called for the half-made cluster");
});

const manager = (b: KindBackend, over: Partial<ConstructorParameters<typeof ClusterManager>[1]> = {}) =>
  new ClusterManager(b, { maxClusters: 2, warmPool: 0, poolAddons: [], poolDir: join(dir, "pool"), reapEveryMs: 0, liveClusters: () => [], ...over });

test("the reaper deletes only clusters with our prefix that no live session owns", async () => {
  writeFileSync(process.env.FAKE_STATE!, "kubenet-live\nkubenet-orphan\nsomeone-elses\n");
  const m = manager(backend(), { liveClusters: () => ["kubenet-live"] });
  assert.deepEqual(await m.reap(), ["kubenet-orphan"]);
  assert.deepEqual(readFileSync(process.env.FAKE_STATE!, "utf8").trim().split("\n"), ["kubenet-live", "someone-elses"]);
});

test("beyond the cluster limit learners queue, learn their position, and get the next free cluster", async () => {
  process.env.FAKE_SLEEP = "0.2";
  const m = manager(backend(), { maxClusters: 1 });
  const first = await m.acquire({ id: "a", kubeconfigPath: join(dir, "a.kc"), addons: [] });
  const positions: number[] = [];
  const second = m.acquire({ id: "b", kubeconfigPath: join(dir, "b.kc"), addons: [], onQueue: (p) => positions.push(p) });
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(m.stats, { clusters: 1, warm: 0, queued: 1, max: 1 });
  await m.release(first);
  const h = await second;
  assert.equal(h.name, "kubenet-b");
  assert.deepEqual(positions, [1]);
  assert.deepEqual(readFileSync(process.env.FAKE_STATE!, "utf8").trim().split("\n"), ["kubenet-b"]);
});

test("the warm pool refills and hands out ready clusters", async () => {
  const m = manager(backend(), { maxClusters: 3, warmPool: 2, poolAddons: ["ingress-nginx"] });
  await m.start();
  for (let i = 0; i < 500 && m.stats.warm < 2; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(m.stats.warm, 2);
  const steps: string[] = [];
  const h = await m.acquire({ id: "learner", kubeconfigPath: join(dir, "l.kc"), addons: ["ingress-nginx"], onStep: (s, d) => steps.push(`${s}: ${d}`) });
  assert.match(h.name, /^kubenet-pool-[0-9a-f]{8}$/);
  assert.ok(existsSync(join(dir, "l.kc")));
  assert.deepEqual(steps, ["preparing lab: using a cluster from the warm pool"]);
  for (let i = 0; i < 500 && m.stats.warm < 2; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(m.stats, { clusters: 3, warm: 2, queued: 0, max: 3 });
  m.stop();
});

test("LAB_BACKEND=auto falls back to the sandbox and says why; kind without Docker is an error", async () => {
  const { parseChoice, selectBackend } = await import("./select");
  const { SandboxBackend } = await import("./sandbox");
  process.env.FAKE_DOCKER_DOWN = "1";
  const make = { kind: () => backend(), sandbox: () => new SandboxBackend() };
  const auto = await selectBackend("auto", make);
  assert.equal(auto.backend.name, "sandbox");
  assert.match(auto.reason, /Docker engine is not running.*embedded sandbox/);
  await assert.rejects(selectBackend("kind", make), /LAB_BACKEND=kind, but kind backend unavailable/);
  delete process.env.FAKE_DOCKER_DOWN;
  assert.equal((await selectBackend("auto", make)).backend.name, "kind");
  assert.throws(() => parseChoice("docker"), /LAB_BACKEND="docker" is not one of auto, kind, sandbox/);
});
