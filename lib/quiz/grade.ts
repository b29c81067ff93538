// Grading: pure functions from (question, response) to a grade. The server is the only caller;
// checkResponse() decides whether a response has the right shape for its question type before
// anything is stored, so a malformed answer is refused and never graded as "wrong".
import { QuizError } from "./errors";
import { normalizeText } from "./normalize";
import type { Grade, Question, Response } from "./types";

const MAX_TEXT = 200;

/** Throws QuizError("invalid_answer") unless `response` is a well-formed answer to `q`; returns it typed. */
export function checkResponse(q: Question, response: unknown): Response {
  const bad = (why: string): never => {
    throw new QuizError("invalid_answer", `Question ${q.id}: ${why}`);
  };
  switch (q.type) {
    case "single": {
      if (typeof response !== "string") bad("a single-choice answer is one option id (a string)");
      const id = response as string;
      if (!q.options.some((o) => o.id === id)) bad(`"${id}" is not one of this question's options`);
      return id;
    }
    case "multiple": {
      if (!Array.isArray(response) || response.some((r) => typeof r !== "string"))
        bad("a multiple-select answer is a list of option ids (strings)");
      const ids = response as string[];
      if (ids.length === 0) bad("select at least one option");
      if (new Set(ids).size !== ids.length) bad("an option is selected twice");
      for (const id of ids) if (!q.options.some((o) => o.id === id)) bad(`"${id}" is not one of this question's options`);
      return [...ids];
    }
    case "truefalse":
      if (typeof response !== "boolean") bad("a true/false answer is true or false");
      return response as boolean;
    case "text": {
      if (typeof response !== "string") bad("a short-text answer is a string");
      const text = (response as string).trim();
      if (text.length === 0) bad("the answer is empty");
      if (text.length > MAX_TEXT) bad(`the answer is longer than ${MAX_TEXT} characters`);
      return text;
    }
    case "numeric":
      if (typeof response !== "number" || !Number.isFinite(response)) bad("a numeric answer is a number");
      return response as number;
  }
}

/** Grades a response that passed checkResponse(). */
export function grade(q: Question, response: Response): Grade {
  const whole = (ok: boolean): Grade => ({ correct: ok, points: ok ? 1 : 0 });
  switch (q.type) {
    case "single":
      return whole(response === q.correct);
    case "truefalse":
      return whole(response === q.answer);
    case "text": {
      const given = normalizeText(String(response));
      return whole(q.accepted.some((a) => normalizeText(a) === given));
    }
    case "numeric": {
      const n = Number(response);
      return whole(n >= q.min && n <= q.max);
    }
    case "multiple": {
      // Partial credit: each right pick earns a share, each wrong pick cancels one, never below 0
      // (the usual "right minus wrong" rule, so ticking every box earns nothing).
      const picked = new Set(response as string[]);
      const right = q.correct.filter((id) => picked.has(id)).length;
      const wrong = [...picked].filter((id) => !q.correct.includes(id)).length;
      const correct = right === q.correct.length && wrong === 0;
      const points = correct ? 1 : Math.max(0, (right - wrong) / q.correct.length);
      return { correct, points: Math.round(points * 1000) / 1000 };
    }
  }
}

/** The correct answer in the shape the review shows it (option ids, boolean, accepted texts, number). */
export function correctAnswer(q: Question): Response | string[] {
  switch (q.type) {
    case "single":
      return q.correct;
    case "multiple":
      return q.correct;
    case "truefalse":
      return q.answer;
    case "text":
      return q.accepted;
    case "numeric":
      return q.answer;
  }
}
