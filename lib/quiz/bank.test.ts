// The question bank as shipped: all 50 FAQ items covered, ids unique, every single choice with exactly one
// correct option, distinct distractors, enough questions per module, every lesson link pointing at a real
// heading (once the lesson exists), and load errors that name the file and the question.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getFaq } from "../content/faq";
import { lessonFile, readLessonSource } from "../content/lessons";
import { getCourse } from "../content/outline";
import { BankError, loadBank } from "./bank";
import { normalizeText } from "./normalize";
import { drawQuestions, listQuizzes } from "./quizzes";
import { seededRandom } from "./random";

const bank = loadBank();

test("bank: every one of the 50 FAQ items has at least one question", () => {
  const covered = new Set(bank.questions.map((q) => q.faq).filter((n) => n !== undefined));
  const missing = Array.from({ length: 50 }, (_, i) => i + 1).filter((n) => !covered.has(n));
  assert.deepEqual(missing, [], `FAQ items without a question: ${missing.join(", ")}`);
});

test("bank: ids are unique, single choices have one correct option, distractors are distinct", () => {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const q of bank.questions) {
    if (ids.has(q.id)) problems.push(`${q.id}: duplicate id`);
    ids.add(q.id);
    if (q.type === "single") {
      const correct = q.options.filter((o) => o.id === q.correct);
      if (correct.length !== 1) problems.push(`${q.id}: ${correct.length} correct options`);
    }
    if (q.type === "single" || q.type === "multiple") {
      const texts = q.options.map((o) => normalizeText(o.text));
      if (new Set(texts).size !== texts.length) problems.push(`${q.id}: two options read the same`);
      if (q.options.length < 3) problems.push(`${q.id}: fewer than 3 options`);
      const correct = new Set(q.type === "single" ? [q.correct] : q.correct);
      if (q.options.filter((o) => !correct.has(o.id)).length === 0) problems.push(`${q.id}: no distractor`);
    }
    if (q.explanation.length < 60) problems.push(`${q.id}: explanation too short to teach anything`);
  }
  assert.deepEqual(problems, []);
});

test("bank: every type is used, and each lesson module has 12-20 questions of its own", () => {
  const types = new Set(bank.questions.map((q) => q.type));
  assert.deepEqual([...types].sort(), ["multiple", "numeric", "single", "text", "truefalse"]);
  const wrong: string[] = [];
  for (const m of getCourse().modules.filter((m) => m.id !== "faq")) {
    const n = bank.questions.filter((q) => q.module === m.id && q.faq === undefined).length;
    if (n < 12 || n > 20) wrong.push(`${m.id}: ${n}`);
  }
  assert.deepEqual(wrong, []);
});

test("bank: the NodePort range bounds are asked as numbers", () => {
  const numeric = bank.questions.filter((q) => q.type === "numeric").map((q) => (q.type === "numeric" ? q.answer : NaN));
  assert.ok(numeric.includes(30000) && numeric.includes(32767), `numeric answers: ${numeric.join(", ")}`);
});

test("bank: every lesson link names a lesson of the course and a real heading (or FAQ entry)", async () => {
  const lessons = new Set(getCourse().modules.flatMap((m) => m.lessons));
  const faqIds = new Set(getFaq().map((f) => f.id));
  // The headings the lesson page renders (getLesson(id).headings come from the same compile); compiled
  // directly so a lesson's missing neighbour, still being written, does not fail this check.
  const { compileCached } = await import("../content/cache");
  const headings = new Map<string, Set<string> | null>();
  const problems: string[] = [];
  for (const q of bank.questions) {
    const { lesson, anchor } = q.link;
    if (!lessons.has(lesson)) {
      problems.push(`${q.file}: ${q.id}: lesson "${lesson}" is not in content/course.yaml`);
      continue;
    }
    if (lesson === "faq") {
      if (!faqIds.has(anchor)) problems.push(`${q.id}: /faq#${anchor} is not a FAQ entry`);
      if (q.faq !== undefined && anchor !== `q${q.faq}`) problems.push(`${q.id}: covers FAQ ${q.faq} but links #${anchor}`);
      continue;
    }
    if (!headings.has(lesson)) {
      // A lesson another helper has not written yet is checked once its file exists.
      headings.set(lesson, existsSync(lessonFile(lesson)) ? new Set((await compileCached(lessonFile(lesson), readLessonSource(lesson))).headings.map((h) => h.id)) : null);
    }
    const ids = headings.get(lesson);
    if (ids && !ids.has(anchor)) problems.push(`${q.file}: ${q.id}: /lessons/${lesson}#${anchor} is not a heading (${[...ids].join(", ")})`);
  }
  assert.deepEqual(problems, []);
});

test("quizzes: one practice quiz per module under its course.yaml id, the drill and the exam", () => {
  const course = getCourse();
  const ids = listQuizzes(bank).map((q) => q.id);
  assert.deepEqual(ids, [...course.modules.map((m) => m.quiz), course.finalExam]);
  for (const quiz of listQuizzes(bank)) assert.ok(quiz.questionCount > 0, `${quiz.id} has no questions`);
  const drill = listQuizzes(bank).find((q) => q.kind === "drill")!;
  assert.ok(drill.questionCount >= 50);
});

test("quizzes: the drill puts last-wrong questions first, then unseen, then last-right", () => {
  const drill = listQuizzes(bank).find((q) => q.kind === "drill")!;
  const last = new Map([
    ["faq-pod-ip-lifetime", false],
    ["faq-cni-acronym", true],
    ["faq-kube-proxy-role", false],
  ]);
  const order = drawQuestions(drill, seededRandom(1), last, bank);
  assert.deepEqual(order.slice(0, 2), ["faq-kube-proxy-role", "faq-pod-ip-lifetime"]);
  assert.equal(order.at(-1), "faq-cni-acronym");
  assert.equal(new Set(order).size, order.length);
});

test("quizzes: the exam draws the same number from every module, different per attempt", () => {
  const exam = listQuizzes(bank).find((q) => q.kind === "exam")!;
  const a = drawQuestions(exam, seededRandom(1), new Map(), bank);
  const b = drawQuestions(exam, seededRandom(2), new Map(), bank);
  assert.equal(a.length, exam.questionCount);
  assert.notDeepEqual(a, b);
  for (const m of getCourse().modules) {
    const n = a.filter((id) => bank.byId.get(id)!.module === m.id).length;
    assert.equal(n, 5, `${m.id}: ${n} questions`);
  }
});

test("loadBank: reports every problem with its file and question id", () => {
  const dir = mkdtempSync(join(tmpdir(), "quiz-bank-"));
  try {
    writeFileSync(
      join(dir, "broken.yaml"),
      `module: services
lesson: services
questions:
  - id: two-right
    type: single
    prompt: P
    options: { a: One, b: Two, c: Three }
    correct: z
    explanation: E
    link: "#x"
  - id: twins
    type: multiple
    prompt: P
    options: { a: Cluster IP, b: cluster-ip, c: NodePort }
    correct: [a]
    explanation: E
    link: "#x"
  - id: no-link
    type: truefalse
    prompt: P
    answer: true
    explanation: E
  - id: Bad_Id
    type: text
    prompt: P
    accepted: []
    explanation: E
    link: "#x"
  - id: twins
    type: numeric
    prompt: P
    answer: 5
    range: [6, 7]
    explanation: E
    link: "#x"
`,
    );
    writeFileSync(join(dir, "other.yaml"), "module: nowhere\nlesson: x\nquestions: []\n");
    assert.throws(
      () => loadBank(dir),
      (e: unknown) => {
        assert.ok(e instanceof BankError);
        const text = e.problems.join("\n");
        for (const want of [
          /broken\.yaml: question two-right: correct: "z" is not one of the options/,
          /broken\.yaml: question twins: options\.b: reads the same as option a/,
          /broken\.yaml: question no-link: link: required/,
          /broken\.yaml: question Bad_Id: id: must be lowercase words/,
          /broken\.yaml: question Bad_Id: accepted: /,
          /broken\.yaml: question twins: range: the answer 5 lies outside \[6, 7\]/,
          /broken\.yaml: question twins: id is already used in .*broken\.yaml/,
          /other\.yaml: questions: /,
        ])
          assert.match(text, want);
        return true;
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
