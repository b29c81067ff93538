// The quiz engine's shared shapes: questions as the bank defines them (with answers, server-only),
// responses as a learner gives them, and the grade a response earns. Everything the browser may see
// before grading is shaped in view.ts, never here.

export type QuestionType = "single" | "multiple" | "truefalse" | "text" | "numeric";

/** Where the lesson teaches this question's point: lesson id (content/lessons/<id>.mdx or "faq") + heading anchor. */
export type LessonLink = { lesson: string; anchor: string };

export type ChoiceOption = { id: string; text: string };

type QuestionBase = {
  id: string;
  module: string;
  /** The seed FAQ item (1..50) this question covers, if any. */
  faq?: number;
  prompt: string;
  explanation: string;
  link: LessonLink;
  /** The bank file the question came from, for error messages. */
  file: string;
};

export type SingleChoiceQuestion = QuestionBase & { type: "single"; options: ChoiceOption[]; correct: string };
export type MultipleSelectQuestion = QuestionBase & { type: "multiple"; options: ChoiceOption[]; correct: string[] };
export type TrueFalseQuestion = QuestionBase & { type: "truefalse"; answer: boolean };
export type ShortTextQuestion = QuestionBase & { type: "text"; accepted: string[] };
/** Numeric: correct when min <= response <= max (the bank writes `answer` ± `tolerance`, or a `range`). */
export type NumericQuestion = QuestionBase & { type: "numeric"; answer: number; min: number; max: number; unit?: string };

export type Question =
  | SingleChoiceQuestion
  | MultipleSelectQuestion
  | TrueFalseQuestion
  | ShortTextQuestion
  | NumericQuestion;

/** A learner's response, by question type: option id, option ids, boolean, text, number. */
export type Response = string | string[] | boolean | number;

export type Grade = {
  correct: boolean;
  /** 0..1; partial credit only for multiple select. */
  points: number;
};
