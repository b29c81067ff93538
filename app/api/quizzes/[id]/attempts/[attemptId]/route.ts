// GET /api/quizzes/:id/attempts/:attemptId: the attempt's state for resuming or reviewing; feedback only
// for what is graded (practice: answered questions; exam: everything, once submitted).
import { requireUser } from "../../../../../../lib/auth/session";
import { attemptJson } from "../../../../../../lib/quiz/api";
import { route } from "../../../../../../lib/server/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; attemptId: string }> };

export const GET = route<Ctx>(async (_request, { params }) => {
  const user = await requireUser();
  const { id, attemptId } = await params;
  return attemptJson(user.id, id, attemptId);
});
