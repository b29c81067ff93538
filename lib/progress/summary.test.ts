import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Course } from "../content/outline";
import { createTestDb, type TestDb } from "../db/test-db";
import { getCourseProgress } from "./summary";

const course: Course = {
  title: "T",
  finalExam: "final",
  modules: [
    { id: "m1", title: "One", summary: "s", lessons: ["l1", "l2"], labs: ["lab1"], quiz: "q1" },
    { id: "m2", title: "Two", summary: "s", lessons: ["l3"], labs: [], quiz: "q2" },
  ],
};

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

test("progress per module: lessons, labs, best quiz score, mastery from practice only, continue-at", async () => {
  const u = await t.db.user.create({ data: { isGuest: true } });
  const other = await t.db.user.create({ data: { isGuest: true } });
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  await t.db.lessonProgress.createMany({
    data: [
      { userId: u.id, lessonId: "l1", moduleId: "m1", completedAt: at(1), lastVisitedAt: at(1) },
      { userId: u.id, lessonId: "l3", moduleId: "m2", lastVisitedAt: at(5), lastAnchor: "dns" },
      { userId: u.id, lessonId: "retired-lesson", moduleId: "m1", lastVisitedAt: at(9) },
      { userId: other.id, lessonId: "l2", moduleId: "m1", completedAt: at(2), lastVisitedAt: at(20) },
    ],
  });
  await t.db.labProgress.create({ data: { userId: u.id, labId: "lab1", completedAt: at(3) } });
  const attempt = (userId: string, quizId: string, mode: string, score: number | null, submitted = true) =>
    t.db.quizAttempt.create({
      data: { userId, quizId, mode, questionIdsJson: "[]", optionOrderJson: "{}", score, maxScore: 10, submittedAt: submitted ? at(4) : null },
    });
  await attempt(u.id, "q1", "practice", 6);
  await attempt(u.id, "q1", "practice", 8);
  await attempt(u.id, "q1", "practice", 10, false); // not submitted: does not count
  await attempt(u.id, "final", "exam", 7);
  await attempt(other.id, "q2", "practice", 10);

  const p = await getCourseProgress(t.db, u.id, course);
  const [m1, m2] = p.modules;
  assert.deepEqual(
    m1.lessons.map((l) => [l.id, l.visited, l.completed]),
    [
      ["l1", true, true],
      ["l2", false, false],
    ],
  );
  assert.deepEqual(m1.labs, [{ id: "lab1", completed: true, attempted: true }]);
  assert.deepEqual(m1.quiz, { id: "q1", bestPercent: 80, attempts: 2 });
  assert.equal(m1.mastery, 80);
  assert.deepEqual([m1.done, m1.total], [3, 4]);
  assert.deepEqual([m2.mastery, m2.quiz.bestPercent, m2.done, m2.total], [null, null, 0, 2]);
  assert.deepEqual(p.continueAt, { lessonId: "l3", anchor: "dns", visitedAt: at(5) }, "most recent lesson still in the course");
  assert.equal(p.finalExam.bestPercent, 70);

  const anon = await getCourseProgress(t.db, null, course);
  assert.equal(anon.continueAt, null);
  assert.ok(anon.modules.every((m) => m.done === 0 && m.mastery === null));
});
