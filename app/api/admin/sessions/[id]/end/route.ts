// POST /api/admin/sessions/:id/end → { session: { id, state: "ended" } }: an instructor ends a learner's
// live lab session (its cluster and workspace are deleted; the learner's page is told an instructor
// ended it). Admins only (403 otherwise), CSRF-checked; 404 for no such session, 409 if it already ended.
import { endLiveSession } from "@/lib/admin/sessions";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp } from "@/lib/sessions/http";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  await requireAdmin();
  const { service } = await labRuntime();
  return { session: await asHttp(() => endLiveSession(getDb(), service, id)) };
});
