// A lesson's front matter (the YAML block at the top of content/lessons/<id>.mdx): what every
// lesson must declare, validated in one place for the renderer and for `npm run content:check`.
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");

export const LessonFrontmatterSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  objectives: z.array(z.string().min(1)).min(1),
  minutes: z.number().int().positive(),
  /** lesson ids the learner should read first ([] for none) */
  prerequisites: z.array(slug),
  /** lab ids (labs/<id>/lab.yaml) practising this lesson */
  labs: z.array(slug),
  /** quiz id (content/quizzes/) */
  quiz: slug,
});

export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

/** Parses front matter, or throws an error naming the file and every missing or wrong field. */
export function parseFrontmatter(file: string, data: unknown): LessonFrontmatter {
  const parsed = LessonFrontmatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new Error(`${file}: front matter is invalid:\n${issues}`);
  }
  return parsed.data;
}
