// The JSON bodies of the quiz API (app/api/quizzes/**), built here so the route handlers stay thin and the
// "no answer leaks" test checks exactly what each GET sends. Request bodies are parsed with these schemas.
import { z } from "zod";
import { answerQuestions, defaultDeps, getAttemptState, startAttempt, submitAttempt, type Deps } from "./attempts";
import { QuizError } from "./errors";
import { findQuiz, quizPool } from "./quizzes";
import { cryptoRandom, shuffle } from "./random";
import { getQuizSummaries } from "./summary";
import { publicQuestion } from "./view";

export const StartBody = z.object({ timed: z.boolean().optional() }).strict();

const Answer = z.object({ questionId: z.string().min(1), response: z.unknown() }).strict();
/** One answer `{ questionId, response }` or several `{ answers: [...] }`. */
export const AnswersBody = z
  .object({ answers: z.array(Answer).optional(), questionId: z.string().min(1).optional(), response: z.unknown().optional() })
  .strict()
  .refine((b) => (b.answers !== undefined) !== (b.questionId !== undefined), {
    message: "Send { questionId, response } for one answer, or { answers: [{ questionId, response }, ...] } for several.",
  });

/** GET /api/quizzes */
export async function quizListJson(userId: string, deps: Pick<Deps, "db" | "bank"> = defaultDeps()) {
  return { quizzes: await getQuizSummaries(userId, deps) };
}

/** GET /api/quizzes/:id: the quiz, the learner's standing, and its question pool (no answers). */
export async function quizJson(userId: string, quizId: string, deps: Pick<Deps, "db" | "bank"> = defaultDeps()) {
  const quiz = findQuiz(quizId, deps.bank);
  if (!quiz) throw new QuizError("quiz_not_found", `There is no quiz "${quizId}". GET /api/quizzes lists the quizzes.`);
  const summary = (await getQuizSummaries(userId, deps)).find((s) => s.id === quizId)!;
  // Preview options in a fresh random order: the bank's authors tend to write the right option first.
  const questions = quizPool(quiz, deps.bank).map((q) =>
    publicQuestion(q, q.type === "single" || q.type === "multiple" ? shuffle(q.options.map((o) => o.id), cryptoRandom) : undefined),
  );
  return {
    quiz: summary,
    /** The exam draws `questionCount` of these per attempt; practice quizzes ask them all. */
    questions,
    note: "Option ids (o1, o2 ...) are per attempt: answer with the ids of your attempt's state, not these.",
  };
}

/** POST /api/quizzes/:id/attempts */
export async function startAttemptJson(userId: string, quizId: string, body: z.infer<typeof StartBody>, deps?: Deps) {
  const { state, resumed } = await startAttempt(userId, quizId, body, deps);
  return { resumed, ...state };
}

/** POST /api/quizzes/:id/attempts/:attemptId/answers */
export async function answersJson(userId: string, quizId: string, attemptId: string, body: z.infer<typeof AnswersBody>, deps?: Deps) {
  const answers = body.answers ?? [{ questionId: body.questionId!, response: body.response }];
  return answerQuestions(userId, quizId, attemptId, answers, deps);
}

/** POST /api/quizzes/:id/attempts/:attemptId/submit */
export const submitJson = (userId: string, quizId: string, attemptId: string, deps?: Deps) => submitAttempt(userId, quizId, attemptId, deps);

/** GET /api/quizzes/:id/attempts/:attemptId */
export const attemptJson = (userId: string, quizId: string, attemptId: string, deps?: Deps) => getAttemptState(userId, quizId, attemptId, deps);
