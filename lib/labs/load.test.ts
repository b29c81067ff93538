import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCourse } from "../content/outline";
import { listLabIds, loadLab } from "./load";

test("every lab under labs/ is valid and listed in the course outline", () => {
  const ids = listLabIds();
  assert.ok(ids.length >= 9, `expected at least 9 labs, found ${ids.length}`);
  const outline = new Map(getCourse().modules.flatMap((m) => m.labs.map((l) => [l, m.id] as const)));
  const problems: string[] = [];
  for (const id of ids) {
    const lab = loadLab(id);
    if (!outline.has(id)) problems.push(`${id}: not in content/course.yaml`);
    else if (outline.get(id) !== lab.module) problems.push(`${id}: module ${lab.module}, but course.yaml lists it under ${outline.get(id)}`);
  }
  for (const id of outline.keys()) if (!ids.includes(id)) problems.push(`course.yaml lists lab ${id}, which does not exist`);
  assert.deepEqual(problems, []);
});

test("format errors name the file and the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "labs-"));
  mkdirSync(join(dir, "bad"));
  writeFileSync(
    join(dir, "bad", "lab.yaml"),
    `id: bad
title: t
module: services
lesson: services
difficulty: beginner
minutes: 5
testedOn: v1.32
intro: x
probes: [{id: a}]
tasks:
  - id: t1
    title: t
    instructions: i
    hints: [h]
    checks:
      - {id: c1, type: connectivity, title: x, sources: [a, ghost], destinations: [{id: d, service: web}], expect: {a: {d: allowed}}}
solution: [{kubectl: get pods}]
`,
  );
  assert.throws(
    () => loadLab("bad", dir),
    (e: Error) =>
      e.message.includes(join(dir, "bad", "lab.yaml")) &&
      e.message.includes("expect.ghost.d is missing") &&
      e.message.includes('uses probe "ghost"'),
  );
  assert.throws(() => loadLab("nope", dir), /no lab "nope"/);
});
