// POST /api/lab-sessions/:id/check { taskIds?: string[], answers?: { [checkId]: string } }
//   → { results: TaskResult[], progress: { completed, checkCount } }
// Grades the learner's live cluster (all tasks when taskIds is empty) and records the run.
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { HttpError } from "@/lib/server/http-error";
import { readJson, route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp } from "@/lib/sessions/http";
import { recordCheck } from "@/lib/sessions/progress";
import { getLab } from "@/lib/labs/load";
import { gradeLab } from "@/lib/grader";

const Body = z.object({
  taskIds: z.array(z.string().max(100)).max(50).optional(),
  answers: z.record(z.string().max(100), z.string().max(500, "An answer is at most 500 characters.")).optional(),
});

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const user = await requireUser();
  const body = await readJson(request, Body);
  const { service } = await labRuntime();
  const session = await asHttp(() => service.get(user.id, id));
  if (session.state !== "ready") throw new HttpError(409, `Your lab cluster is ${session.state}; checks run once it is ready.`);
  const lab = getLab(session.labId);
  const unknown = (body.taskIds ?? []).filter((t) => !lab.tasks.some((x) => x.id === t));
  if (unknown.length) throw new HttpError(400, `This lab has no task ${unknown.join(", ")}.`);
  await service.touch(id);
  const results = await gradeLab(service.target(id), lab, { taskIds: body.taskIds, answers: body.answers });
  const progress = await recordCheck(getDb(), user.id, id, lab, body.taskIds, results);
  return { results, progress: { completed: Boolean(progress.completedAt), checkCount: progress.checkCount } };
});
