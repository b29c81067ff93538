// A learner's record on one lab: checks run (each kept with its results), hints revealed per
// task, whether the solution was shown, and completion (every task passed). The lab page and the
// course home read it; the grader's results are stored as they were shown.
import type { Db } from "../db/client";
import { getLab } from "../labs/load";
import type { Lab } from "../labs/schema";
import { stepsAsScript } from "../labs/steps";
import type { TaskResult } from "../grader";
import { SessionError } from "./service";

/** After this many checks the solution may be shown without asking twice. */
export const SOLUTION_AFTER_CHECKS = 3;

const hintsOf = (json: string | undefined): Record<string, number> => {
  try {
    return JSON.parse(json ?? "{}");
  } catch {
    return {};
  }
};

async function progressRow(db: Db, userId: string, labId: string) {
  return db.labProgress.upsert({ where: { userId_labId: { userId, labId } }, create: { userId, labId }, update: {} });
}

/** Records a check run; marks the lab complete once every task has passed in this session. */
export async function recordCheck(db: Db, userId: string, labSessionId: string, lab: Lab, taskIds: string[] | undefined, results: TaskResult[]) {
  await db.checkRun.create({
    data: { labSessionId, userId, labId: lab.id, taskId: taskIds?.length === 1 ? taskIds[0] : null, passed: results.every((r) => r.passed), resultsJson: JSON.stringify(results) },
  });
  const runs = await db.checkRun.findMany({ where: { labSessionId }, orderBy: { createdAt: "asc" } });
  const latest = new Map<string, boolean>();
  for (const run of runs) for (const t of JSON.parse(run.resultsJson) as TaskResult[]) latest.set(t.taskId, t.passed);
  const complete = lab.tasks.every((t) => latest.get(t.id) === true);
  const row = await progressRow(db, userId, lab.id);
  return db.labProgress.update({
    where: { id: row.id },
    data: { checkCount: { increment: 1 }, ...(complete && !row.completedAt ? { completedAt: new Date() } : {}) },
  });
}

/** Reveals the next hint of a task (or all revealed so far when none is left); records the count. */
export async function revealHint(db: Db, userId: string, labId: string, taskId: string): Promise<{ hints: string[]; remaining: number }> {
  const lab = getLab(labId);
  const task = lab.tasks.find((t) => t.id === taskId);
  if (!task) throw new SessionError(404, `lab ${labId} has no task "${taskId}"`);
  const row = await progressRow(db, userId, labId);
  const used = hintsOf(row.hintsJson);
  const n = Math.min((used[taskId] ?? 0) + 1, task.hints.length);
  used[taskId] = n;
  await db.labProgress.update({ where: { id: row.id }, data: { hintsJson: JSON.stringify(used) } });
  return { hints: task.hints.slice(0, n), remaining: task.hints.length - n };
}

/** Hints already revealed, per task (shown again after a reload). */
export async function revealedHints(db: Db, userId: string, lab: Lab): Promise<Record<string, string[]>> {
  const row = await db.labProgress.findUnique({ where: { userId_labId: { userId, labId: lab.id } } });
  const used = hintsOf(row?.hintsJson);
  return Object.fromEntries(lab.tasks.map((t) => [t.id, t.hints.slice(0, used[t.id] ?? 0)]));
}

/** The solution script; shown after SOLUTION_AFTER_CHECKS checks, or when the learner confirms they want it. */
export async function showSolution(db: Db, userId: string, labId: string, confirmed: boolean): Promise<string> {
  const lab = getLab(labId);
  const row = await progressRow(db, userId, labId);
  if (!confirmed && row.checkCount < SOLUTION_AFTER_CHECKS)
    throw new SessionError(409, `The solution opens after ${SOLUTION_AFTER_CHECKS} checks; confirm to see it now.`);
  await db.labProgress.update({ where: { id: row.id }, data: { solutionShown: true } });
  return stepsAsScript(lab.solution);
}
