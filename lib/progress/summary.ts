// The learner's progress across the course, for the home page: per module, each lesson (visited,
// completed), each lab (completed), the module's practice quiz (best score) and the module's mastery
// (= best practice-quiz score), plus "continue where you left off" (the most recently visited lesson) and
// the final exam's best score. One query per table, not per item.
import type { Course } from "../content/outline";
import type { Db } from "../db/client";

export type LessonState = { id: string; visited: boolean; completed: boolean; lastAnchor: string | null };
export type LabState = { id: string; completed: boolean; attempted: boolean };
export type QuizState = { id: string; bestPercent: number | null; attempts: number };
export type ModuleProgress = {
  id: string;
  lessons: LessonState[];
  labs: LabState[];
  quiz: QuizState;
  /** best practice-quiz score in percent; null until a practice attempt is submitted */
  mastery: number | null;
  done: number;
  total: number;
};
export type ContinueAt = { lessonId: string; anchor: string | null; visitedAt: Date };
export type CourseProgress = { modules: ModuleProgress[]; continueAt: ContinueAt | null; finalExam: QuizState };

const percent = (score: number | null, max: number | null): number | null =>
  score === null || max === null || max <= 0 ? null : Math.round((score / max) * 1000) / 10;

export async function getCourseProgress(db: Db, userId: string | null, course: Course): Promise<CourseProgress> {
  const [lessons, labs, attempts] = userId
    ? await Promise.all([
        db.lessonProgress.findMany({ where: { userId } }),
        db.labProgress.findMany({ where: { userId } }),
        db.quizAttempt.findMany({ where: { userId, submittedAt: { not: null } }, select: { quizId: true, mode: true, score: true, maxScore: true } }),
      ])
    : [[], [], []];

  const lessonById = new Map(lessons.map((l) => [l.lessonId, l]));
  const labById = new Map(labs.map((l) => [l.labId, l]));
  const quizState = (quizId: string, mode?: string): QuizState => {
    const mine = attempts.filter((a) => a.quizId === quizId && (!mode || a.mode === mode));
    const scores = mine.map((a) => percent(a.score, a.maxScore)).filter((p): p is number => p !== null);
    return { id: quizId, bestPercent: scores.length ? Math.max(...scores) : null, attempts: mine.length };
  };

  const modules = course.modules.map((m): ModuleProgress => {
    const lessonStates = m.lessons.map((id) => {
      const p = lessonById.get(id);
      return { id, visited: !!p, completed: !!p?.completedAt, lastAnchor: p?.lastAnchor ?? null };
    });
    const labStates = m.labs.map((id) => {
      const p = labById.get(id);
      return { id, completed: !!p?.completedAt, attempted: !!p };
    });
    const quiz = quizState(m.quiz);
    const mastery = quizState(m.quiz, "practice").bestPercent;
    const done = lessonStates.filter((l) => l.completed).length + labStates.filter((l) => l.completed).length + (quiz.bestPercent !== null ? 1 : 0);
    return { id: m.id, lessons: lessonStates, labs: labStates, quiz, mastery, done, total: lessonStates.length + labStates.length + 1 };
  });

  const inCourse = new Set(course.modules.flatMap((m) => m.lessons));
  const latest = lessons.filter((l) => inCourse.has(l.lessonId)).sort((a, b) => b.lastVisitedAt.getTime() - a.lastVisitedAt.getTime())[0];
  return {
    modules,
    continueAt: latest ? { lessonId: latest.lessonId, anchor: latest.lastAnchor, visitedAt: latest.lastVisitedAt } : null,
    finalExam: quizState(course.finalExam),
  };
}
