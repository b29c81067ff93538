// POST /api/labs/:labId/sessions → { session }: starts the learner's session for this lab, or returns
// the one already running (a reload resumes it). Provisioning continues in the background; follow it
// with GET /api/lab-sessions/:id/events.
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp, publicSession } from "@/lib/sessions/http";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ labId: string }> }) => {
  const { labId } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  const session = await asHttp(() => service.start(user.id, labId));
  return { session: publicSession(session, service) };
});
