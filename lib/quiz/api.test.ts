// "No answer leaks": the JSON every GET of the quiz API returns (built by the same functions the route
// handlers call) carries no correct answer, accepted answer, points or explanation for anything not yet
// graded. Checked for every quiz, for fresh attempts, and for attempts with saved but ungraded answers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDb, type TestDb } from "../db/test-db";
import { AnswersBody, attemptJson, answersJson, quizJson, quizListJson, startAttemptJson } from "./api";
import { getBank } from "./bank";
import type { Deps } from "./attempts";
import { listQuizzes } from "./quizzes";
import { seededRandom } from "./random";

const FORBIDDEN_KEYS = new Set(["correct", "correctAnswer", "answer", "accepted", "explanation", "points", "feedback", "min", "max", "tolerance", "range", "link", "file"]);

let t: TestDb;
let deps: Deps;
let userId: string;
const bank = getBank();

before(async () => {
  t = await createTestDb();
  deps = { db: t.db, now: () => new Date(), random: seededRandom(3), bank };
  userId = (await t.db.user.create({ data: { isGuest: true } })).id;
});
after(() => t.cleanup());

/** Every path in `value` whose key is forbidden, plus every bank explanation found in the text. */
function leaks(value: unknown, allowFeedbackFor: Set<string> = new Set()): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, questionId?: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, questionId));
    if (v && typeof v === "object") {
      const qid = typeof (v as { id?: unknown }).id === "string" && bank.byId.has((v as { id: string }).id) ? (v as { id: string }).id : questionId;
      for (const [k, x] of Object.entries(v)) {
        if (k === "feedback" && qid && allowFeedbackFor.has(qid)) continue;
        if (FORBIDDEN_KEYS.has(k)) found.push(`${path}.${k}`);
        walk(x, `${path}.${k}`, qid);
      }
    }
  };
  walk(value, "$");
  const text = JSON.stringify(value);
  for (const q of bank.questions) if (!allowFeedbackFor.has(q.id) && text.includes(JSON.stringify(q.explanation).slice(1, -1))) found.push(`explanation of ${q.id}`);
  return found;
}

test("the leak detector finds what it looks for", () => {
  const q = bank.questions[0];
  assert.deepEqual(leaks({ questions: [{ id: q.id, correct: true }] }), ["$.questions[0].correct"]);
  assert.deepEqual(leaks({ x: { note: q.explanation } }), [`explanation of ${q.id}`]);
  assert.deepEqual(leaks({ id: q.id, feedback: { explanation: q.explanation } }, new Set([q.id])), []);
});

test("GET /api/quizzes and GET /api/quizzes/:id leak nothing, for every quiz", async () => {
  assert.deepEqual(leaks(await quizListJson(userId, deps)), []);
  for (const quiz of listQuizzes(bank)) {
    const body = await quizJson(userId, quiz.id, deps);
    assert.deepEqual(leaks(body), [], quiz.id);
    assert.ok(body.questions.length >= quiz.questionCount);
  }
});

test("GET attempt state leaks nothing before grading (fresh, and with saved exam answers)", async () => {
  for (const quiz of listQuizzes(bank)) {
    const started = await startAttemptJson(userId, quiz.id, { timed: false }, deps);
    assert.deepEqual(leaks(started), [], `POST attempts ${quiz.id}`);
    assert.deepEqual(leaks(await attemptJson(userId, quiz.id, started.attempt.id, deps)), [], `GET attempt ${quiz.id}`);
  }
  const exam = await startAttemptJson(userId, "final-exam", {}, deps);
  const answers = exam.questions.map((q) => ({
    questionId: q.id,
    response: q.type === "single" ? "o1" : q.type === "multiple" ? ["o1"] : q.type === "truefalse" ? true : q.type === "numeric" ? 1 : "x",
  }));
  const saved = await answersJson(userId, "final-exam", exam.attempt.id, AnswersBody.parse({ answers }), deps);
  assert.deepEqual(leaks(saved), []);
  const state = await attemptJson(userId, "final-exam", exam.attempt.id, deps);
  assert.equal(state.answeredCount, 25);
  assert.deepEqual(leaks(state), []);
});

test("practice: feedback appears for the answered question only", async () => {
  const started = await startAttemptJson(userId, "module-cni", {}, deps);
  const q = started.questions.find((x) => x.type === "truefalse")!;
  const r = await answersJson(userId, "module-cni", started.attempt.id, AnswersBody.parse({ questionId: q.id, response: true }), deps);
  assert.deepEqual(Object.keys(r.feedback!), [q.id]);
  const state = await attemptJson(userId, "module-cni", started.attempt.id, deps);
  assert.deepEqual(leaks(state, new Set([q.id])), []);
  assert.ok(state.questions.find((x) => x.id === q.id)!.feedback);
});
