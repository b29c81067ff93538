import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Course } from "../content/outline";
import type { Db } from "../db/client";
import { createTestDb, type TestDb } from "../db/test-db";
import { getCourseProgress } from "../progress/summary";
import { hintsUsed, learnerQueryString, listLearners, parseLearnerQuery, type LearnerQuery } from "./learners";

const course: Course = {
  title: "T",
  finalExam: "final",
  modules: [
    { id: "m1", title: "One", summary: "s", lessons: ["l1", "l2"], labs: ["lab1", "lab2"], quiz: "q1" },
    { id: "m2", title: "Two", summary: "s", lessons: ["l3"], labs: [], quiz: "q2" },
  ],
};

let t: TestDb;
const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestDb();
  const mk = async (key: string, data: { email?: string; isGuest?: boolean; role?: string }, minute: number) => {
    ids[key] = (await t.db.user.create({ data: { ...data, createdAt: at(minute) } })).id;
  };
  await mk("ada", { email: "ada@example.com" }, 1);
  await mk("bob", { email: "bob@school.example" }, 2);
  await mk("guest", { isGuest: true }, 3);
  await mk("admin", { email: "teacher@example.com", role: "admin" }, 4);
  await t.db.lessonProgress.createMany({
    data: [
      { userId: ids.ada, lessonId: "l1", moduleId: "m1", completedAt: at(10), lastVisitedAt: at(10) },
      { userId: ids.ada, lessonId: "l3", moduleId: "m2", completedAt: at(11), lastVisitedAt: at(11) },
      { userId: ids.ada, lessonId: "retired", moduleId: "m1", completedAt: at(12), lastVisitedAt: at(12) },
      { userId: ids.ada, lessonId: "l2", moduleId: "m1", lastVisitedAt: at(13) },
      { userId: ids.guest, lessonId: "l2", moduleId: "m1", completedAt: at(20), lastVisitedAt: at(20) },
      { userId: ids.admin, lessonId: "l1", moduleId: "m1", completedAt: at(30), lastVisitedAt: at(30) },
    ],
  });
  await t.db.labProgress.createMany({
    data: [
      { userId: ids.ada, labId: "lab1", completedAt: at(14), hintsJson: JSON.stringify({ a: 2, b: 1 }) },
      { userId: ids.ada, labId: "lab2", hintsJson: JSON.stringify({ a: 1 }) },
      { userId: ids.bob, labId: "lab1", hintsJson: "not json" },
      { userId: ids.bob, labId: "old-lab", completedAt: at(5) },
    ],
  });
  const attempt = (userId: string, quizId: string, mode: string, score: number | null, submitted: Date | null) =>
    t.db.quizAttempt.create({ data: { userId, quizId, mode, questionIdsJson: "[]", optionOrderJson: "{}", score, maxScore: 8, startedAt: at(15), submittedAt: submitted } });
  await attempt(ids.ada, "q1", "practice", 5, at(16));
  await attempt(ids.ada, "q1", "practice", 7, at(17));
  await attempt(ids.ada, "q1", "practice", 8, null); // open: does not count
  await attempt(ids.ada, "final", "exam", 6, at(18));
  await attempt(ids.bob, "q2", "exam", 3, at(19));
  await t.db.session.create({ data: { id: "s-bob", userId: ids.bob, csrfSecret: "x", lastSeenAt: at(40), expiresAt: at(9999) } });
});
after(() => t.cleanup());

const all: LearnerQuery = { q: "", show: "all", page: 1 };

test("every row agrees with the learner's own progress summary (lessons, labs, quiz best, mastery, final exam)", async () => {
  const page = await listLearners(t.db, course, all);
  const problems: string[] = [];
  for (const row of page.rows) {
    const p = await getCourseProgress(t.db, row.id, course);
    const want = {
      lessons: p.modules.flatMap((m) => m.lessons).filter((l) => l.completed).length,
      labs: p.modules.flatMap((m) => m.labs).filter((l) => l.completed).length,
      quizzes: p.modules.map((m) => m.quiz.bestPercent),
      mastery: p.modules.map((m) => m.mastery),
      finalExam: p.finalExam.bestPercent,
    };
    const got = { lessons: row.lessons.done, labs: row.labs.done, quizzes: row.quizzes.map((q) => q.bestPercent), mastery: row.mastery.map((m) => m.percent), finalExam: row.finalExam };
    for (const k of Object.keys(want) as (keyof typeof want)[]) {
      if (JSON.stringify(got[k]) !== JSON.stringify(want[k])) problems.push(`${row.email ?? "guest"} ${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(want[k])}`);
    }
  }
  assert.deepEqual(problems, []);
});

test("the learners table: counts, hints, activity, admins left out, newest first", async () => {
  const page = await listLearners(t.db, course, all);
  assert.deepEqual(
    page.rows.map((r) => [r.email ?? "guest", r.lessons.done, r.lessons.total, r.labs.done, r.labs.total, r.hintsUsed, r.finalExam, r.lastActiveAt?.toISOString() ?? null]),
    [
      ["guest", 1, 3, 0, 2, 0, null, at(20).toISOString()],
      ["bob@school.example", 0, 3, 0, 2, 0, null, at(40).toISOString()],
      ["ada@example.com", 2, 3, 1, 2, 4, 75, at(18).toISOString()],
    ],
  );
  assert.equal(page.total, 3);
  assert.equal(page.pages, 1);
});

test("search, filter and paging: one row per query, rows and totals", async () => {
  const cases: { query: Partial<LearnerQuery>; size?: number; rows: string[]; total: number; page: number; pages: number }[] = [
    { query: { q: "ADA@" }, rows: ["ada@example.com"], total: 1, page: 1, pages: 1 },
    { query: { q: "example" }, rows: ["bob@school.example", "ada@example.com"], total: 2, page: 1, pages: 1 },
    { query: { q: "teacher" }, rows: [], total: 0, page: 1, pages: 1 },
    { query: { show: "guests" }, rows: ["guest"], total: 1, page: 1, pages: 1 },
    { query: { show: "accounts" }, rows: ["bob@school.example", "ada@example.com"], total: 2, page: 1, pages: 1 },
    { query: { page: 2 }, size: 2, rows: ["ada@example.com"], total: 3, page: 2, pages: 2 },
    { query: { page: 9 }, size: 2, rows: ["ada@example.com"], total: 3, page: 2, pages: 2 },
    { query: { q: "nobody" }, rows: [], total: 0, page: 1, pages: 1 },
  ];
  const bad: string[] = [];
  for (const c of cases) {
    const res = await listLearners(t.db, course, { ...all, ...c.query }, c.size);
    const got = { rows: res.rows.map((r) => r.email ?? "guest"), total: res.total, page: res.query.page, pages: res.pages };
    const want = { rows: c.rows, total: c.total, page: c.page, pages: c.pages };
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${JSON.stringify(c.query)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  const byId = await listLearners(t.db, course, { ...all, q: ids.guest });
  if (byId.rows.length !== 1 || byId.rows[0].id !== ids.guest) bad.push("a guest's user id does not find the guest");
  assert.deepEqual(bad, []);
});

test("the number of queries does not grow with the learners on the page", async () => {
  let n = 0;
  const counted = t.db.$extends({
    query: {
      $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  }) as unknown as Db;
  await listLearners(counted, course, all, 1);
  const one = n;
  n = 0;
  await listLearners(counted, course, all, 50);
  assert.equal(n, one, `1 learner took ${one} queries, 3 learners took ${n}`);
});

test("query parameters parse leniently and round-trip", () => {
  const cases: [Record<string, string | string[] | undefined>, LearnerQuery, string][] = [
    [{}, { q: "", show: "all", page: 1 }, ""],
    [{ q: "  ada ", show: "guests", page: "3" }, { q: "ada", show: "guests", page: 3 }, "?q=ada&show=guests&page=3"],
    [{ q: ["x", "y"], show: "admins", page: "-2" }, { q: "x", show: "all", page: 1 }, "?q=x"],
    [{ page: "abc", show: "accounts" }, { q: "", show: "accounts", page: 1 }, "?show=accounts"],
  ];
  const bad = cases
    .map(([input, want, qs]) => {
      const got = parseLearnerQuery(input);
      const gotQs = learnerQueryString(got);
      return JSON.stringify(got) === JSON.stringify(want) && gotQs === qs ? null : `${JSON.stringify(input)} → ${JSON.stringify(got)} ${gotQs}`;
    })
    .filter(Boolean);
  assert.deepEqual(bad, []);
  assert.deepEqual(parseLearnerQuery(new URLSearchParams("q=bob&page=2")), { q: "bob", show: "all", page: 2 });
});

test("hintsUsed sums revealed hints and ignores damaged records", () => {
  const cases: [string, number][] = [
    ["{}", 0],
    ['{"a":2,"b":3}', 5],
    ['{"a":-1,"b":"2"}', 0],
    ["[1,2]", 0],
    ["null", 0],
    ["{oops", 0],
  ];
  assert.deepEqual(
    cases.filter(([json, want]) => hintsUsed(json) !== want).map(([json]) => json),
    [],
  );
});
