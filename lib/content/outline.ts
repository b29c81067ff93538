// The course outline (content/course.yaml): modules in order with their lessons, labs and quiz.
// Read once per process; every page that lists the course (home, lesson navigation, progress)
// goes through here so the order is decided in one place.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");

const ModuleSchema = z.object({
  id: slug,
  title: z.string().min(1),
  summary: z.string().min(1),
  lessons: z.array(slug),
  labs: z.array(slug),
  quiz: slug,
});

const CourseSchema = z.object({
  title: z.string().min(1),
  modules: z.array(ModuleSchema).min(1),
  finalExam: slug,
});

export type CourseModule = z.infer<typeof ModuleSchema>;
export type Course = z.infer<typeof CourseSchema>;

export const contentDir = (): string => join(process.cwd(), "content");

let cached: Course | undefined;

export function loadCourse(dir = contentDir()): Course {
  const file = join(dir, "course.yaml");
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file} could not be read as YAML: ${(e as Error).message}`);
  }
  const parsed = CourseSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid course outline:\n${issues}`);
  }
  return parsed.data;
}

export function getCourse(): Course {
  cached ??= loadCourse();
  return cached;
}

/** The module a lesson, lab or quiz belongs to. */
export function moduleOf(kind: "lessons" | "labs", id: string): CourseModule | undefined {
  return getCourse().modules.find((m) => m[kind].includes(id));
}

export type LessonRef = { id: string; moduleId: string; moduleTitle: string };

/** Every lesson in course order (module order, then the module's lesson order). */
export function lessonOrder(course: Course = getCourse()): LessonRef[] {
  return course.modules.flatMap((m) => m.lessons.map((id) => ({ id, moduleId: m.id, moduleTitle: m.title })));
}
