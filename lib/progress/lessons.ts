// Lesson progress: a visit (with the last section reached) and completion. The lesson pages call
// POST /api/progress/lessons/:id, which calls recordLessonProgress. Completion is sticky: a later visit
// never un-completes a lesson.
import type { Db, LessonProgress } from "../db/client";
import { moduleOf } from "../content/outline";
import { HttpError } from "../server/http-error";

export type LessonProgressInput = { anchor?: string | null; completed?: boolean };

export async function recordLessonProgress(db: Db, userId: string, lessonId: string, input: LessonProgressInput, now = new Date()): Promise<LessonProgress> {
  const mod = moduleOf("lessons", lessonId);
  if (!mod) throw new HttpError(404, `There is no lesson "${lessonId}" in this course.`);
  const anchor = input.anchor ?? undefined;
  return db.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, moduleId: mod.id, lastVisitedAt: now, lastAnchor: anchor ?? null, completedAt: input.completed ? now : null },
    update: {
      lastVisitedAt: now,
      moduleId: mod.id,
      ...(anchor !== undefined ? { lastAnchor: anchor } : {}),
      // Only set when first completed; never cleared by a later visit.
      ...(input.completed ? { completedAt: await firstCompletion(db, userId, lessonId, now) } : {}),
    },
  });
}

async function firstCompletion(db: Db, userId: string, lessonId: string, now: Date): Promise<Date> {
  const row = await db.lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } }, select: { completedAt: true } });
  return row?.completedAt ?? now;
}
