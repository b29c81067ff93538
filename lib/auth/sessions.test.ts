import assert from "node:assert/strict";
import { after, before, test } from "node:test";
process.env.SESSION_SECRET = "test-secret-for-session-tests-0123456789ab";
const { createTestDb } = await import("../db/test-db");
const { createSession, deleteExpiredSessions, destroySession, resolveSession, ACCOUNT_SESSION_DAYS, GUEST_SESSION_DAYS } = await import("./sessions");
const { sha256 } = await import("./tokens");

let t: Awaited<ReturnType<typeof createTestDb>>;
before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

const DAY = 86_400_000;

test("a session cookie resolves to its user; the database keeps only a hash of the secret", async () => {
  const user = await t.db.user.create({ data: { email: "s1@example.com", passwordHash: "x" } });
  const s = await createSession(t.db, user, "Firefox");
  const [secret] = s.cookieValue.split(".");
  assert.equal(s.session.id, sha256(secret));
  assert.notEqual(s.session.id, secret);
  assert.equal(s.maxAgeSeconds, ACCOUNT_SESSION_DAYS * 86400);
  const r = await resolveSession(t.db, s.cookieValue);
  assert.equal(r.state, "active");
  assert.equal(r.state === "active" && r.user.id, user.id);
});

test("guests get a year; accounts a month", async () => {
  const guest = await t.db.user.create({ data: { isGuest: true } });
  const now = new Date("2026-01-01T00:00:00Z");
  const s = await createSession(t.db, guest, null, now);
  assert.equal(s.session.expiresAt.getTime() - now.getTime(), GUEST_SESSION_DAYS * DAY);
});

test("cookie states: none, tampered, unknown, expired, signed out", async () => {
  const user = await t.db.user.create({ data: { email: "s2@example.com", passwordHash: "x" } });
  const now = new Date();
  const live = await createSession(t.db, user, null, now);
  const old = await createSession(t.db, user, null, new Date(now.getTime() - (ACCOUNT_SESSION_DAYS + 1) * DAY));
  const gone = await createSession(t.db, user, null, now);
  await destroySession(t.db, gone.cookieValue);
  const [secret, sig] = live.cookieValue.split(".");
  const table: Array<[string, string | undefined, string]> = [
    ["no cookie", undefined, "none"],
    ["live", live.cookieValue, "active"],
    ["tampered secret", `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}.${sig}`, "invalid"],
    ["tampered signature", `${secret}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, "invalid"],
    ["unsigned secret", secret, "invalid"],
    ["garbage", "hello", "invalid"],
    ["expired", old.cookieValue, "expired"],
    ["signed out", gone.cookieValue, "invalid"],
  ];
  const wrong: string[] = [];
  for (const [name, cookie, want] of table) {
    const got = (await resolveSession(t.db, cookie, now)).state;
    if (got !== want) wrong.push(`${name}: ${got}, want ${want}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(await t.db.session.count({ where: { id: old.session.id } }), 0, "an expired session is deleted when seen");
});

test("housekeeping deletes every expired session and no live one", async () => {
  const user = await t.db.user.create({ data: { email: "s3@example.com", passwordHash: "x" } });
  const now = new Date();
  const live = await createSession(t.db, user, null, now);
  await createSession(t.db, user, null, new Date(now.getTime() - 40 * DAY));
  assert.ok((await deleteExpiredSessions(t.db, now)) >= 1);
  assert.equal((await resolveSession(t.db, live.cookieValue, now)).state, "active");
});
