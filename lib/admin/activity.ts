// A learner's last activity: the latest of any trace they leave — the session cookie being used
// (Session.lastSeenAt, written at most every few minutes), a lesson visit, terminal input or a check in
// a lab session, a quiz attempt started, a check run. One groupBy per table, for a set of users or for
// everyone active since a time, never one query per learner.
import type { Db } from "../db/client";

export type ActivityFilter = { userIds: string[] } | { since: Date };

/** userId → latest activity, for the learners the filter selects (admins excluded). */
export async function lastActivityByUser(db: Db, filter: ActivityFilter): Promise<Map<string, Date>> {
  if ("userIds" in filter && filter.userIds.length === 0) return new Map();
  const who = "userIds" in filter ? { userId: { in: filter.userIds } } : {};
  const since = "since" in filter ? { gte: filter.since } : undefined;
  const learner = { user: { role: "learner" } };
  const [sessions, lessons, labs, quizzes, checks] = await Promise.all([
    db.session.groupBy({ by: ["userId"], where: { ...who, ...learner, ...(since ? { lastSeenAt: since } : {}) }, _max: { lastSeenAt: true } }),
    db.lessonProgress.groupBy({ by: ["userId"], where: { ...who, ...learner, ...(since ? { lastVisitedAt: since } : {}) }, _max: { lastVisitedAt: true } }),
    db.labSession.groupBy({ by: ["userId"], where: { ...who, ...learner, ...(since ? { lastActiveAt: since } : {}) }, _max: { lastActiveAt: true } }),
    db.quizAttempt.groupBy({ by: ["userId"], where: { ...who, ...learner, ...(since ? { startedAt: since } : {}) }, _max: { startedAt: true, submittedAt: true } }),
    db.checkRun.groupBy({ by: ["userId"], where: { ...who, ...learner, ...(since ? { createdAt: since } : {}) }, _max: { createdAt: true } }),
  ]);
  const out = new Map<string, Date>();
  const note = (userId: string, at: Date | null | undefined) => {
    if (!at) return;
    const prev = out.get(userId);
    if (!prev || at > prev) out.set(userId, at);
  };
  for (const r of sessions) note(r.userId, r._max.lastSeenAt);
  for (const r of lessons) note(r.userId, r._max.lastVisitedAt);
  for (const r of labs) note(r.userId, r._max.lastActiveAt);
  for (const r of quizzes) {
    note(r.userId, r._max.startedAt);
    note(r.userId, r._max.submittedAt);
  }
  for (const r of checks) note(r.userId, r._max.createdAt);
  return out;
}
