// One learner's progress on one lesson, for the lesson page (completed badge and button state).
// Writing progress is the platform's (lib/progress/lessons.ts, POST /api/progress/lessons/:id).
import type { Db } from "../db/client";

export async function getLessonProgress(db: Db, userId: string, lessonId: string) {
  return db.lessonProgress.findUnique({
    where: { userId_lessonId: { userId, lessonId } },
    select: { completedAt: true, lastVisitedAt: true, lastAnchor: true },
  });
}
