// `npm run content:check`: everything about the course content that can be wrong before a learner sees
// it. Returns problems (file + message) rather than throwing, so one run reports all of them:
// - every lesson in content/course.yaml exists, compiles, and has complete front matter;
// - h2/h3 headings carry explicit [#anchors], unique per page; each lesson has a diagram, a TryIt in every
//   h2 section and a "check your understanding";
// - only known MDX components and diagrams; internal links and #anchors resolve (lessons, FAQ, quizzes,
//   and labs once labs/ holds lab.yaml files);
// - the FAQ has exactly 50 entries whose questions and answers match the seed's table verbatim, each
//   linking to an existing lesson section.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compileCached } from "./cache";
import type { CompiledLesson } from "./compile";
import { faqFile, loadFaq, type FaqItem } from "./faq";
import { lessonFile, readLessonSource } from "./lessons";
import { DIAGRAM_NAMES, isDiagramName, isMdxComponentName } from "./mdx-components";
import { loadCourse, type Course } from "./outline";
import { parseSeedFaq, readSeed, seedFile } from "./seed";
import { sectionsOf } from "./sections";

export type Problem = { file: string; message: string };

export type CheckOptions = { contentDir: string; labsDir: string };

/** Ids the lesson page itself renders; a heading may not reuse them. */
const PAGE_IDS = ["main", "lesson-title", "objectives-title", "practice-title"];
const FAQ_COUNT = 50;
const faqIds = (): string[] => Array.from({ length: FAQ_COUNT }, (_, i) => `q${i + 1}`);

/** Lab ids that have a labs/<id>/lab.yaml; undefined while labs/ holds none (lab references are not checked yet). */
export function existingLabs(labsDir: string): Set<string> | undefined {
  if (!existsSync(labsDir)) return undefined;
  const ids = readdirSync(labsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(labsDir, d.name, "lab.yaml")))
    .map((d) => d.name);
  return ids.length ? new Set(ids) : undefined;
}

export async function checkContent({ contentDir, labsDir }: CheckOptions): Promise<Problem[]> {
  const problems: Problem[] = [];
  const courseFile = join(contentDir, "course.yaml");
  let course: Course;
  try {
    course = loadCourse(contentDir);
  } catch (err) {
    return [{ file: courseFile, message: (err as Error).message }];
  }
  const labs = existingLabs(labsDir);
  const quizIds = new Set([...course.modules.map((m) => m.quiz), course.finalExam]);
  const lessonIds = course.modules.flatMap((m) => m.lessons);
  const courseLabs = new Set(course.modules.flatMap((m) => m.labs));

  const seen = new Set<string>();
  for (const id of lessonIds) {
    if (seen.has(id)) problems.push({ file: courseFile, message: `lesson "${id}" is listed twice` });
    seen.add(id);
  }
  const lessonsDir = join(contentDir, "lessons");
  if (existsSync(lessonsDir)) {
    for (const f of readdirSync(lessonsDir).filter((f) => f.endsWith(".mdx"))) {
      const id = f.slice(0, -4);
      if (!seen.has(id)) problems.push({ file: join(lessonsDir, f), message: `lesson "${id}" is not in content/course.yaml, so no page links to it` });
    }
  }

  // compile every lesson; anchors are needed before links can be checked
  const compiled = new Map<string, CompiledLesson>();
  for (const id of seen) {
    const file = lessonFile(id, contentDir);
    if (!existsSync(file)) {
      problems.push({ file, message: `lesson "${id}" is in content/course.yaml but the file does not exist` });
      continue;
    }
    try {
      compiled.set(id, await compileCached(file, readLessonSource(id, contentDir)));
    } catch (err) {
      problems.push({ file, message: (err as Error).message });
    }
  }

  const anchorsOf = (lessonId: string): Set<string> | undefined => {
    const c = compiled.get(lessonId);
    if (!c) return undefined;
    const ids = new Set(c.headings.map((h) => h.id));
    if (c.components.includes("FaqList")) for (const q of faqIds()) ids.add(q);
    return ids;
  };

  const checkLink = (from: string, link: string, currentLesson?: string): string | undefined => {
    if (/^(https?:|mailto:)/.test(link)) return undefined;
    const [path, anchor] = link.split("#", 2) as [string, string | undefined];
    if (path === "") {
      if (!currentLesson) return `link "${link}" has no page to point into`;
      return anchor && anchorsOf(currentLesson)?.has(anchor) ? undefined : `link "${link}": no section #${anchor} in this lesson`;
    }
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/lessons\/([^/]+)$/))) {
      if (!seen.has(m[1])) return `link "${link}": no lesson "${m[1]}"`;
      const anchors = anchorsOf(m[1]);
      if (anchor && anchors && !anchors.has(anchor)) return `link "${link}": lesson "${m[1]}" has no section #${anchor}`;
      return undefined;
    }
    if (path === "/faq") return !anchor || faqIds().includes(anchor) ? undefined : `link "${link}": the FAQ has no #${anchor} (q1..q${FAQ_COUNT})`;
    if ((m = path.match(/^\/quizzes\/([^/]+)$/))) return quizIds.has(m[1]) ? undefined : `link "${link}": no quiz "${m[1]}" in content/course.yaml`;
    if ((m = path.match(/^\/labs\/([^/]+)$/))) return !labs || labs.has(m[1]) ? undefined : `link "${link}": no lab "${m[1]}" (labs/${m[1]}/lab.yaml)`;
    if (path === "/" || path === "/quizzes") return undefined;
    return `link "${link}" points to an unknown page (use /lessons/<id>#<anchor>, /faq#q<n>, /labs/<id> or /quizzes/<id>)`;
  };

  for (const [id, c] of compiled) {
    const file = lessonFile(id, contentDir);
    const report = (message: string) => problems.push({ file, message });
    for (const h of c.missingAnchors) report(`heading "${h}" has no explicit anchor: write it as "## ${h} [#some-id]"`);
    const ids = [...c.headings.map((h) => h.id), ...(c.components.includes("FaqList") ? faqIds() : [])];
    const dup = ids.filter((a, i) => ids.indexOf(a) !== i);
    for (const a of new Set(dup)) report(`anchor #${a} is used more than once`);
    for (const a of ids.filter((a) => PAGE_IDS.includes(a))) report(`anchor #${a} is reserved by the lesson page`);
    for (const name of c.components) if (!isMdxComponentName(name)) report(`unknown MDX component <${name}>`);
    for (const d of c.diagrams) if (!isDiagramName(d)) report(`unknown diagram "${d}" (known: ${DIAGRAM_NAMES.join(", ")})`);
    if (c.diagrams.length === 0) report("has no <Diagram>: every lesson needs at least one");
    if (!c.components.includes("TryIt")) report("has no <TryIt> command");
    // "a command to try after each idea": every h2 section teaches one idea and ends with something to run
    for (const sec of sectionsOf(readLessonSource(id, contentDir)).values()) {
      if (sec.depth !== 2 || sec.id === "check-your-understanding" || sec.text.includes("<FaqList")) continue;
      if (!sec.text.includes("<TryIt")) report(`section #${sec.id} has no <TryIt> command to try`);
    }
    if (!c.headings.some((h) => h.id === "check-your-understanding") || !c.components.includes("CheckQuestion")) {
      report('needs a "## Check your understanding [#check-your-understanding]" section with <CheckQuestion>s');
    }
    for (const link of c.links) {
      const bad = checkLink(file, link, id);
      if (bad) report(bad);
    }
    const fm = c.frontmatter;
    for (const p of fm.prerequisites) if (!seen.has(p)) report(`prerequisite "${p}" is not a lesson`);
    if (!quizIds.has(fm.quiz)) report(`quiz "${fm.quiz}" is not a quiz in content/course.yaml (${[...quizIds].join(", ")})`);
    if (labs) for (const lab of fm.labs) if (!labs.has(lab)) report(`lab "${lab}" does not exist (no labs/${lab}/lab.yaml)`);
    for (const lab of fm.labs) if (!courseLabs.has(lab)) report(`lab "${lab}" is not in any module of content/course.yaml`);
  }
  const linkedLabs = new Set([...compiled.values()].flatMap((c) => c.frontmatter.labs));
  for (const lab of courseLabs) if (compiled.size === seen.size && !linkedLabs.has(lab)) problems.push({ file: courseFile, message: `lab "${lab}" is not listed in any lesson's front matter (labs:)` });

  problems.push(...checkFaq(contentDir, seen, anchorsOf));
  return problems;
}

function checkFaq(contentDir: string, lessons: Set<string>, anchorsOf: (id: string) => Set<string> | undefined): Problem[] {
  const file = faqFile(contentDir);
  const problems: Problem[] = [];
  let items: FaqItem[];
  try {
    items = loadFaq(contentDir);
  } catch (err) {
    return [{ file, message: (err as Error).message }];
  }
  if (items.length !== FAQ_COUNT) problems.push({ file, message: `has ${items.length} questions; the FAQ must have exactly ${FAQ_COUNT}` });
  const seed = new Map(parseSeedFaq(readSeed(contentDir)).map((r) => [r.number, r]));
  if (seed.size !== FAQ_COUNT) problems.push({ file: seedFile(contentDir), message: `the seed's FAQ table has ${seed.size} rows, expected ${FAQ_COUNT}` });
  const numbers = new Set<number>();
  for (const item of items) {
    const where = `${item.id} (#${item.number})`;
    if (numbers.has(item.number)) problems.push({ file, message: `${where}: number ${item.number} appears twice` });
    numbers.add(item.number);
    const row = seed.get(item.number);
    if (!row) problems.push({ file, message: `${where}: the seed has no question ${item.number}` });
    else {
      if (item.question !== row.question) problems.push({ file, message: `${where}: question differs from the seed's: expected "${row.question}", found "${item.question}"` });
      if (item.answer !== row.answer) problems.push({ file, message: `${where}: answer differs from the seed's: expected "${row.answer}", found "${item.answer}"` });
    }
    if (!lessons.has(item.lesson)) problems.push({ file, message: `${where}: lesson "${item.lesson}" does not exist` });
    else {
      const anchors = anchorsOf(item.lesson);
      if (anchors && !anchors.has(item.anchor)) problems.push({ file, message: `${where}: lesson "${item.lesson}" has no section #${item.anchor}` });
    }
  }
  return problems;
}
