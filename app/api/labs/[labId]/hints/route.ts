// POST /api/labs/:labId/hints { taskId } → { hints: string[], remaining }: reveals the next hint of a
// task (hints are a ladder from a nudge to near-solution) and records that it was used.
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { readJson, route } from "@/lib/server/route";
import { asHttp } from "@/lib/sessions/http";
import { revealHint } from "@/lib/sessions/progress";

const Body = z.object({ taskId: z.string().min(1, "taskId is required.").max(100) });

export const POST = route(async (request: Request, { params }: { params: Promise<{ labId: string }> }) => {
  const { labId } = await params;
  const user = await requireUser();
  const { taskId } = await readJson(request, Body);
  return asHttp(() => revealHint(getDb(), user.id, labId, taskId));
});
