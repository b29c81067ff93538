// Errors the quiz engine reports to a learner or an API client. Each carries the HTTP status the
// JSON API answers with and a code clients can branch on (sent as the `x-error-code` header, the
// platform's convention); the message says what happened and what to do next. QuizError is an
// HttpError, so lib/server/route.ts answers it as `{ "error": message }` with its status.
import { HttpError } from "../server/http-error";

export type QuizErrorCode =
  | "quiz_not_found"
  | "attempt_not_found"
  | "question_not_in_attempt"
  | "invalid_answer"
  | "invalid_request"
  | "attempt_submitted"
  | "already_answered"
  | "time_up";

const statusOf: Record<QuizErrorCode, number> = {
  quiz_not_found: 404,
  attempt_not_found: 404,
  question_not_in_attempt: 400,
  invalid_answer: 400,
  invalid_request: 400,
  attempt_submitted: 409,
  already_answered: 409,
  time_up: 409,
};

export class QuizError extends HttpError {
  override name = "QuizError";
  constructor(
    readonly code: QuizErrorCode,
    message: string,
  ) {
    super(statusOf[code], message, undefined, { "x-error-code": code });
  }
}
