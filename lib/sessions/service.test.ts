// The lab session lifecycle against a real database and the sandbox backend: provisioning steps,
// resuming, the owner check, extension, idle expiry (with a warning first), reset, and a restart
// that brings a sandbox session's objects back.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDb } from "../db/test-db";
import { ClusterManager } from "../clusters/manager";
import { SandboxBackend } from "../clusters/sandbox";
import { kubectl } from "../labs/kubectl";
import { LabSessionService, type SessionEvent, type SessionLimits } from "./service";

const t = await createTestDb();
const backend = new SandboxBackend();
after(async () => {
  await backend.close();
  await t.cleanup();
});
const dataDir = mkdtempSync(join(tmpdir(), "sessions-"));
const limits: SessionLimits = { idleMs: 60_000, maxMs: 120_000, warnMs: 30_000, extendMs: 60_000 };

function service() {
  const late: { s?: LabSessionService } = {};
  const manager = new ClusterManager(backend, { maxClusters: 10, warmPool: 0, poolAddons: [], poolDir: join(dataDir, "pool"), reapEveryMs: 0, liveClusters: () => late.s?.liveClusters() ?? [] });
  return (late.s = new LabSessionService(t.db, manager, dataDir, limits));
}

async function until(svc: LabSessionService, userId: string, id: string, state: string) {
  for (let i = 0; i < 400; i++) {
    const s = await svc.get(userId, id);
    if (s.state === state) return s;
    if (s.state === "failed") assert.fail(`session failed: ${s.error}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`session never reached ${state}`);
}

const user = await t.db.user.create({ data: { isGuest: true } });
const other = await t.db.user.create({ data: { isGuest: true } });

test("a session provisions through named steps, resumes, and belongs to its learner only", async () => {
  const svc = service();
  const s = await svc.start(user.id, "pod-ips");
  const events: SessionEvent[] = [];
  svc.subscribe(s.id, (e) => events.push(e));
  const ready = await until(svc, user.id, s.id, "ready");
  assert.ok(ready.expiresAt && ready.readyAt);
  assert.ok(existsSync(svc.paths(s.id).kubeconfig));
  const steps = events.filter((e) => e.type === "step").map((e) => (e as { step: string }).step);
  assert.ok(steps.includes("preparing lab") && steps.at(-1) === "ready", `steps: ${steps.join(", ")}`);
  // The lab's setup ran: its pods exist in the learner's cluster.
  const r = await kubectl(svc.target(s.id), ["get", "pods", "web-a", "web-b", "-o", "name"]);
  assert.equal(r.stdout.trim(), "pod/web-a\npod/web-b");
  assert.equal((await svc.start(user.id, "pod-ips")).id, s.id, "starting again resumes the live session");
  await assert.rejects(svc.get(other.id, s.id), /no such lab session/);
  await assert.rejects(svc.extend(other.id, s.id), /no such lab session/);
  await svc.end(user.id, s.id);
  assert.equal((await svc.get(user.id, s.id)).state, "ended");
  assert.equal(existsSync(svc.paths(s.id).dir), false, "the workspace and kubeconfig are deleted");
});

test("idle sessions get a warning, then expire and give their cluster back; extending moves the limit", async () => {
  const svc = service();
  const s = await svc.start(user.id, "pod-ips");
  const ready = await until(svc, user.id, s.id, "ready");
  const events: SessionEvent[] = [];
  svc.subscribe(s.id, (e) => events.push(e));
  const extended = await svc.extend(user.id, s.id);
  assert.equal(extended.expiresAt!.getTime(), ready.expiresAt!.getTime() + limits.extendMs);
  const t0 = extended.lastActiveAt.getTime();
  await svc.sweep(t0 + limits.idleMs - limits.warnMs + 1);
  assert.deepEqual(events.map((e) => e.type), ["warning"]);
  assert.equal((events[0] as { reason: string }).reason, "idle");
  await svc.sweep(t0 + limits.idleMs + 1);
  assert.equal((await svc.get(user.id, s.id)).state, "expired");
  assert.equal(events.at(-1)?.type, "ended");
  assert.equal((await backend.list()).includes(s.id), false, "the sandbox was deleted");
});

test("reset gives a fresh cluster with the lab's setup; a restart restores a sandbox session's objects", async () => {
  const svc = service();
  const s = await svc.start(user.id, "service-dns");
  await until(svc, user.id, s.id, "ready");
  await kubectl(svc.target(s.id), ["create", "deployment", "web", "--image=nginx:1.27"]);
  await svc.snapshotAll();
  // A restart: the sandbox is gone (it lived in the old process) and a new service restores it.
  await backend.delete(s.id);
  const restarted = service();
  await restarted.restore();
  await until(restarted, user.id, s.id, "ready");
  const r = await kubectl(restarted.target(s.id), ["get", "deployment", "web", "-o", "name"]);
  assert.equal(r.stdout.trim(), "deployment.apps/web", r.stderr);

  const fresh = await restarted.reset(user.id, s.id);
  assert.notEqual(fresh.id, s.id);
  await until(restarted, user.id, fresh.id, "ready");
  const gone = await kubectl(restarted.target(fresh.id), ["get", "deployment", "web"]);
  assert.match(gone.stderr, /NotFound/);
  await restarted.end(user.id, fresh.id);
});
