// GET /api/lab-sessions/:id → { session } (the learner's own only; others get 404).
// DELETE /api/lab-sessions/:id → ends the session and deletes its cluster.
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp, publicSession } from "@/lib/sessions/http";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  return { session: publicSession(await asHttp(() => service.get(user.id, id)), service) };
});

export const DELETE = route(async (_request: Request, { params }: Ctx) => {
  const { id } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  await asHttp(() => service.end(user.id, id));
  return { ok: true };
});
