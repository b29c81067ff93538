import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getCourse } from "../content/outline";
import { createTestDb, type TestDb } from "../db/test-db";
import { getBank } from "../quiz/bank";
import { getLearnerDetail, RECENT_CHECK_RUNS, taskTally } from "./learner";

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

test("learner detail: per-module progress, lab records, recent check runs newest first, attempts, live sessions", async () => {
  const course = getCourse();
  const [m1] = course.modules;
  const lesson = m1.lessons[0];
  const lab = m1.labs[0];
  const u = await t.db.user.create({ data: { email: "ada@example.com" } });
  const other = await t.db.user.create({ data: { email: "bob@example.com" } });
  await t.db.lessonProgress.create({ data: { userId: u.id, lessonId: lesson, moduleId: m1.id, completedAt: at(1), lastVisitedAt: at(1) } });
  await t.db.labProgress.create({ data: { userId: u.id, labId: lab, completedAt: at(30), checkCount: 25, hintsJson: '{"t1":2}', solutionShown: true } });
  const s = await t.db.labSession.create({ data: { userId: u.id, labId: lab, backend: "sandbox", state: "ready", createdAt: at(2) } });
  await t.db.labSession.create({ data: { userId: u.id, labId: lab, backend: "sandbox", state: "ended", createdAt: at(1) } });
  const result = (passed: boolean[]) => JSON.stringify(passed.map((p, i) => ({ taskId: `t${i}`, passed: p, checks: [] })));
  for (let i = 0; i < RECENT_CHECK_RUNS + 5; i++) {
    const passed = i === RECENT_CHECK_RUNS + 4;
    await t.db.checkRun.create({ data: { userId: u.id, labSessionId: s.id, labId: lab, passed, resultsJson: result([true, passed]), createdAt: at(3 + i) } });
  }
  const os = await t.db.labSession.create({ data: { userId: other.id, labId: lab, backend: "sandbox", state: "ready" } });
  await t.db.checkRun.create({ data: { userId: other.id, labSessionId: os.id, labId: lab, passed: true, resultsJson: "[]", createdAt: at(999) } });
  await t.db.quizAttempt.create({ data: { userId: u.id, quizId: m1.quiz, mode: "practice", questionIdsJson: "[]", optionOrderJson: "{}", score: 3, maxScore: 4, startedAt: at(40), submittedAt: at(41) } });

  const d = await getLearnerDetail(t.db, course, getBank(), u.id);
  assert.ok(d);
  assert.equal(d.user.email, "ada@example.com");
  assert.equal(d.progress.modules[0].lessons.find((l) => l.id === lesson)?.completed, true);
  assert.equal(d.progress.modules[0].quiz.bestPercent, 75);
  assert.equal(d.mastery.length, course.modules.length);
  assert.deepEqual(d.labs.get(lab), { labId: lab, completedAt: at(30), checkCount: 25, hintsUsed: 2, solutionShown: true, updatedAt: d.labs.get(lab)!.updatedAt });
  assert.equal(d.checkRunTotal, RECENT_CHECK_RUNS + 5);
  assert.equal(d.checkRuns.length, RECENT_CHECK_RUNS);
  assert.deepEqual(
    d.checkRuns.slice(0, 2).map((r) => [r.createdAt.getTime(), r.passed, r.tasksPassed, r.tasksTotal]),
    [
      [at(3 + RECENT_CHECK_RUNS + 4).getTime(), true, 2, 2],
      [at(3 + RECENT_CHECK_RUNS + 3).getTime(), false, 1, 2],
    ],
    "newest first, the other learner's run not included",
  );
  assert.deepEqual(
    d.attempts.map((a) => [a.quizId, a.mode, a.percent]),
    [[m1.quiz, "practice", 75]],
  );
  assert.deepEqual(
    d.liveSessions.map((x) => x.id),
    [s.id],
  );
  assert.equal(await getLearnerDetail(t.db, course, getBank(), "nobody"), null);
});

test("taskTally reads stored grader results; damaged records count as nothing graded", () => {
  const cases: [string, { passed: number; total: number }][] = [
    ['[{"taskId":"a","passed":true},{"taskId":"b","passed":false}]', { passed: 1, total: 2 }],
    ["[]", { passed: 0, total: 0 }],
    ['{"passed":true}', { passed: 0, total: 0 }],
    ["[null]", { passed: 0, total: 1 }],
    ["{broken", { passed: 0, total: 0 }],
  ];
  assert.deepEqual(
    cases.filter(([json, want]) => JSON.stringify(taskTally(json)) !== JSON.stringify(want)).map(([json]) => `${json} → ${JSON.stringify(taskTally(json))}`),
    [],
  );
});
