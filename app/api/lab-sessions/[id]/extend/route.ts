// POST /api/lab-sessions/:id/extend → { session }: adds time to a running session (LAB_EXTEND_MINUTES).
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp, publicSession } from "@/lib/sessions/http";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  return { session: publicSession(await asHttp(() => service.extend(user.id, id)), service) };
});
