// Quiz definitions: which questions a quiz draws and how it is taken. One practice quiz per course
// module (content/course.yaml names its id), the FAQ drill over every question tied to a seed FAQ
// item, and the final exam, a random draw across all modules. The order a learner meets questions in
// is decided by drawQuestions(), once per attempt, and stored with the attempt.
import { getCourse } from "../content/outline";
import { getBank, type Bank } from "./bank";
import { shuffle, type Random } from "./random";
import type { Question } from "./types";

export type QuizKind = "module" | "drill" | "exam";
/** practice: feedback per question as it is answered; exam: nothing until the attempt is submitted. */
export type QuizMode = "practice" | "exam";

export type QuizDefinition = {
  id: string;
  kind: QuizKind;
  mode: QuizMode;
  title: string;
  description: string;
  /** The course module a practice quiz belongs to (module quizzes and the FAQ drill). */
  moduleId?: string;
  /** How many questions one attempt holds. */
  questionCount: number;
  /** Exam only: the time limit a learner may choose to take the exam under. */
  timeLimitMinutes?: number;
};

/** The final exam draws this many questions from every module, so each module weighs the same. */
export const EXAM_PER_MODULE = 5;
export const EXAM_TIME_LIMIT_MINUTES = 30;

function moduleQuestions(bank: Bank, moduleId: string): Question[] {
  return bank.questions.filter((q) => q.module === moduleId);
}

const faqQuestions = (bank: Bank): Question[] =>
  bank.questions.filter((q) => q.faq !== undefined).sort((a, b) => (a.faq ?? 0) - (b.faq ?? 0));

export function listQuizzes(bank: Bank = getBank()): QuizDefinition[] {
  const course = getCourse();
  const quizzes: QuizDefinition[] = course.modules.map((m): QuizDefinition => {
    if (m.id === "faq") {
      return {
        id: m.quiz,
        kind: "drill",
        mode: "practice",
        title: "FAQ drill",
        description: "Every one of the 50 FAQ questions; the ones you answered wrongly last time come first.",
        moduleId: m.id,
        questionCount: faqQuestions(bank).length,
      };
    }
    return {
      id: m.quiz,
      kind: "module",
      mode: "practice",
      title: `Practice: ${m.title}`,
      description: `Feedback after every answer, with a link back to the lesson section. ${m.summary}`,
      moduleId: m.id,
      questionCount: moduleQuestions(bank, m.id).length,
    };
  });
  const examCount = course.modules.reduce((n, m) => n + Math.min(EXAM_PER_MODULE, moduleQuestions(bank, m.id).length), 0);
  quizzes.push({
    id: course.finalExam,
    kind: "exam",
    mode: "exam",
    title: "Final exam",
    description: `${examCount} questions drawn at random across every module. No feedback until you submit, then a full review.`,
    questionCount: examCount,
    timeLimitMinutes: EXAM_TIME_LIMIT_MINUTES,
  });
  return quizzes;
}

export function findQuiz(id: string, bank: Bank = getBank()): QuizDefinition | undefined {
  return listQuizzes(bank).find((q) => q.id === id);
}

/** The questions a quiz's pool holds, in bank order (what GET /api/quizzes/:id previews). */
export function quizPool(quiz: QuizDefinition, bank: Bank = getBank()): Question[] {
  if (quiz.kind === "module") return moduleQuestions(bank, quiz.moduleId!);
  if (quiz.kind === "drill") return faqQuestions(bank);
  return bank.questions;
}

/** What the learner got right or wrong most recently, per question id (for the FAQ drill's order). */
export type LastResults = Map<string, boolean>;

/**
 * The question ids of a new attempt, in the order they are shown.
 * - module: the bank's order (it follows the lesson), so practice reads like the lesson.
 * - drill: questions last answered wrongly first, then never-answered ones, then the rest; FAQ order within each.
 * - exam: EXAM_PER_MODULE random questions from each module, shuffled together.
 */
export function drawQuestions(quiz: QuizDefinition, random: Random, last: LastResults = new Map(), bank: Bank = getBank()): string[] {
  if (quiz.kind === "module") return moduleQuestions(bank, quiz.moduleId!).map((q) => q.id);
  if (quiz.kind === "drill") {
    const rank = (q: Question) => (last.get(q.id) === false ? 0 : last.has(q.id) ? 2 : 1);
    return faqQuestions(bank)
      .map((q, i) => ({ q, i }))
      .sort((a, b) => rank(a.q) - rank(b.q) || a.i - b.i)
      .map(({ q }) => q.id);
  }
  const picked = getCourse().modules.flatMap((m) => shuffle(moduleQuestions(bank, m.id), random).slice(0, EXAM_PER_MODULE));
  return shuffle(picked, random).map((q) => q.id);
}

/** Option display order per question for one attempt: shuffled choices; true/false keeps True, False. */
export function drawOptionOrder(questionIds: string[], random: Random, bank: Bank = getBank()): Record<string, string[]> {
  const order: Record<string, string[]> = {};
  for (const id of questionIds) {
    const q = bank.byId.get(id);
    if (q && (q.type === "single" || q.type === "multiple")) order[id] = shuffle(q.options.map((o) => o.id), random);
  }
  return order;
}
