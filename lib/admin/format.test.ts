import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDateTime, formatDuration, formatPercent, formatRelative, learnerLabel } from "./format";

test("formatDuration: one row per unit boundary", () => {
  const cases: [number, string][] = [
    [-5, "0 s"],
    [0, "0 s"],
    [59_999, "59 s"],
    [60_000, "1 min"],
    [59 * 60_000 + 59_000, "59 min"],
    [3_600_000, "1 h 00 min"],
    [2 * 3_600_000 + 5 * 60_000, "2 h 05 min"],
    [86_400_000, "1 d 0 h"],
    [3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, "3 d 4 h"],
  ];
  const bad = cases.filter(([ms, want]) => formatDuration(ms) !== want).map(([ms, want]) => `${ms}: got "${formatDuration(ms)}", want "${want}"`);
  assert.deepEqual(bad, []);
});

test("formatRelative, formatDateTime, formatPercent, learnerLabel", () => {
  const now = new Date("2026-11-27T07:10:00Z");
  const cases: [string, string][] = [
    [formatRelative(new Date("2026-11-27T07:07:00Z"), now), "3 min ago"],
    [formatRelative(new Date("2026-11-27T07:22:30Z"), now), "in 12 min"],
    [formatDateTime(now), "2026-11-27 07:10 UTC"],
    [formatPercent(null), "—"],
    [formatPercent(82.5), "82.5%"],
    [learnerLabel({ email: "a@example.com", isGuest: false }), "a@example.com"],
    [learnerLabel({ email: null, isGuest: true }), "guest"],
  ];
  const bad = cases.map(([got, want], i) => (got === want ? null : `case ${i}: got "${got}", want "${want}"`)).filter(Boolean);
  assert.deepEqual(bad, []);
});
