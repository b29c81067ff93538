import assert from "node:assert/strict";
import { test } from "node:test";
import { randomToken, safeEqual, sign, unsign } from "./tokens";

const key = Buffer.from("k".repeat(48));
const otherKey = Buffer.from("j".repeat(48));

test("signed cookies: only the untouched value with the right key and purpose unsigns", () => {
  const value = randomToken();
  const signed = sign(key, value, "kna_session");
  const [v, sig] = signed.split(".");
  const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
  const cases: Array<[string, string | null | undefined, Buffer, string, string | null]> = [
    ["untouched", signed, key, "kna_session", value],
    ["value changed", `${flip(v)}.${sig}`, key, "kna_session", null],
    ["signature changed", `${v}.${flip(sig)}`, key, "kna_session", null],
    ["signature dropped", v, key, "kna_session", null],
    ["empty signature", `${v}.`, key, "kna_session", null],
    ["other key", signed, otherKey, "kna_session", null],
    ["other purpose", signed, key, "csrf", null],
    ["empty", "", key, "kna_session", null],
    ["missing", undefined, key, "kna_session", null],
    ["only a dot", ".", key, "kna_session", null],
  ];
  const wrong = cases.filter(([, input, k, purpose, want]) => unsign(k, input, purpose) !== want).map(([name]) => name);
  assert.deepEqual(wrong, []);
});

test("random tokens are 256-bit url-safe strings, never repeated", () => {
  const seen = new Set(Array.from({ length: 1000 }, () => randomToken()));
  assert.equal(seen.size, 1000);
  for (const t of seen) assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(safeEqual("abc", "abc"), true);
  assert.equal(safeEqual("abc", "abd"), false);
  assert.equal(safeEqual("abc", "abcd"), false);
});
