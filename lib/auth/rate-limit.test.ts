import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter, tooMany } from "./rate-limit";

test("fixed window: limit hits per window per key, then a wait that counts down", () => {
  let now = 1_000_000;
  const rl = new RateLimiter(`test-${Math.random()}`, 3, 60_000, () => now);
  const seq = [rl.hit("a"), rl.hit("a"), rl.hit("a"), rl.hit("a"), rl.hit("b")].map((d) => d.ok);
  assert.deepEqual(seq, [true, true, true, false, true]);
  now += 30_000;
  const blocked = rl.hit("a");
  assert.deepEqual(blocked, { ok: false, retryAfterSeconds: 30 });
  assert.deepEqual(rl.check("a"), { ok: false, retryAfterSeconds: 30 }, "check() does not count");
  now += 30_000;
  assert.equal(rl.hit("a").ok, true, "a new window opens");
  rl.reset("b");
  assert.equal(rl.check("b").ok, true);
});

test("limiters with the same name share state (every module instance in a process)", () => {
  const name = `shared-${Math.random()}`;
  const one = new RateLimiter(name, 1, 60_000);
  const two = new RateLimiter(name, 1, 60_000);
  assert.equal(one.hit("ip").ok, true);
  assert.equal(two.hit("ip").ok, false);
});

test("429 messages say what and how long, with Retry-After", () => {
  const table: Array<[number, string]> = [
    [1, "Wait 1 seconds"],
    [45, "Wait 45 seconds"],
    [89, "Wait 89 seconds"],
    [90, "Wait 2 minutes"],
    [600, "Wait 10 minutes"],
  ];
  for (const [secs, want] of table) {
    const e = tooMany("sign-in attempts", { retryAfterSeconds: secs });
    assert.equal(e.status, 429);
    assert.ok(e.message.startsWith("Too many sign-in attempts. " + want), e.message);
    assert.equal(e.headers?.["retry-after"], String(secs));
  }
});
