// GET /api/quizzes: every quiz with the learner's best score (content/quizzes/README.md documents the API).
import { requireUser } from "../../../lib/auth/session";
import { quizListJson } from "../../../lib/quiz/api";
import { route } from "../../../lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => quizListJson((await requireUser()).id));
