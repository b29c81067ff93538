// The content check, table-driven: a small valid course in a temp folder passes; each case breaks one
// thing and must be reported with a message that names it. Plus: the real course passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { checkContent } from "./check";
import { parseSeedFaq, readSeed, seedFile } from "./seed";

process.env.CONTENT_CACHE_DIR ??= mkdtempSync(join(tmpdir(), "content-cache-"));

const realContent = join(process.cwd(), "content");

const lesson = (title: string, body: string, fm: Record<string, unknown> = {}) =>
  `---\n${stringify({ title, summary: "S.", objectives: ["O."], minutes: 5, prerequisites: [], labs: ["lab-a"], quiz: "quiz-one", ...fm })}---\n\n${body}\n`;

const goodBody = (other: string) => `## Intro [#intro]

Text with a [link](/lessons/${other}#intro), a [FAQ link](/faq#q12) and a [same-page link](#check-your-understanding).

<Diagram name="pod-anatomy" />

<TryIt command="kubectl get pods -o wide" />

\`\`\`yaml
kind: Service
\`\`\`

## Check your understanding [#check-your-understanding]

<CheckQuestion question="Q?">A.</CheckQuestion>`;

function makeCourse(): { dir: string; labs: string } {
  const root = mkdtempSync(join(tmpdir(), "content-check-"));
  const dir = join(root, "content");
  const labs = join(root, "labs");
  mkdirSync(join(dir, "lessons"), { recursive: true });
  mkdirSync(join(dir, "faq"), { recursive: true });
  mkdirSync(join(dir, "seed"), { recursive: true });
  mkdirSync(labs);
  cpSync(seedFile(realContent), seedFile(dir));
  writeFileSync(
    join(dir, "course.yaml"),
    stringify({ title: "T", finalExam: "final", modules: [{ id: "m", title: "M", summary: "S", lessons: ["a", "b"], labs: ["lab-a"], quiz: "quiz-one" }] }),
  );
  writeFileSync(join(dir, "lessons", "a.mdx"), lesson("A", goodBody("b")));
  writeFileSync(join(dir, "lessons", "b.mdx"), lesson("B", goodBody("a")));
  const items = parseSeedFaq(readSeed(realContent)).map((r) => ({ id: `q${r.number}`, number: r.number, question: r.question, answer: r.answer, lesson: "a", anchor: "intro" }));
  writeFileSync(join(dir, "faq", "faq.yaml"), stringify({ items }));
  return { dir, labs };
}

const edit = (file: string, fn: (s: string) => string) => writeFileSync(file, fn(readFileSync(file, "utf8")));
const faqEdit = (dir: string, fn: (items: any[]) => any[]) => {
  const file = join(dir, "faq", "faq.yaml");
  writeFileSync(file, stringify({ items: fn(parse(readFileSync(file, "utf8")).items) }));
};

type Case = { name: string; breakIt: (c: { dir: string; labs: string }) => void; expect: RegExp };

const cases: Case[] = [
  { name: "missing front matter field", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace(/^minutes: 5\n/m, "")), expect: /a\.mdx.*front matter is invalid[\s\S]*minutes/ },
  { name: "broken lesson link", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("/lessons/b#intro", "/lessons/nope#intro")), expect: /no lesson "nope"/ },
  { name: "broken anchor in another lesson", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("/lessons/b#intro", "/lessons/b#outro")), expect: /lesson "b" has no section #outro/ },
  { name: "broken same-page anchor", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("(#check-your-understanding)", "(#nowhere)")), expect: /no section #nowhere in this lesson/ },
  { name: "broken FAQ link", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("/faq#q12", "/faq#q51")), expect: /FAQ has no #q51/ },
  { name: "unknown MDX component", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("<TryIt", "<Terminal")), expect: /unknown MDX component <Terminal>/ },
  { name: "unknown diagram", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("pod-anatomy", "pod-anatomyy")), expect: /unknown diagram "pod-anatomyy"/ },
  { name: "duplicate anchors", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("## Check your understanding [#check-your-understanding]", "## Again [#intro]\n\n## Check your understanding [#check-your-understanding]")), expect: /anchor #intro is used more than once/ },
  { name: "heading without anchor", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("## Intro [#intro]", "## Intro [#intro]\n\n## Loose heading")), expect: /heading "Loose heading" has no explicit anchor/ },
  { name: "FAQ with 49 questions", breakIt: ({ dir }) => faqEdit(dir, (items) => items.slice(0, 49)), expect: /has 49 questions; the FAQ must have exactly 50/ },
  { name: "FAQ question differs from the seed", breakIt: ({ dir }) => faqEdit(dir, (items) => items.map((i) => (i.number === 12 ? { ...i, question: "What is kube-proxy?" } : i))), expect: /q12 \(#12\): question differs from the seed's/ },
  { name: "FAQ links to a missing section", breakIt: ({ dir }) => faqEdit(dir, (items) => items.map((i) => (i.number === 3 ? { ...i, anchor: "gone" } : i))), expect: /q3 \(#3\): lesson "a" has no section #gone/ },
  { name: "lesson missing from disk", breakIt: ({ dir }) => rmSync(join(dir, "lessons", "b.mdx")), expect: /lesson "b" is in content\/course\.yaml but the file does not exist/ },
  { name: "lesson not in the outline", breakIt: ({ dir }) => writeFileSync(join(dir, "lessons", "c.mdx"), lesson("C", goodBody("a"))), expect: /lesson "c" is not in content\/course\.yaml/ },
  { name: "unknown quiz", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("quiz: quiz-one", "quiz: quiz-two")), expect: /quiz "quiz-two" is not a quiz/ },
  { name: "lab not in the outline", breakIt: ({ dir }) => edit(join(dir, "lessons", "b.mdx"), (s) => s.replace("labs:\n  - lab-a", "labs:\n  - lab-z")), expect: /lab "lab-z" is not in any module/ },
  {
    name: "outline lab linked from no lesson",
    breakIt: ({ dir }) => {
      edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("labs:\n  - lab-a", "labs: []"));
      edit(join(dir, "lessons", "b.mdx"), (s) => s.replace("labs:\n  - lab-a", "labs: []"));
    },
    expect: /lab "lab-a" is not listed in any lesson's front matter/,
  },
  {
    name: "section without a command to try",
    breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace("## Check your understanding [#check-your-understanding]", "## Idea [#idea]\n\nProse only.\n\n## Check your understanding [#check-your-understanding]")),
    expect: /section #idea has no <TryIt>/,
  },
  { name: "no diagram", breakIt: ({ dir }) => edit(join(dir, "lessons", "a.mdx"), (s) => s.replace('<Diagram name="pod-anatomy" />', "")), expect: /has no <Diagram>/ },
  {
    name: "missing lab, once labs exist",
    breakIt: ({ labs }) => {
      mkdirSync(join(labs, "lab-b"));
      writeFileSync(join(labs, "lab-b", "lab.yaml"), "id: lab-b\n");
    },
    expect: /lab "lab-a" does not exist/,
  },
];

test("a valid course passes the content check, and labs are not checked while none exist", async () => {
  const c = makeCourse();
  assert.deepEqual(await checkContent({ contentDir: c.dir, labsDir: c.labs }), []);
});

test("each kind of broken content is reported", async () => {
  const missed: string[] = [];
  for (const k of cases) {
    const c = makeCourse();
    k.breakIt(c);
    const problems = await checkContent({ contentDir: c.dir, labsDir: c.labs });
    const text = problems.map((p) => `${p.file}: ${p.message}`).join("\n");
    if (!k.expect.test(text)) missed.push(`${k.name}: expected ${k.expect}, got:\n${text || "(no problems)"}`);
  }
  assert.deepEqual(missed, []);
});

test("the course's own content passes the content check", async () => {
  const problems = await checkContent({ contentDir: realContent, labsDir: join(process.cwd(), "labs") });
  assert.deepEqual(problems, []);
});
