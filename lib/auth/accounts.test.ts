import assert from "node:assert/strict";
import { after, before, test } from "node:test";
process.env.SESSION_SECRET = "test-secret-for-account-tests-0123456789a";
const { createTestDb } = await import("../db/test-db");
const { createGuest, signIn, signUp, upsertAdmin, WRONG_CREDENTIALS } = await import("./accounts");
const { verifyPassword } = await import("./password");
const { HttpError } = await import("../server/http-error");

let t: Awaited<ReturnType<typeof createTestDb>>;
before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

async function rejects(p: Promise<unknown>): Promise<InstanceType<typeof HttpError>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${err}`);
    return err;
  }
  assert.fail("expected a rejection");
}

test("sign up stores a normalised email and a scrypt hash, never the password", async () => {
  const { user, claimedGuest } = await signUp(t.db, { email: " Ada@Example.com ", password: "analytical engine" }, null);
  assert.equal(user.email, "ada@example.com");
  assert.equal(claimedGuest, false);
  assert.ok(user.passwordHash?.startsWith("scrypt$"));
  assert.ok(!user.passwordHash?.includes("analytical"));
  assert.equal(await verifyPassword("analytical engine", user.passwordHash!), true);
});

test("bad sign-up input: field errors, nothing written", async () => {
  const before = await t.db.user.count();
  const table: Array<[Record<string, unknown>, number, Record<string, string>]> = [
    [{ email: "nope", password: "long enough pw" }, 400, { email: "Enter an email address like name@example.com." }],
    [{ email: "b@example.com", password: "short" }, 400, { password: "Use at least 10 characters." }],
    [{}, 400, { email: "Enter your email address.", password: "Choose a password." }],
    [{ email: "ADA@example.com", password: "another password" }, 409, { email: "An account with this email already exists. Sign in instead, or use another email." }],
  ];
  for (const [input, status, fields] of table) {
    const e = await rejects(signUp(t.db, input, null));
    assert.equal(e.status, status, JSON.stringify(input));
    assert.deepEqual(e.fields, fields);
  }
  assert.equal(await t.db.user.count(), before);
});

test("a guest who signs up keeps the same user row and all its progress", async () => {
  const guest = await createGuest(t.db);
  await t.db.lessonProgress.create({ data: { userId: guest.id, lessonId: "services", moduleId: "services", completedAt: new Date() } });
  const { user, claimedGuest } = await signUp(t.db, { email: "grace@example.com", password: "cobol compiler" }, guest);
  assert.equal(claimedGuest, true);
  assert.equal(user.id, guest.id);
  assert.equal(user.isGuest, false);
  assert.equal(await t.db.lessonProgress.count({ where: { userId: user.id } }), 1);
  // The same guest cannot claim twice (e.g. a second tab).
  await assert.rejects(signUp(t.db, { email: "grace2@example.com", password: "cobol compiler" }, guest));
});

test("sign in: the right password works; wrong password and unknown email read the same", async () => {
  const ok = await signIn(t.db, { email: "ADA@example.com", password: "analytical engine" });
  assert.equal(ok.email, "ada@example.com");
  const wrongPw = await rejects(signIn(t.db, { email: "ada@example.com", password: "difference engine" }));
  const noUser = await rejects(signIn(t.db, { email: "nobody@example.com", password: "difference engine" }));
  assert.equal(wrongPw.status, 401);
  assert.equal(noUser.status, 401);
  assert.equal(wrongPw.message, WRONG_CREDENTIALS);
  assert.equal(noUser.message, wrongPw.message);
  assert.deepEqual([wrongPw.fields, noUser.fields], [undefined, undefined]);
  const guest = await createGuest(t.db);
  assert.equal(guest.email, null);
  const empty = await rejects(signIn(t.db, { email: "ada@example.com", password: "" }));
  assert.deepEqual(empty.fields, { password: "Enter your password." });
});

test("admin:create creates an admin, or promotes an existing account", async () => {
  const created = await upsertAdmin(t.db, { email: "teacher@example.com", password: "chalk and board" });
  assert.equal(created.created, true);
  assert.equal(created.user.role, "admin");
  const promoted = await upsertAdmin(t.db, { email: "ada@example.com", password: "new admin password" });
  assert.equal(promoted.created, false);
  assert.equal(promoted.user.role, "admin");
  assert.equal((await signIn(t.db, { email: "ada@example.com", password: "new admin password" })).role, "admin");
  await assert.rejects(upsertAdmin(t.db, { email: "x", password: "y" }), /email: Enter an email address/);
});
