// humanDuration and the cell helpers, against apimachinery's HumanDuration table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatMap, humanDuration, since } from "./format";

test("humanDuration matches apimachinery's HumanDuration", () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: [number, string][] = [
    [-3 * s, "<invalid>"],
    [-1500, "0s"],
    [0, "0s"],
    [7 * s, "7s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [2 * m + 3 * s, "2m3s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [5 * h + 20 * m, "5h20m"],
    [8 * h, "8h"],
    [47 * h, "47h"],
    [2 * d, "2d"],
    [3 * d + 4 * h, "3d4h"],
    [8 * d, "8d"],
    [400 * d, "400d"],
    [2 * 365 * d + 3 * d, "2y3d"],
    [9 * 365 * d, "9y"],
  ];
  const bad = cases.filter(([ms, want]) => humanDuration(ms) !== want).map(([ms, want]) => `${ms}: ${humanDuration(ms)} want ${want}`);
  assert.deepEqual(bad, []);
});

test("since and formatMap", () => {
  const now = new Date("2026-01-01T00:10:00Z");
  assert.equal(since("2026-01-01T00:00:00Z", now), "10m");
  assert.equal(since(undefined, now), "<unknown>");
  assert.equal(formatMap({ tier: "db", app: "web" }), "app=web,tier=db");
  assert.equal(formatMap({}), "<none>");
});

test("formatLabelSelector sorts requirements by key, as labels.Selector.String does", async () => {
  const { formatLabelSelector } = await import("./meta");
  const cases: [unknown, string][] = [
    [undefined, "<none>"],
    [{}, "<none>"],
    [{ matchLabels: { tier: "db", app: "web" } }, "app=web,tier=db"],
    [{ matchLabels: { z: "1" }, matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }, { key: "b", operator: "DoesNotExist" }] }, "!b,env in (dev,prod),z=1"],
    [{ matchExpressions: [{ key: "x", operator: "NotIn", values: ["a"] }, { key: "k", operator: "Exists" }] }, "k,x notin (a)"],
  ];
  const bad = cases.filter(([sel, want]) => formatLabelSelector(sel) !== want).map(([sel, want]) => `${JSON.stringify(sel)}: ${formatLabelSelector(sel)} want ${want}`);
  assert.deepEqual(bad, []);
});
