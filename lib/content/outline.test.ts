import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCourse, loadCourse } from "./outline";

test("the course outline is valid and every id is unique", () => {
  const course = getCourse();
  const ids = course.modules.flatMap((m) => [m.id, ...m.lessons.map((l) => `lesson:${l}`), ...m.labs.map((l) => `lab:${l}`), `quiz:${m.quiz}`]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test("a broken outline names the file and the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "outline-"));
  writeFileSync(join(dir, "course.yaml"), "title: x\nmodules:\n  - id: Bad Id\n    title: t\n    summary: s\n    lessons: []\n    labs: []\n    quiz: q\nfinalExam: f\n");
  assert.throws(() => loadCourse(dir), (e: Error) => e.message.includes("course.yaml") && e.message.includes("modules.0.id"));
});
