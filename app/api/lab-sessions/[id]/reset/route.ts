// POST /api/lab-sessions/:id/reset → { session }: deletes the cluster and starts the lab again from its
// setup, in a new session (the old terminal closes).
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp, publicSession } from "@/lib/sessions/http";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  return { session: publicSession(await asHttp(() => service.reset(user.id, id)), service) };
});
