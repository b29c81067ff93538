import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, needsRehash, SCRYPT, verifyPassword } from "./password";

// Changes one character well inside the stored hash (the last base64url character carries padding bits).
const tamper = (h: string) => h.slice(0, -10) + (h.at(-10) === "A" ? "B" : "A") + h.slice(-9);

test("scrypt hashes: format, per-user salt, verification", async () => {
  const a = await hashPassword("correct horse battery");
  const b = await hashPassword("correct horse battery");
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b, "same password, different salt, different hash");
  assert.equal(needsRehash(a), false);

  const cases: Array<[string, string, boolean]> = [
    ["correct horse battery", a, true],
    ["correct horse battery", b, true],
    ["correct horse batter", a, false],
    ["Correct horse battery", a, false],
    ["", a, false],
    ["correct horse battery", tamper(a), false],
    ["correct horse battery", "plain-text-password", false],
    ["correct horse battery", "scrypt$0$8$1$abc$def", false],
    ["correct horse battery", `scrypt$${1 << 22}$8$1$abc$def`, false], // absurd cost refused, not attempted
  ];
  const wrong: string[] = [];
  for (const [pw, stored, want] of cases) {
    const got = await verifyPassword(pw, stored);
    if (got !== want) wrong.push(`verify(${JSON.stringify(pw)}, ${stored.slice(0, 30)}…) = ${got}, want ${want}`);
  }
  assert.deepEqual(wrong, []);
});

test("hashes made at a lower cost still verify and ask to be upgraded", async () => {
  const weak = await hashPassword("password-at-low-cost", { N: 1 << 10, r: 8, p: 1 });
  assert.equal(await verifyPassword("password-at-low-cost", weak), true);
  assert.equal(needsRehash(weak), true);
  assert.equal(SCRYPT.N >= 1 << 15, true, "cost must stay at or above OWASP's scrypt minimum");
});

test("unicode passwords are normalised (NFKC) so the same typed text verifies", async () => {
  const h = await hashPassword("café-au-lait-1234"); // precomposed é
  assert.equal(await verifyPassword("cafe\u0301-au-lait-1234", h), true); // e + combining accent
});
