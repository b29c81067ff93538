import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDb, type TestDb } from "../db/test-db";
import { lastActivityByUser } from "./activity";
import { getOverview } from "./overview";

let t: TestDb;
const now = new Date("2026-11-27T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

test("overview: learners, guests, active in the last 7 days from every kind of trace, live sessions by state", async () => {
  const user = async (data: { email?: string; isGuest?: boolean; role?: string }) => (await t.db.user.create({ data })).id;
  // Each learner is active through exactly one table (or none), so a table left out of the count shows up.
  const viaSession = await user({ email: "s@example.com" });
  const viaLesson = await user({ email: "l@example.com" });
  const viaLab = await user({ isGuest: true });
  const viaQuiz = await user({ isGuest: true });
  const viaCheck = await user({ email: "c@example.com" });
  const stale = await user({ email: "old@example.com" });
  await user({ isGuest: true }); // never did anything
  const admin = await user({ email: "t@example.com", role: "admin" });

  await t.db.session.create({ data: { id: "a", userId: viaSession, csrfSecret: "x", lastSeenAt: daysAgo(1), expiresAt: daysAgo(-10) } });
  await t.db.session.create({ data: { id: "b", userId: stale, csrfSecret: "x", lastSeenAt: daysAgo(8), expiresAt: daysAgo(-10) } });
  await t.db.session.create({ data: { id: "c", userId: admin, csrfSecret: "x", lastSeenAt: daysAgo(0), expiresAt: daysAgo(-10) } });
  await t.db.lessonProgress.create({ data: { userId: viaLesson, lessonId: "services", moduleId: "services", lastVisitedAt: daysAgo(6.9) } });
  await t.db.lessonProgress.create({ data: { userId: stale, lessonId: "services", moduleId: "services", lastVisitedAt: daysAgo(30) } });
  const lab = (userId: string, state: string, lastActiveAt: Date) => t.db.labSession.create({ data: { userId, labId: "pod-ips", backend: "sandbox", state, lastActiveAt, createdAt: daysAgo(20) } });
  const s1 = await lab(viaLab, "ready", daysAgo(0.1));
  await lab(stale, "queued", daysAgo(9));
  await lab(stale, "provisioning", daysAgo(9));
  await lab(stale, "ready", daysAgo(9));
  await lab(stale, "ended", daysAgo(9));
  await lab(stale, "failed", daysAgo(9));
  await lab(stale, "expired", daysAgo(9));
  await t.db.quizAttempt.create({ data: { userId: viaQuiz, quizId: "q", mode: "practice", questionIdsJson: "[]", optionOrderJson: "{}", startedAt: daysAgo(2) } });
  await t.db.checkRun.create({ data: { userId: viaCheck, labSessionId: s1.id, labId: "pod-ips", passed: false, resultsJson: "[]", createdAt: daysAgo(3) } });

  const o = await getOverview(t.db, now);
  assert.deepEqual(o, { learners: 4, guests: 3, activeLast7Days: 5, liveSessions: { queued: 1, provisioning: 1, ready: 2 }, liveTotal: 4 });

  const recent = await lastActivityByUser(t.db, { since: daysAgo(7) });
  assert.deepEqual([...recent.keys()].sort(), [viaSession, viaLesson, viaLab, viaQuiz, viaCheck].sort());
  const byId = await lastActivityByUser(t.db, { userIds: [stale, admin] });
  assert.deepEqual([...byId.entries()], [[stale, daysAgo(8)]], "latest trace of the stale learner; admins are not learners");
  assert.equal((await lastActivityByUser(t.db, { userIds: [] })).size, 0);
});
