// POST /api/labs/:labId/solution { confirm?: boolean } → { script }: the lab's solution as kubectl
// commands. Opens by itself after a few checks; before that the learner must confirm (409 otherwise).
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { readJson, route } from "@/lib/server/route";
import { asHttp } from "@/lib/sessions/http";
import { showSolution } from "@/lib/sessions/progress";

const Body = z.object({ confirm: z.boolean().optional() });

export const POST = route(async (request: Request, { params }: { params: Promise<{ labId: string }> }) => {
  const { labId } = await params;
  const user = await requireUser();
  const { confirm } = await readJson(request, Body);
  return { script: await asHttp(() => showSolution(getDb(), user.id, labId, confirm === true)) };
});
