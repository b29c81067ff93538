// POST /api/quizzes/:id/attempts: starts an attempt (201), or returns the open one to resume (200).
import { requireUser } from "../../../../../lib/auth/session";
import { StartBody, startAttemptJson } from "../../../../../lib/quiz/api";
import { readJson, route } from "../../../../../lib/server/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const POST = route<Ctx>(async (request, { params }) => {
  const user = await requireUser();
  const body = await readJson(request, StartBody);
  const out = await startAttemptJson(user.id, (await params).id, body);
  return Response.json(out, { status: out.resumed ? 200 : 201, headers: { "cache-control": "no-store" } });
});
