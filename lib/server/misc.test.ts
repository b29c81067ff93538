import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildState } from "./build-state";
import { safeNext } from "./safe-next";
import { parsePort } from "./main";

test("after sign-in we only ever go to a path on this site", () => {
  const table: Array<[unknown, string]> = [
    ["/lessons/services#dns", "/lessons/services#dns"],
    ["/", "/"],
    [undefined, "/"],
    [["/a", "/b"], "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["lessons", "/"],
    ["/x\nSet-Cookie: a=b", "/"],
  ];
  const wrong = table.filter(([input, want]) => safeNext(input) !== want).map(([i]) => JSON.stringify(i));
  assert.deepEqual(wrong, []);
});

test("PORT parsing", () => {
  assert.equal(parsePort(undefined), 3000);
  assert.equal(parsePort(""), 3000);
  assert.equal(parsePort("8080"), 8080);
  assert.equal(parsePort("0"), 0);
  for (const bad of ["80a", "-1", "65536", "3.5", "http"]) assert.throws(() => parsePort(bad), /is not a port number \(0-65535\)\. Unset it to use 3000\./, bad);
});

test("build state: missing, fresh, stale after a source change", () => {
  const root = mkdtempSync(join(tmpdir(), "kna-build-"));
  try {
    mkdirSync(join(root, "app"));
    writeFileSync(join(root, "app", "page.tsx"), "x");
    assert.equal(buildState(root).state, "missing");
    mkdirSync(join(root, ".next"));
    writeFileSync(join(root, ".next", "BUILD_ID"), "b");
    const t0 = Date.now() / 1000;
    utimesSync(join(root, "app", "page.tsx"), t0 - 100, t0 - 100);
    utimesSync(join(root, "app"), t0 - 100, t0 - 100);
    utimesSync(join(root, ".next", "BUILD_ID"), t0 - 50, t0 - 50);
    assert.equal(buildState(root).state, "fresh");
    writeFileSync(join(root, "app", "page.test.ts"), "tests do not count");
    utimesSync(join(root, "app"), t0 - 100, t0 - 100);
    assert.equal(buildState(root).state, "fresh");
    utimesSync(join(root, "app", "page.tsx"), t0, t0);
    assert.equal(buildState(root).state, "stale");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
