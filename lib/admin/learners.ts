// The instructor's learners table: one row per learner (accounts and guests; admins are not learners)
// with lessons and labs completed, hints used, best quiz scores and last activity. Search, a
// guest/account filter and paging run in the database (query parameters ?q=&show=&page=); the page's
// rows are then summarised with one query per table (groupBy / findMany over the page's ids), never
// one query per learner. The numbers mean what the learner's own progress page means
// (lib/progress/summary.ts getCourseProgress); learners.test.ts holds the two to the same answers.
import type { Course } from "../content/outline";
import type { Db } from "../db/client";
import { lastActivityByUser } from "./activity";

export const PAGE_SIZE = 25;
const SHOWS = ["all", "accounts", "guests"] as const;
export type Show = (typeof SHOWS)[number];

export type LearnerQuery = { q: string; show: Show; page: number };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads ?q=&show=&page= leniently: anything unusable falls back to the default, never an error page. */
export function parseLearnerQuery(params: Params): LearnerQuery {
  const get = (k: string): string | undefined => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return (Array.isArray(v) ? v[0] : v) ?? undefined;
  };
  const q = (get("q") ?? "").trim().slice(0, 200);
  const rawShow = get("show");
  const show: Show = SHOWS.includes(rawShow as Show) ? (rawShow as Show) : "all";
  const n = Number.parseInt(get("page") ?? "", 10);
  return { q, show, page: Number.isFinite(n) && n >= 1 ? n : 1 };
}

/** The query string for a learners-table link (defaults left out so URLs stay short). */
export function learnerQueryString(query: LearnerQuery): string {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  if (query.show !== "all") p.set("show", query.show);
  if (query.page > 1) p.set("page", String(query.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export type QuizBest = { quizId: string; moduleId: string | null; bestPercent: number | null };

export type LearnerRow = {
  id: string;
  email: string | null;
  displayName: string | null;
  isGuest: boolean;
  createdAt: Date;
  lastActiveAt: Date | null;
  lessons: { done: number; total: number };
  labs: { done: number; total: number };
  hintsUsed: number;
  /** Each module's practice quiz (best score, any mode, as the home page shows it), in course order. */
  quizzes: QuizBest[];
  /** Best practice score per module (the home page's "mastery"), null until one is submitted. */
  mastery: { moduleId: string; percent: number | null }[];
  finalExam: number | null;
};

export type LearnersPage = { query: LearnerQuery; rows: LearnerRow[]; total: number; pages: number; pageSize: number };

// Same rounding as lib/progress/summary.ts: one decimal of a percent.
const percent = (score: number | null, max: number | null): number | null =>
  score === null || max === null || max <= 0 ? null : Math.round((score / max) * 1000) / 10;

/** Sum of the hints revealed per task ({ [taskId]: n }); a damaged record counts as none. */
export function hintsUsed(hintsJson: string): number {
  try {
    const v = JSON.parse(hintsJson) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return 0;
    return Object.values(v).reduce<number>((n, x) => n + (typeof x === "number" && x > 0 ? x : 0), 0);
  } catch {
    return 0;
  }
}

export function learnerWhere(query: Pick<LearnerQuery, "q" | "show">) {
  const q = query.q.toLowerCase();
  return {
    role: "learner",
    ...(query.show === "guests" ? { isGuest: true } : query.show === "accounts" ? { isGuest: false } : {}),
    // Emails are stored lower-cased (lib/auth/validate.ts), so a lower-cased `contains` finds them on
    // SQLite and PostgreSQL alike; an exact user id finds a guest.
    ...(q ? { OR: [{ email: { contains: q } }, { id: query.q }] } : {}),
  };
}

export async function listLearners(db: Db, course: Course, query: LearnerQuery, pageSize = PAGE_SIZE): Promise<LearnersPage> {
  const where = learnerWhere(query);
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page, pages);
  const users = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, email: true, displayName: true, isGuest: true, createdAt: true },
  });
  const ids = users.map((u) => u.id);
  const courseLessons = course.modules.flatMap((m) => m.lessons);
  const courseLabs = new Set(course.modules.flatMap((m) => m.labs));
  const [lessonCounts, labRows, attempts, activity] = await Promise.all([
    ids.length
      ? db.lessonProgress.groupBy({ by: ["userId"], where: { userId: { in: ids }, completedAt: { not: null }, lessonId: { in: courseLessons } }, _count: { _all: true } })
      : [],
    ids.length ? db.labProgress.findMany({ where: { userId: { in: ids } }, select: { userId: true, labId: true, completedAt: true, hintsJson: true } }) : [],
    ids.length
      ? db.quizAttempt.findMany({ where: { userId: { in: ids }, submittedAt: { not: null } }, select: { userId: true, quizId: true, mode: true, score: true, maxScore: true } })
      : [],
    lastActivityByUser(db, { userIds: ids }),
  ]);

  const lessonsDone = new Map(lessonCounts.map((r) => [r.userId, r._count._all]));
  const labsDone = new Map<string, number>();
  const hints = new Map<string, number>();
  for (const r of labRows) {
    if (r.completedAt && courseLabs.has(r.labId)) labsDone.set(r.userId, (labsDone.get(r.userId) ?? 0) + 1);
    hints.set(r.userId, (hints.get(r.userId) ?? 0) + hintsUsed(r.hintsJson));
  }
  // best[userId][quizId][mode] = best percent
  const best = new Map<string, Map<string, number>>();
  for (const a of attempts) {
    const p = percent(a.score, a.maxScore);
    if (p === null) continue;
    const mine = best.get(a.userId) ?? new Map<string, number>();
    best.set(a.userId, mine);
    for (const key of [a.quizId, `${a.quizId}\u0000${a.mode}`]) mine.set(key, Math.max(mine.get(key) ?? -1, p));
  }

  const lessonTotal = courseLessons.length;
  const labTotal = courseLabs.size;
  const rows = users.map((u): LearnerRow => {
    const mine = best.get(u.id);
    const bestOf = (key: string) => mine?.get(key) ?? null;
    return {
      ...u,
      lastActiveAt: activity.get(u.id) ?? null,
      lessons: { done: lessonsDone.get(u.id) ?? 0, total: lessonTotal },
      labs: { done: labsDone.get(u.id) ?? 0, total: labTotal },
      hintsUsed: hints.get(u.id) ?? 0,
      quizzes: course.modules.map((m) => ({ quizId: m.quiz, moduleId: m.id, bestPercent: bestOf(m.quiz) })),
      mastery: course.modules.map((m) => ({ moduleId: m.id, percent: bestOf(`${m.quiz}\u0000practice`) })),
      finalExam: bestOf(course.finalExam),
    };
  });
  return { query: { ...query, page }, rows, total, pages, pageSize };
}
