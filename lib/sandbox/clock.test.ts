import { test } from "node:test";
import assert from "node:assert/strict";
import { createClock, rfc3339, scaleFromEnv } from "./clock";

test("a sped-up clock waits a fraction of the time", async () => {
  const clock = createClock(100);
  const started = performance.now();
  assert.equal(await clock.sleep(1000), true);
  const took = performance.now() - started;
  assert.ok(took < 500, `1 s of sandbox time at x100 took ${took} ms`);
});

test("sleep stops early when aborted", async () => {
  const clock = createClock(1);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 5);
  assert.equal(await clock.sleep(60_000, ac.signal), false);
});

test("SANDBOX_TIME_SCALE is validated", () => {
  assert.equal(scaleFromEnv({}), 1);
  assert.equal(scaleFromEnv({ SANDBOX_TIME_SCALE: "20" }), 20);
  assert.throws(() => scaleFromEnv({ SANDBOX_TIME_SCALE: "fast" }), /positive number/);
  assert.throws(() => scaleFromEnv({ SANDBOX_TIME_SCALE: "0" }), /positive number/);
});

test("timestamps have no fractional seconds", () => {
  assert.equal(rfc3339(new Date("2026-11-27T05:56:37.123Z")), "2026-11-27T05:56:37Z");
});
