import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDb, type TestDb } from "../db/test-db";
import { getCourse } from "../content/outline";
import { recordLessonProgress } from "./lessons";

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.cleanup());

test("visits record the last anchor; completion is sticky; unknown lessons are a 404", async () => {
  const lesson = getCourse().modules[0].lessons[0];
  const u = await t.db.user.create({ data: { isGuest: true } });
  const v1 = await recordLessonProgress(t.db, u.id, lesson, { anchor: "intro" }, new Date(1000));
  assert.deepEqual([v1.lastAnchor, v1.completedAt, v1.moduleId], ["intro", null, getCourse().modules[0].id]);
  const done = await recordLessonProgress(t.db, u.id, lesson, { completed: true }, new Date(2000));
  assert.deepEqual([done.lastAnchor, done.completedAt?.getTime()], ["intro", 2000]);
  const later = await recordLessonProgress(t.db, u.id, lesson, { anchor: "summary", completed: true }, new Date(3000));
  assert.deepEqual([later.lastAnchor, later.completedAt?.getTime(), later.lastVisitedAt.getTime()], ["summary", 2000, 3000]);
  const visit = await recordLessonProgress(t.db, u.id, lesson, {}, new Date(4000));
  assert.equal(visit.completedAt?.getTime(), 2000, "a later visit never un-completes");
  await assert.rejects(recordLessonProgress(t.db, u.id, "no-such-lesson", {}), (e: Error & { status?: number }) => e.status === 404 && /There is no lesson "no-such-lesson"/.test(e.message));
  assert.equal(await t.db.lessonProgress.count(), 1);
});
