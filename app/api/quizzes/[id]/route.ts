// GET /api/quizzes/:id: one quiz and its questions and options, never answers or explanations.
import { requireUser } from "../../../../lib/auth/session";
import { quizJson } from "../../../../lib/quiz/api";
import { route } from "../../../../lib/server/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_request, { params }) => {
  const user = await requireUser();
  return quizJson(user.id, (await params).id);
});
