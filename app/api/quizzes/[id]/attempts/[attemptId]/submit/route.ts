// POST /api/quizzes/:id/attempts/:attemptId/submit: grades and closes the attempt and returns the full
// review. Submitting again returns the same result and counts once.
import { requireUser } from "../../../../../../../lib/auth/session";
import { submitJson } from "../../../../../../../lib/quiz/api";
import { route } from "../../../../../../../lib/server/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; attemptId: string }> };

export const POST = route<Ctx>(async (_request, { params }) => {
  const user = await requireUser();
  const { id, attemptId } = await params;
  return submitJson(user.id, id, attemptId);
});
