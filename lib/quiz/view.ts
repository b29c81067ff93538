// What the browser may see. Questions go out as PublicQuestion (prompt and options, never the answer
// or the explanation); option ids are per attempt ("o1", "o2" ... by the position shown), so an id
// says nothing about correctness even though the bank's authors write the right option first.
// Feedback (correctness, correct answer, explanation, lesson link) is built only for a graded answer.
import { QuizError } from "./errors";
import { correctAnswer } from "./grade";
import type { LessonLink, Question, QuestionType, Response } from "./types";

export type PublicOption = { id: string; text: string };

export type PublicQuestion = {
  id: string;
  type: QuestionType;
  prompt: string;
  module: string;
  faq?: number;
  /** single and multiple only, in this attempt's order. */
  options?: PublicOption[];
  unit?: string;
};

/** A response as the API speaks it: public option id(s), boolean, text or number. */
export type PublicResponse = string | string[] | boolean | number;

export type Feedback = {
  correct: boolean;
  /** 0..1 (partial credit for multiple select). */
  points: number;
  /** The right answer: option id(s) of this attempt, a boolean, the accepted texts, or a number. */
  correctAnswer: PublicResponse;
  explanation: string;
  link: LessonLink & { href: string };
};

/** The page a lesson link opens: the FAQ page for the FAQ, the lesson page otherwise. */
export function lessonHref(link: LessonLink): string {
  return link.lesson === "faq" ? `/faq#${link.anchor}` : `/lessons/${link.lesson}#${link.anchor}`;
}

const publicId = (index: number) => `o${index + 1}`;

/** Option order for a question: the attempt's stored order, or the bank's when none is stored. */
function orderOf(q: Question, order: string[] | undefined): string[] {
  if (q.type !== "single" && q.type !== "multiple") return [];
  return order ?? q.options.map((o) => o.id);
}

export function publicQuestion(q: Question, order?: string[]): PublicQuestion {
  const out: PublicQuestion = { id: q.id, type: q.type, prompt: q.prompt, module: q.module };
  if (q.faq !== undefined) out.faq = q.faq;
  if (q.type === "single" || q.type === "multiple") {
    const byId = new Map(q.options.map((o) => [o.id, o.text]));
    out.options = orderOf(q, order).map((id, i) => ({ id: publicId(i), text: byId.get(id) ?? "" }));
  }
  if (q.type === "numeric" && q.unit) out.unit = q.unit;
  return out;
}

/** Public option id(s) → bank option id(s); other response types pass through. Unknown ids are refused. */
export function toBankResponse(q: Question, order: string[] | undefined, response: unknown): unknown {
  if (q.type !== "single" && q.type !== "multiple") return response;
  const ids = orderOf(q, order);
  const map = (v: unknown): string => {
    if (typeof v !== "string") throw new QuizError("invalid_answer", `Question ${q.id}: options are answered with their ids (strings such as "o1")`);
    const m = /^o([1-9][0-9]*)$/.exec(v);
    const bankId = m ? ids[Number(m[1]) - 1] : undefined;
    if (!bankId) throw new QuizError("invalid_answer", `Question ${q.id}: "${v}" is not one of this question's options (${ids.map((_, i) => publicId(i)).join(", ")})`);
    return bankId;
  };
  if (q.type === "single") return typeof response === "string" ? map(response) : response;
  return Array.isArray(response) ? response.map(map) : response;
}

/** Bank-form response (as stored) → the attempt's public form. */
export function toPublicResponse(q: Question, order: string[] | undefined, response: Response | string[]): PublicResponse {
  if (q.type !== "single" && q.type !== "multiple") return response;
  const ids = orderOf(q, order);
  const map = (bankId: string) => publicId(ids.indexOf(bankId));
  return Array.isArray(response) ? response.map(map) : map(String(response));
}

export function feedbackFor(q: Question, order: string[] | undefined, grade: { correct: boolean; points: number }): Feedback {
  return {
    correct: grade.correct,
    points: grade.points,
    correctAnswer: toPublicResponse(q, order, correctAnswer(q)),
    explanation: q.explanation,
    link: { ...q.link, href: lessonHref(q.link) },
  };
}
