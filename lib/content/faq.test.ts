// The FAQ checklist: all 50 seed questions appear verbatim (with the seed's answers), numbered and
// identified as the quiz bank expects, each linked to a lesson section that exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getFaq } from "./faq";
import { readLessonSource } from "./lessons";
import { lessonOrder } from "./outline";
import { parseSeedFaq, readSeed } from "./seed";
import { sectionsOf } from "./sections";

test("every seed FAQ question appears verbatim in the FAQ, with the seed's answer", () => {
  const seed = parseSeedFaq(readSeed());
  assert.equal(seed.length, 50, "the seed's table should have 50 rows");
  const faq = getFaq();
  const disagreements: string[] = [];
  for (const row of seed) {
    const item = faq.find((i) => i.number === row.number);
    if (!item) disagreements.push(`#${row.number}: missing`);
    else {
      if (item.question !== row.question) disagreements.push(`#${row.number}: question "${item.question}" ≠ seed "${row.question}"`);
      if (item.answer !== row.answer) disagreements.push(`#${row.number}: answer "${item.answer}" ≠ seed "${row.answer}"`);
      if (item.id !== `q${row.number}`) disagreements.push(`#${row.number}: id ${item.id}, expected q${row.number}`);
    }
  }
  assert.deepEqual(disagreements, []);
  assert.equal(faq.length, 50);
});

test("every FAQ answer links to a lesson section that exists", () => {
  const lessons = new Set(lessonOrder().map((l) => l.id));
  const broken = getFaq()
    .filter((i) => !lessons.has(i.lesson) || !sectionsOf(readLessonSource(i.lesson)).has(i.anchor))
    .map((i) => `${i.id} → ${i.lesson}#${i.anchor}`);
  assert.deepEqual(broken, []);
});

test("the questions the course brief calls imprecise carry an expert note", () => {
  const needNotes = [12, 20, 29, 38, 49, 32, 41, 47];
  const faq = getFaq();
  const without = needNotes.filter((n) => !faq.find((i) => i.number === n)?.note);
  assert.deepEqual(without, []);
});
