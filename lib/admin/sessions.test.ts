import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ClusterManager } from "../clusters/manager";
import { SandboxBackend } from "../clusters/sandbox";
import { createTestDb, type TestDb } from "../db/test-db";
import { isHttpError } from "../server/http-error";
import { LabSessionService, type SessionEvent } from "../sessions/service";
import { ENDED_BY_INSTRUCTOR, endLiveSession, listLiveSessions } from "./sessions";

let t: TestDb;
let dataDir: string;
const now = new Date("2026-11-27T12:00:00Z");
const minAgo = (m: number) => new Date(now.getTime() - m * 60_000);

before(async () => {
  t = await createTestDb();
  dataDir = mkdtempSync(join(tmpdir(), "kna-admin-sessions-"));
});
after(async () => {
  await t.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

test("live sessions: learner, state, age, idle time and which limit ends it first; ended ones left out", async () => {
  const ada = await t.db.user.create({ data: { email: "ada@example.com" } });
  const guest = await t.db.user.create({ data: { isGuest: true } });
  const mk = (userId: string, state: string, created: number, active: number, expires: number | null, step: string | null = null) =>
    t.db.labSession.create({
      data: { userId, labId: "pod-ips", backend: "sandbox", state, step, createdAt: minAgo(created), lastActiveAt: minAgo(active), expiresAt: expires === null ? null : minAgo(-expires) },
    });
  await mk(ada.id, "ready", 50, 5, 70); // idle ends in 25 min, time in 70: idle first
  await mk(guest.id, "ready", 40, 1, 10); // idle ends in 29 min, time in 10: time first
  await mk(guest.id, "provisioning", 1, 1, null, "waiting for API");
  await mk(ada.id, "ended", 100, 90, null);
  await mk(ada.id, "failed", 100, 90, null);

  const rows = await listLiveSessions(t.db, { idleMs: 30 * 60_000 }, now);
  assert.deepEqual(
    rows.map((r) => [r.learner.label, r.state, r.step, r.ageMs / 60_000, r.idleMs / 60_000, r.endsBecause, r.endsAt && (r.endsAt.getTime() - now.getTime()) / 60_000]),
    [
      ["ada@example.com", "ready", null, 50, 5, "idle", 25],
      ["guest", "ready", null, 40, 1, "time", 10],
      ["guest", "provisioning", "waiting for API", 1, 1, null, null],
    ],
  );
});

test("ending a session as an instructor: through the session service, once; unknown and ended sessions refused", async () => {
  const bob = await t.db.user.create({ data: { email: "bob@example.com" } });
  const service = new LabSessionService(
    t.db,
    new ClusterManager(new SandboxBackend(), { maxClusters: 2, warmPool: 0, poolAddons: [], poolDir: join(dataDir, "pool"), reapEveryMs: 0, liveClusters: () => [] }),
    dataDir,
  );
  const live = await t.db.labSession.create({ data: { userId: bob.id, labId: "pod-ips", backend: "sandbox", state: "ready" } });
  const events: SessionEvent[] = [];
  const off = service.subscribe(live.id, (e) => events.push(e));

  assert.deepEqual(await endLiveSession(t.db, service, live.id), { id: live.id, state: "ended" });
  off();
  const row = await t.db.labSession.findUniqueOrThrow({ where: { id: live.id } });
  assert.equal(row.state, "ended");
  assert.ok(row.endedAt, "endedAt is recorded");
  assert.deepEqual(events, [{ type: "ended", state: "ended", message: ENDED_BY_INSTRUCTOR }], "the learner's page is told why");

  const refusals: [string, number, RegExp][] = [
    [live.id, 409, /already ended \(it is ended\)/],
    ["no-such-session", 404, /no lab session with this id/],
  ];
  const bad: string[] = [];
  for (const [id, status, message] of refusals) {
    try {
      await endLiveSession(t.db, service, id);
      bad.push(`${id}: no error`);
    } catch (e) {
      if (!isHttpError(e) || e.status !== status || !message.test(e.message)) bad.push(`${id}: ${String(e)} (${isHttpError(e) ? e.status : "not an HttpError"})`);
    }
  }
  assert.deepEqual(bad, []);
});
