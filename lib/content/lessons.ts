// Lessons: content/lessons/<id>.mdx, in the order content/course.yaml gives. Owns reading a lesson's
// front matter (cheap, for lists and the home page) and its compiled form (through the hash-keyed cache).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compileCached } from "./cache";
import type { CompiledLesson } from "./compile";
import { parseFrontmatter, type LessonFrontmatter } from "./frontmatter";
import type { LessonHeading } from "./mdx-plugins";
import { contentDir, lessonOrder, type LessonRef } from "./outline";

export type LessonMeta = {
  id: string;
  moduleId: string;
  moduleTitle: string;
  title: string;
  summary: string;
  minutes: number;
};

export type LessonNeighbour = { id: string; title: string };

export type Lesson = LessonMeta & {
  frontmatter: LessonFrontmatter;
  /** the compiled MDX module's code, evaluated by lib/content/render.tsx */
  code: string;
  headings: LessonHeading[];
  prev?: LessonNeighbour;
  next?: LessonNeighbour;
};

export const lessonFile = (id: string, dir = contentDir()): string => join(dir, "lessons", `${id}.mdx`);

const frontmatterBlock = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

export function readLessonSource(id: string, dir = contentDir()): string {
  return readFileSync(lessonFile(id, dir), "utf8");
}

/** Front matter only, without compiling the MDX. */
export function readFrontmatter(id: string, source: string): LessonFrontmatter {
  const m = source.match(frontmatterBlock);
  if (!m) throw new Error(`${lessonFile(id)}: no front matter block (--- ... ---) at the top`);
  return parseFrontmatter(lessonFile(id), parse(m[1]));
}

const findRef = (id: string): LessonRef | undefined => lessonOrder().find((l) => l.id === id);

const metaCache = new Map<string, { source: string; meta: LessonMeta }>();

/** Title, summary and minutes of a lesson in the outline; undefined for an unknown id. */
export function getLessonMeta(id: string): LessonMeta | undefined {
  const ref = findRef(id);
  if (!ref) return undefined;
  const source = readLessonSource(id);
  const cached = metaCache.get(id);
  if (cached && cached.source === source) return cached.meta;
  const fm = readFrontmatter(id, source);
  const meta = { id, moduleId: ref.moduleId, moduleTitle: ref.moduleTitle, title: fm.title, summary: fm.summary, minutes: fm.minutes };
  metaCache.set(id, { source, meta });
  return meta;
}

/** Every lesson of the course, in course order. */
export function listLessons(): LessonMeta[] {
  return lessonOrder().map((ref) => getLessonMeta(ref.id)!);
}

/** A lesson ready to render (compiled code, headings for the TOC, prev/next); undefined for an unknown id. */
export async function getLesson(id: string): Promise<Lesson | undefined> {
  const order = lessonOrder();
  const i = order.findIndex((l) => l.id === id);
  if (i < 0) return undefined;
  const source = readLessonSource(id);
  const compiled: CompiledLesson = await compileCached(lessonFile(id), source);
  warmTheRest();
  const neighbour = (ref?: LessonRef) => (ref ? { id: ref.id, title: getLessonMeta(ref.id)!.title } : undefined);
  const fm = compiled.frontmatter;
  return {
    id,
    moduleId: order[i].moduleId,
    moduleTitle: order[i].moduleTitle,
    title: fm.title,
    summary: fm.summary,
    minutes: fm.minutes,
    frontmatter: fm,
    code: compiled.code,
    headings: compiled.headings,
    prev: neighbour(order[i - 1]),
    next: neighbour(order[i + 1]),
  };
}

let warming: Promise<unknown> | undefined;

/**
 * After the first lesson a process serves, compile the others in the background (once per process), so a
 * server whose build did not warm the cache pays the compile once, not on each lesson's first visit.
 */
function warmTheRest(): void {
  warming ??= compileAllLessons().catch(() => undefined);
}

/** Compiles every lesson into the cache (build step and content check); returns each compile. */
export async function compileAllLessons(): Promise<Array<{ id: string; compiled: CompiledLesson }>> {
  const out = [];
  for (const ref of lessonOrder()) {
    out.push({ id: ref.id, compiled: await compileCached(lessonFile(ref.id), readLessonSource(ref.id)) });
  }
  return out;
}
