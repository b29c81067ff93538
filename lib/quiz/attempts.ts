// The attempt lifecycle, on the database: start (or resume) an attempt, save answers as they are given,
// submit, and read an attempt's state for resuming or reviewing. Grading happens here on the server
// only; what leaves this module is shaped by view.ts.
//
// Rules kept here, in one place:
// - an attempt's question order and option order are drawn once, at start, and stored with it;
// - practice grades each answer when it is given and then locks it; an exam stores answers (changeable)
//   and grades them all at submit;
// - every write validates the whole request first and runs in one transaction: a bad answer records nothing;
// - a submitted attempt takes no answers; submitting again returns the stored result and changes nothing;
// - a timed exam past its deadline takes no answers and is submitted the next time anyone reads it.
import { getDb, type Db, type QuizAnswer, type QuizAttempt } from "../db/client";
import { getBank, type Bank } from "./bank";
import { QuizError } from "./errors";
import { checkResponse, grade } from "./grade";
import { drawOptionOrder, drawQuestions, findQuiz, type LastResults, type QuizDefinition, type QuizMode } from "./quizzes";
import { cryptoRandom, type Random } from "./random";
import type { Question, Response } from "./types";
import { feedbackFor, publicQuestion, toBankResponse, toPublicResponse, type Feedback, type PublicQuestion, type PublicResponse } from "./view";

export type Deps = { db: Db; now: () => Date; random: Random; bank: Bank };
export const defaultDeps = (): Deps => ({ db: getDb(), now: () => new Date(), random: cryptoRandom, bank: getBank() });

/** Answers a few seconds late (network, a slow phone) still count. */
const DEADLINE_GRACE_MS = 10_000;
const MAX_ANSWERS_PER_REQUEST = 100;

export type AttemptQuestion = PublicQuestion & {
  /** The learner's own saved response, in the attempt's public form. */
  response?: PublicResponse;
  /** Only once graded: practice after answering, exam after submitting. */
  feedback?: Feedback;
};

export type AttemptState = {
  attempt: {
    id: string;
    quizId: string;
    mode: QuizMode;
    startedAt: string;
    deadlineAt: string | null;
    submittedAt: string | null;
    score: number | null;
    maxScore: number | null;
    percent: number | null;
  };
  quiz: { id: string; title: string; kind: QuizDefinition["kind"] };
  questions: AttemptQuestion[];
  answeredCount: number;
  total: number;
};

export type AnswerInput = { questionId: string; response: unknown };
export type AnswerResult = {
  saved: string[];
  /** Practice only: feedback for each question just answered. */
  feedback?: Record<string, Feedback>;
};

type Loaded = QuizAttempt & { answers: QuizAnswer[] };

const parseJson = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

const orderOf = (a: QuizAttempt) => parseJson<Record<string, string[]>>(a.optionOrderJson, {});
const questionIdsOf = (a: QuizAttempt) => parseJson<string[]>(a.questionIdsJson, []);
const percentOf = (score: number | null, max: number | null) => (score === null || !max ? null : Math.round((score / max) * 100));

function requireQuiz(quizId: string, bank: Bank): QuizDefinition {
  const quiz = findQuiz(quizId, bank);
  if (!quiz) throw new QuizError("quiz_not_found", `There is no quiz "${quizId}". GET /api/quizzes lists the quizzes.`);
  return quiz;
}

/** Another learner's attempt is answered exactly like a missing one: 404, revealing nothing. */
async function loadAttempt(db: Pick<Db, "quizAttempt">, userId: string, quizId: string, attemptId: string): Promise<Loaded> {
  const a = await db.quizAttempt.findFirst({ where: { id: attemptId, userId, quizId }, include: { answers: true } });
  if (!a) throw new QuizError("attempt_not_found", `There is no attempt "${attemptId}" of quiz "${quizId}" for you. Start one with POST /api/quizzes/${quizId}/attempts.`);
  return a;
}

const pastDeadline = (a: QuizAttempt, now: Date, grace = 0) => a.deadlineAt !== null && now.getTime() > a.deadlineAt.getTime() + grace;

/** The most recent graded result per question, across all of a learner's attempts. */
export async function lastResults(db: Pick<Db, "quizAnswer">, userId: string): Promise<LastResults> {
  const rows = await db.quizAnswer.findMany({
    where: { attempt: { userId }, gradedAt: { not: null }, correct: { not: null } },
    orderBy: { gradedAt: "desc" },
    select: { questionId: true, correct: true },
  });
  const last: LastResults = new Map();
  for (const r of rows) if (!last.has(r.questionId)) last.set(r.questionId, r.correct === true);
  return last;
}

/**
 * Starts an attempt, or returns the learner's open one for this quiz (resume after a reload).
 * `timed` applies to the exam only: it sets a deadline of the quiz's time limit.
 */
export async function startAttempt(
  userId: string,
  quizId: string,
  opts: { timed?: boolean } = {},
  deps: Deps = defaultDeps(),
): Promise<{ state: AttemptState; resumed: boolean }> {
  const { db, now, random, bank } = deps;
  const quiz = requireQuiz(quizId, bank);
  const stale = await db.quizAttempt.findFirst({ where: { userId, quizId, submittedAt: null }, orderBy: { startedAt: "desc" } });
  if (stale && pastDeadline(stale, now())) await submitAttempt(userId, quizId, stale.id, deps); // time ran out while away
  // Look and create in one transaction, so two tabs starting at once share one attempt.
  const { id, resumed } = await db.$transaction(async (tx) => {
    const open = await tx.quizAttempt.findFirst({ where: { userId, quizId, submittedAt: null }, orderBy: { startedAt: "desc" } });
    if (open) return { id: open.id, resumed: true };
    const questionIds = drawQuestions(quiz, random, quiz.kind === "drill" ? await lastResults(tx, userId) : new Map(), bank);
    const startedAt = now();
    const timed = quiz.mode === "exam" && quiz.timeLimitMinutes !== undefined && opts.timed !== false;
    const created = await tx.quizAttempt.create({
      data: {
        userId,
        quizId,
        mode: quiz.mode,
        questionIdsJson: JSON.stringify(questionIds),
        optionOrderJson: JSON.stringify(drawOptionOrder(questionIds, random, bank)),
        startedAt,
        deadlineAt: timed ? new Date(startedAt.getTime() + quiz.timeLimitMinutes! * 60_000) : null,
      },
    });
    return { id: created.id, resumed: false };
  });
  return { state: await getAttemptState(userId, quizId, id, deps), resumed };
}

/** Validates every answer of a request against the attempt; returns them in bank form, or throws. */
function validateAnswers(attempt: Loaded, answers: AnswerInput[], bank: Bank): { q: Question; response: Response }[] {
  if (answers.length === 0) throw new QuizError("invalid_request", "Send at least one answer: { answers: [{ questionId, response }] }.");
  if (answers.length > MAX_ANSWERS_PER_REQUEST) throw new QuizError("invalid_request", `Send at most ${MAX_ANSWERS_PER_REQUEST} answers per request.`);
  const inAttempt = new Set(questionIdsOf(attempt));
  const order = orderOf(attempt);
  const seen = new Set<string>();
  return answers.map(({ questionId, response }) => {
    const q = bank.byId.get(questionId);
    if (!q || !inAttempt.has(questionId))
      throw new QuizError("question_not_in_attempt", `Question "${questionId}" is not part of this attempt.`);
    if (seen.has(questionId)) throw new QuizError("invalid_request", `Question "${questionId}" is answered twice in one request.`);
    seen.add(questionId);
    if (attempt.mode === "practice" && attempt.answers.some((a) => a.questionId === questionId && a.gradedAt !== null))
      throw new QuizError("already_answered", `Question "${questionId}" is already answered and graded in this practice attempt.`);
    return { q, response: checkResponse(q, toBankResponse(q, order[questionId], response)) };
  });
}

/** Saves answers (exam) or grades them at once (practice). All or nothing. */
export async function answerQuestions(
  userId: string,
  quizId: string,
  attemptId: string,
  answers: AnswerInput[],
  deps: Deps = defaultDeps(),
): Promise<AnswerResult> {
  const { db, now, bank } = deps;
  requireQuiz(quizId, bank);
  return db.$transaction(async (tx) => {
    const attempt = await loadAttempt(tx, userId, quizId, attemptId);
    if (attempt.submittedAt) throw new QuizError("attempt_submitted", "This attempt is already submitted; its answers can no longer change. Start a new attempt to try again.");
    if (pastDeadline(attempt, now(), DEADLINE_GRACE_MS)) throw new QuizError("time_up", "The time limit of this exam has passed; the answers you saved before it will be graded.");
    const valid = validateAnswers(attempt, answers, bank);
    const order = orderOf(attempt);
    const at = now();
    const result: AnswerResult = { saved: [] };
    for (const { q, response } of valid) {
      const graded = attempt.mode === "practice" ? grade(q, response) : undefined;
      const data = {
        responseJson: JSON.stringify(response),
        correct: graded ? graded.correct : null,
        points: graded ? graded.points : null,
        gradedAt: graded ? at : null,
      };
      await tx.quizAnswer.upsert({
        where: { attemptId_questionId: { attemptId, questionId: q.id } },
        create: { attemptId, questionId: q.id, ...data },
        update: data,
      });
      result.saved.push(q.id);
      if (graded) (result.feedback ??= {})[q.id] = feedbackFor(q, order[q.id], graded);
    }
    return result;
  });
}

/**
 * Grades what is not graded yet, scores the attempt and closes it. Idempotent: a second submit (or two at
 * once) finds submittedAt set and returns the stored result, so an attempt counts once.
 */
export async function submitAttempt(userId: string, quizId: string, attemptId: string, deps: Deps = defaultDeps()): Promise<AttemptState> {
  const { db, now, bank } = deps;
  requireQuiz(quizId, bank);
  await db.$transaction(async (tx) => {
    const attempt = await loadAttempt(tx, userId, quizId, attemptId);
    if (attempt.submittedAt) return;
    const at = now();
    let score = 0;
    const ids = questionIdsOf(attempt).filter((id) => bank.byId.has(id));
    for (const a of attempt.answers) {
      const q = bank.byId.get(a.questionId);
      if (!q || !ids.includes(a.questionId)) continue;
      if (a.gradedAt === null) {
        const g = grade(q, parseJson<Response>(a.responseJson, ""));
        await tx.quizAnswer.update({ where: { id: a.id }, data: { correct: g.correct, points: g.points, gradedAt: at } });
        score += g.points;
      } else score += a.points ?? 0;
    }
    // Conditional close: only the first submit flips submittedAt (SQLite serialises the transactions).
    await tx.quizAttempt.updateMany({
      where: { id: attemptId, submittedAt: null },
      data: { submittedAt: at, score: Math.round(score * 1000) / 1000, maxScore: ids.length },
    });
  });
  return getAttemptState(userId, quizId, attemptId, deps);
}

/** The attempt as the learner may see it now (resume or review). Closes a timed exam past its deadline. */
export async function getAttemptState(userId: string, quizId: string, attemptId: string, deps: Deps = defaultDeps()): Promise<AttemptState> {
  const { db, now, bank } = deps;
  const quiz = requireQuiz(quizId, bank);
  let attempt = await loadAttempt(db, userId, quizId, attemptId);
  if (!attempt.submittedAt && pastDeadline(attempt, now(), DEADLINE_GRACE_MS)) {
    await submitAttempt(userId, quizId, attemptId, deps);
    attempt = await loadAttempt(db, userId, quizId, attemptId);
  }
  const order = orderOf(attempt);
  const answers = new Map(attempt.answers.map((a) => [a.questionId, a]));
  const submitted = attempt.submittedAt !== null;
  const questions: AttemptQuestion[] = [];
  for (const id of questionIdsOf(attempt)) {
    const q = bank.byId.get(id);
    if (!q) continue; // removed from the bank since: not shown, not scored
    const view: AttemptQuestion = publicQuestion(q, order[id]);
    const a = answers.get(id);
    if (a) view.response = toPublicResponse(q, order[id], parseJson<Response>(a.responseJson, ""));
    const graded = a && a.gradedAt !== null && a.correct !== null;
    // Exam answers are only graded at submit, so this never reveals an exam answer early.
    if (graded && (attempt.mode === "practice" || submitted)) view.feedback = feedbackFor(q, order[id], { correct: a.correct!, points: a.points ?? 0 });
    else if (submitted) view.feedback = feedbackFor(q, order[id], { correct: false, points: 0 }); // unanswered
    questions.push(view);
  }
  return {
    attempt: {
      id: attempt.id,
      quizId: attempt.quizId,
      mode: attempt.mode as QuizMode,
      startedAt: attempt.startedAt.toISOString(),
      deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
      submittedAt: attempt.submittedAt?.toISOString() ?? null,
      score: attempt.score,
      maxScore: attempt.maxScore,
      percent: percentOf(attempt.score, attempt.maxScore),
    },
    quiz: { id: quiz.id, title: quiz.title, kind: quiz.kind },
    questions,
    answeredCount: questions.filter((q) => q.response !== undefined).length,
    total: questions.length,
  };
}

export type AttemptSummary = {
  id: string;
  quizId: string;
  quizTitle: string;
  mode: QuizMode;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
};

/** Every attempt of a learner, newest first (the history page). */
export async function listAttempts(userId: string, deps: Pick<Deps, "db" | "bank"> = defaultDeps()): Promise<AttemptSummary[]> {
  const rows = await deps.db.quizAttempt.findMany({ where: { userId }, orderBy: { startedAt: "desc" } });
  return rows.map((a) => ({
    id: a.id,
    quizId: a.quizId,
    quizTitle: findQuiz(a.quizId, deps.bank)?.title ?? a.quizId,
    mode: a.mode as QuizMode,
    startedAt: a.startedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    score: a.score,
    maxScore: a.maxScore,
    percent: percentOf(a.score, a.maxScore),
  }));
}
