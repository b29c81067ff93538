// The policy benchmark runs and stays within budget (the number itself is printed by `npm run bench`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { benchPolicyVerdicts } from "./bench";

test("100 policies × 300 pods: a verdict costs well under a millisecond", () => {
  const r = benchPolicyVerdicts({ pods: 300, policies: 100, verdicts: 5000 });
  assert.equal(r.verdicts, 5000);
  assert.ok(r.allowed > 0 && r.allowed < r.verdicts, `a mix of allowed and denied verdicts (allowed ${r.allowed})`);
  assert.ok(r.msPerVerdict < 0.5, `${r.msPerVerdict} ms per verdict`);
});
