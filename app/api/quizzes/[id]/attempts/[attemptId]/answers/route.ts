// POST /api/quizzes/:id/attempts/:attemptId/answers: saves one or more answers; practice answers come back
// graded, with feedback. All or nothing: one bad answer records none.
import { requireUser } from "../../../../../../../lib/auth/session";
import { AnswersBody, answersJson } from "../../../../../../../lib/quiz/api";
import { readJson, route } from "../../../../../../../lib/server/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; attemptId: string }> };

export const POST = route<Ctx>(async (request, { params }) => {
  const user = await requireUser();
  const body = await readJson(request, AnswersBody);
  const { id, attemptId } = await params;
  return answersJson(user.id, id, attemptId, body);
});
