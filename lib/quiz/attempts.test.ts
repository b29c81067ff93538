// The attempt lifecycle against a real, migrated SQLite database (lib/db/test-db.ts): start and resume,
// practice feedback per answer, exam silence until submit, idempotent submit, the 4xx errors recording
// nothing, another learner's attempt answering 404, timed exams, and the summaries the home page shows.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createTestDb, type TestDb } from "../db/test-db";
import { getBank } from "./bank";
import { answerQuestions, getAttemptState, listAttempts, startAttempt, submitAttempt, type AttemptState, type Deps } from "./attempts";
import { QuizError } from "./errors";
import { seededRandom } from "./random";
import { getModuleMastery, getQuizSummaries } from "./summary";
import type { Question } from "./types";
import type { PublicResponse } from "./view";

let t: TestDb;
let deps: Deps;
let clock = new Date("2026-11-27T08:00:00Z");
let alice: string;
let bob: string;
const bank = getBank();

before(async () => {
  t = await createTestDb();
  deps = { db: t.db, now: () => clock, random: seededRandom(42), bank };
  alice = (await t.db.user.create({ data: { isGuest: true } })).id;
  bob = (await t.db.user.create({ data: { isGuest: true } })).id;
});
after(() => t.cleanup());

/** The right (or a wrong) response to a question, in the attempt's public form. */
async function responseFor(state: AttemptState, qid: string, right: boolean): Promise<PublicResponse> {
  const q: Question = bank.byId.get(qid)!;
  const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: state.attempt.id } });
  const order: string[] = JSON.parse(row.optionOrderJson)[qid] ?? [];
  const pub = (bankId: string) => `o${order.indexOf(bankId) + 1}`;
  switch (q.type) {
    case "single":
      return pub(right ? q.correct : q.options.find((o) => o.id !== q.correct)!.id);
    case "multiple":
      return right ? q.correct.map(pub) : [pub(q.options.find((o) => !q.correct.includes(o.id))!.id)];
    case "truefalse":
      return right ? q.answer : !q.answer;
    case "text":
      return right ? q.accepted[0].toUpperCase() : "definitely not it";
    case "numeric":
      return right ? q.answer : q.max + 1000;
  }
}

async function rejects(p: Promise<unknown>, code: string, status: number) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof QuizError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    return true;
  });
}

const answerRows = (attemptId: string) => t.db.quizAnswer.findMany({ where: { attemptId }, orderBy: { questionId: "asc" } });

describe("practice attempt", () => {
  let state: AttemptState;
  const quizId = "module-services";

  test("starts with the module's questions, shuffled options stored, no feedback", async () => {
    const r = await startAttempt(alice, quizId, {}, deps);
    state = r.state;
    assert.equal(r.resumed, false);
    assert.equal(state.attempt.mode, "practice");
    const moduleIds = bank.questions.filter((q) => q.module === "services").map((q) => q.id);
    assert.deepEqual(state.questions.map((q) => q.id), moduleIds);
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: state.attempt.id } });
    const order: Record<string, string[]> = JSON.parse(row.optionOrderJson);
    for (const q of state.questions) {
      const bq = bank.byId.get(q.id)!;
      assert.equal(q.feedback, undefined);
      if (bq.type !== "single" && bq.type !== "multiple") continue;
      assert.deepEqual([...order[q.id]].sort(), bq.options.map((o) => o.id).sort(), `${q.id}: stored order is a permutation`);
      const texts = order[q.id].map((id) => bq.options.find((o) => o.id === id)!.text);
      assert.deepEqual(q.options!.map((o) => o.text), texts, `${q.id}: shown in the stored order`);
      assert.deepEqual(q.options!.map((o) => o.id), texts.map((_, i) => `o${i + 1}`));
    }
  });

  test("an answer comes back graded with explanation and lesson link, and is then locked", async () => {
    const [q1, q2] = state.questions;
    const right = await answerQuestions(alice, quizId, state.attempt.id, [{ questionId: q1.id, response: await responseFor(state, q1.id, true) }], deps);
    assert.deepEqual(right.saved, [q1.id]);
    const f = right.feedback![q1.id];
    assert.equal(f.correct, true);
    assert.equal(f.points, 1);
    assert.equal(f.explanation, bank.byId.get(q1.id)!.explanation);
    assert.match(f.link.href, /^\/lessons\/[a-z-]+#[a-z0-9-]+$/);
    const wrong = await answerQuestions(alice, quizId, state.attempt.id, [{ questionId: q2.id, response: await responseFor(state, q2.id, false) }], deps);
    assert.equal(wrong.feedback![q2.id].correct, false);
    const before = await answerRows(state.attempt.id);
    await rejects(answerQuestions(alice, quizId, state.attempt.id, [{ questionId: q2.id, response: await responseFor(state, q2.id, true) }], deps), "already_answered", 409);
    assert.deepEqual(await answerRows(state.attempt.id), before);
  });

  test("two starts at once share one attempt", async () => {
    const [x, y] = await Promise.all([startAttempt(alice, "module-ingress-egress", {}, deps), startAttempt(alice, "module-ingress-egress", {}, deps)]);
    assert.equal(x.state.attempt.id, y.state.attempt.id);
    assert.equal(await t.db.quizAttempt.count({ where: { userId: alice, quizId: "module-ingress-egress" } }), 1);
    await t.db.quizAttempt.delete({ where: { id: x.state.attempt.id } });
  });

  test("resuming returns the same attempt with feedback only for answered questions", async () => {
    const r = await startAttempt(alice, quizId, {}, deps);
    assert.equal(r.resumed, true);
    assert.equal(r.state.attempt.id, state.attempt.id);
    assert.equal(r.state.answeredCount, 2);
    assert.deepEqual(
      r.state.questions.map((q) => q.feedback !== undefined),
      r.state.questions.map((_, i) => i < 2),
    );
    assert.notEqual(r.state.questions[0].response, undefined);
  });

  test("bad requests are 4xx and record nothing", async () => {
    const id = state.attempt.id;
    const q3 = state.questions[2];
    const before = await answerRows(id);
    const good = { questionId: q3.id, response: await responseFor(state, q3.id, true) };
    await rejects(answerQuestions(alice, "no-such-quiz", id, [good], deps), "quiz_not_found", 404);
    await rejects(answerQuestions(alice, quizId, "no-such-attempt", [good], deps), "attempt_not_found", 404);
    await rejects(answerQuestions(alice, "module-cni", id, [good], deps), "attempt_not_found", 404);
    await rejects(answerQuestions(alice, quizId, id, [good, { questionId: "faq-cni-acronym", response: "x" }], deps), "question_not_in_attempt", 400);
    await rejects(answerQuestions(alice, quizId, id, [good, { questionId: "nope", response: "x" }], deps), "question_not_in_attempt", 400);
    const tf = state.questions.slice(3).find((q) => q.type === "truefalse")!;
    await rejects(answerQuestions(alice, quizId, id, [good, { questionId: tf.id, response: "yes" }], deps), "invalid_answer", 400);
    const single = state.questions.slice(3).find((q) => q.type === "single")!;
    await rejects(answerQuestions(alice, quizId, id, [good, { questionId: single.id, response: "o99" }], deps), "invalid_answer", 400);
    await rejects(answerQuestions(alice, quizId, id, [good, { questionId: single.id, response: "a" }], deps), "invalid_answer", 400);
    await rejects(answerQuestions(alice, quizId, id, [good, good], deps), "invalid_request", 400);
    await rejects(answerQuestions(alice, quizId, id, [], deps), "invalid_request", 400);
    assert.deepEqual(await answerRows(id), before);
  });

  test("another learner's attempt is a 404 for reading, answering and submitting", async () => {
    const id = state.attempt.id;
    const q3 = state.questions[2];
    await rejects(getAttemptState(bob, quizId, id, deps), "attempt_not_found", 404);
    await rejects(answerQuestions(bob, quizId, id, [{ questionId: q3.id, response: true }], deps), "attempt_not_found", 404);
    await rejects(submitAttempt(bob, quizId, id, deps), "attempt_not_found", 404);
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id } });
    assert.equal(row.submittedAt, null);
  });

  test("submit scores once; a repeated or concurrent submit returns the same result", async () => {
    const id = state.attempt.id;
    clock = new Date(clock.getTime() + 60_000);
    const [a, b] = await Promise.all([submitAttempt(alice, quizId, id, deps), submitAttempt(alice, quizId, id, deps)]);
    clock = new Date(clock.getTime() + 60_000);
    const c = await submitAttempt(alice, quizId, id, deps);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal(a.attempt.score, 1);
    assert.equal(a.attempt.maxScore, state.total);
    assert.ok(a.questions.every((q) => q.feedback !== undefined), "the review shows every question");
    assert.equal((await listAttempts(alice, deps)).filter((x) => x.submittedAt).length, 1);
  });

  test("a submitted attempt takes no answers", async () => {
    const id = state.attempt.id;
    const q3 = state.questions[2];
    const before = await answerRows(id);
    await rejects(answerQuestions(alice, quizId, id, [{ questionId: q3.id, response: await responseFor(state, q3.id, true) }], deps), "attempt_submitted", 409);
    assert.deepEqual(await answerRows(id), before);
  });
});

describe("exam attempt", () => {
  let state: AttemptState;
  const quizId = "final-exam";

  test("answers are saved ungraded, changeable, and nothing is revealed before submit", async () => {
    state = (await startAttempt(alice, quizId, { timed: false }, deps)).state;
    assert.equal(state.attempt.mode, "exam");
    assert.equal(state.attempt.deadlineAt, null);
    assert.equal(state.total, 25);
    const [q1, q2, q3] = state.questions;
    const r = await answerQuestions(
      alice,
      quizId,
      state.attempt.id,
      [
        { questionId: q1.id, response: await responseFor(state, q1.id, false) },
        { questionId: q2.id, response: await responseFor(state, q2.id, true) },
      ],
      deps,
    );
    assert.deepEqual(r, { saved: [q1.id, q2.id] });
    // change of mind: allowed until submit
    await answerQuestions(alice, quizId, state.attempt.id, [{ questionId: q1.id, response: await responseFor(state, q1.id, true) }], deps);
    const rows = await answerRows(state.attempt.id);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((row) => row.correct === null && row.gradedAt === null && row.points === null));
    const mid = await getAttemptState(alice, quizId, state.attempt.id, deps);
    assert.ok(mid.questions.every((q) => q.feedback === undefined));
    assert.equal(mid.answeredCount, 2);
    assert.equal(mid.attempt.score, null);
    assert.equal(mid.questions.find((q) => q.id === q3.id)!.response, undefined);
  });

  test("submit grades everything and returns the full review", async () => {
    const done = await submitAttempt(alice, quizId, state.attempt.id, deps);
    assert.equal(done.attempt.score, 2);
    assert.equal(done.attempt.maxScore, 25);
    assert.equal(done.attempt.percent, 8);
    assert.ok(done.questions.every((q) => q.feedback && q.feedback.explanation.length > 0));
    assert.equal(done.questions.filter((q) => q.feedback!.correct).length, 2);
  });

  test("a timed exam refuses answers after the deadline and closes itself when read", async () => {
    const start = (await startAttempt(alice, quizId, {}, deps)).state;
    assert.notEqual(start.attempt.deadlineAt, null);
    const deadline = new Date(start.attempt.deadlineAt!);
    assert.equal(deadline.getTime() - new Date(start.attempt.startedAt).getTime(), 30 * 60_000);
    const q = start.questions[0];
    await answerQuestions(alice, quizId, start.attempt.id, [{ questionId: q.id, response: await responseFor(start, q.id, true) }], deps);
    clock = new Date(deadline.getTime() + 60_000);
    const q2 = start.questions[1];
    await rejects(answerQuestions(alice, quizId, start.attempt.id, [{ questionId: q2.id, response: await responseFor(start, q2.id, true) }], deps), "time_up", 409);
    assert.equal((await answerRows(start.attempt.id)).length, 1);
    const closed = await getAttemptState(alice, quizId, start.attempt.id, deps);
    assert.notEqual(closed.attempt.submittedAt, null);
    assert.equal(closed.attempt.score, 1);
  });
});

describe("summaries", () => {
  test("best score per quiz, attempts counted once, mastery per module", async () => {
    const summaries = await getQuizSummaries(alice, deps);
    const services = summaries.find((s) => s.id === "module-services")!;
    assert.equal(services.attempts, 1);
    assert.equal(services.bestScore, 1);
    assert.equal(services.openAttemptId, null);
    const exam = summaries.find((s) => s.id === "final-exam")!;
    assert.equal(exam.attempts, 2);
    assert.equal(exam.bestPercent, 8);
    const mastery = await getModuleMastery(alice, deps);
    const m = new Map(mastery.map((x) => [x.moduleId, x]));
    const last = await t.db.quizAnswer.findMany({ where: { attempt: { userId: alice }, gradedAt: { not: null } } });
    assert.ok(last.length > 0);
    assert.equal(m.get("services")!.total, bank.questions.filter((q) => q.module === "services").length);
    const sum = mastery.reduce((n, x) => n + x.mastered, 0);
    assert.ok(sum >= 2, `mastered ${sum}`);
    const bobs = await getModuleMastery(bob, deps);
    assert.ok(bobs.every((x) => x.mastered === 0 && x.answered === 0 && x.percent === 0));
  });

  test("the FAQ drill starts with the questions answered wrongly last time", async () => {
    const first = (await startAttempt(bob, "faq-drill", {}, deps)).state;
    const [a, b] = first.questions;
    await answerQuestions(bob, "faq-drill", first.attempt.id, [{ questionId: a.id, response: await responseFor(first, a.id, true) }], deps);
    await answerQuestions(bob, "faq-drill", first.attempt.id, [{ questionId: b.id, response: await responseFor(first, b.id, false) }], deps);
    await submitAttempt(bob, "faq-drill", first.attempt.id, deps);
    const second = (await startAttempt(bob, "faq-drill", {}, deps)).state;
    assert.equal(second.questions[0].id, b.id);
    assert.equal(second.questions.at(-1)!.id, a.id);
    assert.equal(second.total, 50);
  });
});
