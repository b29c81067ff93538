// Scores for the pages that show progress (home page, quiz list). Usage, from a server component:
//
//   import { getQuizSummaries, getModuleMastery } from "@/lib/quiz/summary";
//   const user = await getCurrentUser();
//   const quizzes = user ? await getQuizSummaries(user.id) : [];   // best score per quiz, attempts, open attempt
//   const mastery = user ? await getModuleMastery(user.id) : [];   // per course module, in course order
//   // mastery[i] = { moduleId, title, quizId, mastered, total, percent } → e.g. "Services: 12/18 (67%)"
//
// Mastery of a module = the share of that module's bank questions whose most recent graded answer (in any
// quiz: practice, FAQ drill or exam) was correct. It rises as you practise and falls if you forget.
import { getCourse } from "../content/outline";
import { defaultDeps, lastResults, type Deps } from "./attempts";
import { listQuizzes, type QuizDefinition } from "./quizzes";

export type QuizSummary = Pick<QuizDefinition, "id" | "kind" | "mode" | "title" | "description" | "moduleId" | "questionCount" | "timeLimitMinutes"> & {
  /** Submitted attempts. */
  attempts: number;
  bestScore: number | null;
  bestMaxScore: number | null;
  bestPercent: number | null;
  lastSubmittedAt: string | null;
  /** An attempt started and not submitted yet, to resume. */
  openAttemptId: string | null;
};

export type ModuleMastery = {
  moduleId: string;
  title: string;
  quizId: string;
  /** Questions whose latest graded answer is correct. */
  mastered: number;
  /** Questions answered at least once. */
  answered: number;
  total: number;
  /** mastered / total, 0..100. */
  percent: number;
};

export async function getQuizSummaries(userId: string, deps: Pick<Deps, "db" | "bank"> = defaultDeps()): Promise<QuizSummary[]> {
  const attempts = await deps.db.quizAttempt.findMany({
    where: { userId },
    select: { id: true, quizId: true, submittedAt: true, score: true, maxScore: true, startedAt: true },
    orderBy: { startedAt: "desc" },
  });
  return listQuizzes(deps.bank).map((quiz) => {
    const mine = attempts.filter((a) => a.quizId === quiz.id);
    const done = mine.filter((a) => a.submittedAt !== null && a.score !== null && a.maxScore);
    const best = done.reduce<(typeof done)[number] | undefined>((b, a) => (!b || a.score! / a.maxScore! > b.score! / b.maxScore! ? a : b), undefined);
    const last = done.reduce<Date | null>((d, a) => (!d || a.submittedAt! > d ? a.submittedAt : d), null);
    return {
      id: quiz.id,
      kind: quiz.kind,
      mode: quiz.mode,
      title: quiz.title,
      description: quiz.description,
      ...(quiz.moduleId ? { moduleId: quiz.moduleId } : {}),
      questionCount: quiz.questionCount,
      ...(quiz.timeLimitMinutes ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
      attempts: done.length,
      bestScore: best?.score ?? null,
      bestMaxScore: best?.maxScore ?? null,
      bestPercent: best ? Math.round((best.score! / best.maxScore!) * 100) : null,
      lastSubmittedAt: last?.toISOString() ?? null,
      openAttemptId: mine.find((a) => a.submittedAt === null)?.id ?? null,
    };
  });
}

export async function getModuleMastery(userId: string, deps: Pick<Deps, "db" | "bank"> = defaultDeps()): Promise<ModuleMastery[]> {
  const last = await lastResults(deps.db, userId);
  return getCourse().modules.map((m) => {
    const ids = deps.bank.questions.filter((q) => q.module === m.id).map((q) => q.id);
    const mastered = ids.filter((id) => last.get(id) === true).length;
    const answered = ids.filter((id) => last.has(id)).length;
    return {
      moduleId: m.id,
      title: m.title,
      quizId: m.quiz,
      mastered,
      answered,
      total: ids.length,
      percent: ids.length ? Math.round((mastered / ids.length) * 100) : 0,
    };
  });
}
