// Every seed statement is taught: the checklist (seed-checklist.ts) lists every prose statement the seed
// makes, and each listed lesson section exists and contains the key terms that teach it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readLessonSource } from "./lessons";
import { lessonOrder } from "./outline";
import { SEED_CHECKLIST } from "./seed-checklist";
import { parseSeedStatements, readSeed } from "./seed";
import { sectionsOf } from "./sections";

test("the checklist covers exactly the seed's statements", () => {
  const fromSeed = parseSeedStatements(readSeed());
  const listed = SEED_CHECKLIST.map((s) => s.statement);
  const missing = fromSeed.filter((s) => !listed.includes(s));
  const extra = listed.filter((s) => !fromSeed.includes(s));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  assert.ok(fromSeed.length >= 25, `parsed only ${fromSeed.length} statements from the seed`);
});

test("every seed statement is taught in a lesson section that exists and names its key terms", () => {
  const lessons = new Set(lessonOrder().map((l) => l.id));
  const sections = new Map([...lessons].map((id) => [id, sectionsOf(readLessonSource(id))]));
  const failures: string[] = [];
  for (const { statement, taughtIn } of SEED_CHECKLIST) {
    if (taughtIn.length === 0) failures.push(`"${statement}": not taught anywhere`);
    for (const t of taughtIn) {
      const section = sections.get(t.lesson)?.get(t.anchor);
      if (!section) {
        failures.push(`"${statement.slice(0, 50)}…": no section ${t.lesson}#${t.anchor}`);
        continue;
      }
      const text = section.text.toLowerCase();
      for (const k of t.keywords) if (!text.includes(k.toLowerCase())) failures.push(`${t.lesson}#${t.anchor} does not mention "${k}" (for "${statement.slice(0, 50)}…")`);
    }
  }
  assert.deepEqual(failures, []);
});
