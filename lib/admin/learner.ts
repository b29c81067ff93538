// One learner, in detail, for /admin/learners/[id]: per module their lessons, labs and quiz (the same
// summary the learner's own home page shows, from lib/progress/summary.ts, plus question mastery from
// lib/quiz/summary.ts), each lab's hints and checks, their recent check runs with pass/fail, every quiz
// attempt, and any lab session live now. A fixed number of queries whatever the learner has done.
import type { Course } from "../content/outline";
import type { Db, User } from "../db/client";
import { getCourseProgress, type CourseProgress } from "../progress/summary";
import { listAttempts, type AttemptSummary } from "../quiz/attempts";
import type { Bank } from "../quiz/bank";
import { getModuleMastery, type ModuleMastery } from "../quiz/summary";
import { LIVE_STATES } from "../sessions/service";
import { hintsUsed } from "./learners";

export const RECENT_CHECK_RUNS = 20;

export type LabRecord = { labId: string; completedAt: Date | null; checkCount: number; hintsUsed: number; solutionShown: boolean; updatedAt: Date };

export type CheckRunRow = {
  id: string;
  labId: string;
  taskId: string | null;
  passed: boolean;
  /** Tasks the run graded and how many of them passed (from the stored grader results). */
  tasksPassed: number;
  tasksTotal: number;
  createdAt: Date;
};

export type LearnerDetail = {
  user: Pick<User, "id" | "email" | "displayName" | "isGuest" | "role" | "createdAt">;
  progress: CourseProgress;
  mastery: ModuleMastery[];
  labs: Map<string, LabRecord>;
  checkRuns: CheckRunRow[];
  checkRunTotal: number;
  attempts: AttemptSummary[];
  liveSessions: { id: string; labId: string; state: string; step: string | null; createdAt: Date }[];
};

/** { passed, total } from a check run's stored results; a damaged record counts as nothing graded. */
export function taskTally(resultsJson: string): { passed: number; total: number } {
  try {
    const v = JSON.parse(resultsJson) as unknown;
    if (!Array.isArray(v)) return { passed: 0, total: 0 };
    return { passed: v.filter((t) => (t as { passed?: unknown })?.passed === true).length, total: v.length };
  } catch {
    return { passed: 0, total: 0 };
  }
}

/** null when there is no such user (the page answers 404). Admin accounts have a detail page too. */
export async function getLearnerDetail(db: Db, course: Course, bank: Bank, userId: string): Promise<LearnerDetail | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, displayName: true, isGuest: true, role: true, createdAt: true } });
  if (!user) return null;
  const deps = { db, bank };
  const [progress, mastery, labRows, runs, checkRunTotal, attempts, live] = await Promise.all([
    getCourseProgress(db, userId, course),
    getModuleMastery(userId, deps),
    db.labProgress.findMany({ where: { userId } }),
    db.checkRun.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_CHECK_RUNS }),
    db.checkRun.count({ where: { userId } }),
    listAttempts(userId, deps),
    db.labSession.findMany({ where: { userId, state: { in: LIVE_STATES } }, orderBy: { createdAt: "desc" }, select: { id: true, labId: true, state: true, step: true, createdAt: true } }),
  ]);
  return {
    user,
    progress,
    mastery,
    labs: new Map(
      labRows.map((r) => [r.labId, { labId: r.labId, completedAt: r.completedAt, checkCount: r.checkCount, hintsUsed: hintsUsed(r.hintsJson), solutionShown: r.solutionShown, updatedAt: r.updatedAt }]),
    ),
    checkRuns: runs.map((r) => {
      const t = taskTally(r.resultsJson);
      return { id: r.id, labId: r.labId, taskId: r.taskId, passed: r.passed, tasksPassed: t.passed, tasksTotal: t.total, createdAt: r.createdAt };
    }),
    checkRunTotal,
    attempts,
    liveSessions: live,
  };
}
