// The question bank: every `*.yaml` under content/quizzes/, validated with one zod schema and
// cross-checked (unique ids, known modules, one correct option per single choice, distinct
// distractors). Every problem is reported with its file and question id, all at once, so a content
// author fixes a bank in one pass. Questions keep their answers here: this module is server-only.
//
// (The fs calls carry /*turbopackIgnore*/: the bank is read at run time from content/, not traced into the build.)
//
// A bank file:
//   module: services            # default module of its questions
//   lesson: services            # default lesson id for `link: "#anchor"`
//   questions:
//     - id: svc-default-type    # unique across the bank, lowercase words joined by hyphens
//       type: single            # single | multiple | truefalse | text | numeric
//       faq: 5                  # optional: the seed FAQ item it covers (1..50)
//       prompt: ...
//       options: { a: ..., b: ..., c: ... }   # single/multiple: option id -> text
//       correct: a              # single: one id; multiple: [ids]
//       answer: true            # truefalse: boolean; numeric: the number (with `tolerance` or `range: [min, max]`)
//       accepted: [ClusterIP]   # text: accepted answers, compared after normalizeText()
//       explanation: ...
//       link: "#service-types"  # or "lesson-id#anchor"; FAQ questions default to "faq#q<N>"
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { contentDir, loadCourse } from "../content/outline";
import { normalizeText } from "./normalize";
import type { Question } from "./types";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");
const text = z.string().trim().min(1, "must not be empty");
const optionId = z.string().regex(/^[a-z0-9]+$/, "option ids are short lowercase words (a, b, c ...)");
const linkText = z
  .string()
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?#[a-z0-9]+(-[a-z0-9]+)*$/, 'must be "#anchor" or "lesson-id#anchor"');

const base = {
  id: slug,
  module: slug.optional(),
  faq: z.number().int().min(1).max(50).optional(),
  prompt: text,
  explanation: text,
  link: linkText.optional(),
};
const options = z.record(optionId, text).refine((o) => Object.keys(o).length >= 3, "needs at least 3 options");

const QuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), options, correct: optionId }).strict(),
  z.object({ ...base, type: z.literal("multiple"), options, correct: z.array(optionId).min(1) }).strict(),
  z.object({ ...base, type: z.literal("truefalse"), answer: z.boolean() }).strict(),
  z.object({ ...base, type: z.literal("text"), accepted: z.array(text).min(1) }).strict(),
  z
    .object({
      ...base,
      type: z.literal("numeric"),
      answer: z.number(),
      tolerance: z.number().min(0).optional(),
      range: z.tuple([z.number(), z.number()]).optional(),
      unit: z.string().optional(),
    })
    .strict(),
]);

const FileSchema = z
  .object({
    module: slug,
    lesson: slug,
    questions: z.array(z.unknown()).min(1),
  })
  .strict();

export class BankError extends Error {
  constructor(readonly problems: string[]) {
    super(`The question bank has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "BankError";
  }
}

export type Bank = {
  questions: Question[];
  byId: Map<string, Question>;
};

const issuesOf = (e: z.ZodError): string[] =>
  e.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));

/** Semantic checks zod cannot express; returns problems worded for the content author. */
function crossCheck(q: Question): string[] {
  const problems: string[] = [];
  if (q.type === "single" || q.type === "multiple") {
    const ids = q.options.map((o) => o.id);
    const correct = q.type === "single" ? [q.correct] : q.correct;
    for (const c of correct) if (!ids.includes(c)) problems.push(`correct: "${c}" is not one of the options (${ids.join(", ")})`);
    if (new Set(correct).size !== correct.length) problems.push("correct: lists an option twice");
    if (q.type === "multiple" && correct.length >= ids.length) problems.push("correct: at least one option must be a distractor");
    const seen = new Map<string, string>();
    for (const o of q.options) {
      const key = normalizeText(o.text);
      const twin = seen.get(key);
      if (twin) problems.push(`options.${o.id}: reads the same as option ${twin}; distractors must differ`);
      seen.set(key, o.id);
    }
  }
  if (q.type === "text") {
    if (q.accepted.some((a) => normalizeText(a) === "")) problems.push("accepted: an answer is empty after normalisation");
  }
  if (q.type === "numeric" && !(q.min <= q.answer && q.answer <= q.max))
    problems.push(`range: the answer ${q.answer} lies outside [${q.min}, ${q.max}]`);
  return problems;
}

export function loadBank(dir = join(contentDir(), "quizzes")): Bank {
  const modules = new Set(loadCourse().modules.map((m) => m.id));
  const problems: string[] = [];
  const questions: Question[] = [];
  const byId = new Map<string, Question>();
  const files = readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  if (files.length === 0) problems.push(`${dir}: no question bank files (*.yaml)`);

  for (const name of files) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path);
    let raw: unknown;
    try {
      raw = parse(readFileSync(/*turbopackIgnore: true*/ path, "utf8"));
    } catch (e) {
      problems.push(`${file}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
      continue;
    }
    const head = FileSchema.safeParse(raw);
    if (!head.success) {
      for (const p of issuesOf(head.error)) problems.push(`${file}: ${p}`);
      continue;
    }
    if (!modules.has(head.data.module)) problems.push(`${file}: module "${head.data.module}" is not in content/course.yaml`);

    head.data.questions.forEach((item, index) => {
      const idGuess = (item as { id?: unknown })?.id;
      const where = `${file}: question ${typeof idGuess === "string" ? idGuess : `#${index + 1}`}`;
      const parsed = QuestionSchema.safeParse(item);
      if (!parsed.success) {
        for (const p of issuesOf(parsed.error)) problems.push(`${where}: ${p}`);
        return;
      }
      const d = parsed.data;
      const module = d.module ?? head.data.module;
      if (!modules.has(module)) problems.push(`${where}: module "${module}" is not in content/course.yaml`);
      const linkRaw = d.link ?? (d.faq && head.data.lesson === "faq" ? `#q${d.faq}` : undefined);
      if (!linkRaw) {
        problems.push(`${where}: link: required (the lesson section that teaches this, "#anchor" or "lesson-id#anchor")`);
        return;
      }
      const [lessonPart, anchor] = linkRaw.split("#");
      const common = {
        id: d.id,
        module,
        ...(d.faq ? { faq: d.faq } : {}),
        prompt: d.prompt,
        explanation: d.explanation,
        link: { lesson: lessonPart || head.data.lesson, anchor },
        file,
      };
      let q: Question;
      switch (d.type) {
        case "single":
        case "multiple": {
          const opts = Object.entries(d.options).map(([id, t]) => ({ id, text: t }));
          q = d.type === "single" ? { ...common, type: "single", options: opts, correct: d.correct } : { ...common, type: "multiple", options: opts, correct: d.correct };
          break;
        }
        case "truefalse":
          q = { ...common, type: "truefalse", answer: d.answer };
          break;
        case "text":
          q = { ...common, type: "text", accepted: d.accepted };
          break;
        case "numeric": {
          if (d.range && d.tolerance !== undefined) problems.push(`${where}: give either tolerance or range, not both`);
          const [min, max] = d.range ?? [d.answer - (d.tolerance ?? 0), d.answer + (d.tolerance ?? 0)];
          q = { ...common, type: "numeric", answer: d.answer, min, max, ...(d.unit ? { unit: d.unit } : {}) };
          break;
        }
      }
      for (const p of crossCheck(q)) problems.push(`${where}: ${p}`);
      const twin = byId.get(q.id);
      if (twin) problems.push(`${where}: id is already used in ${twin.file}`);
      byId.set(q.id, q);
      questions.push(q);
    });
  }
  if (problems.length) throw new BankError(problems);
  return { questions, byId };
}

let cached: { key: string; bank: Bank } | undefined;

/** The bank, re-read when a bank file changes (cheap: a stat per file), so editing content needs no restart. */
export function getBank(): Bank {
  const dir = join(contentDir(), "quizzes");
  const key = readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .map((f) => `${f}:${statSync(/*turbopackIgnore: true*/ join(dir, f)).mtimeMs}`)
    .join("|");
  if (!cached || cached.key !== key) cached = { key, bank: loadBank(dir) };
  return cached.bank;
}
