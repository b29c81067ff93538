// POST /api/progress/lessons/:id { anchor?: string, completed?: boolean } → { progress }.
// Records a visit to a lesson (and the last section reached), or its completion. Needs a session (a guest
// session is enough) and the CSRF token (lib/auth/client.ts csrfFetch sends it).
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { recordLessonProgress } from "@/lib/progress/lessons";
import { readJson, route } from "@/lib/server/route";

const Body = z.object({
  anchor: z.string().max(200, "An anchor is at most 200 characters.").regex(/^[A-Za-z0-9_-]*$/, "An anchor is letters, digits, - and _.").nullish(),
  completed: z.boolean({ error: "completed must be true or false." }).optional(),
});

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const user = await requireUser();
  const body = await readJson(request, Body);
  const p = await recordLessonProgress(getDb(), user.id, id, body);
  return {
    progress: { lessonId: p.lessonId, moduleId: p.moduleId, completedAt: p.completedAt, lastVisitedAt: p.lastVisitedAt, lastAnchor: p.lastAnchor },
  };
});
