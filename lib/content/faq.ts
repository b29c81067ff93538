// The 50-question FAQ (content/faq/faq.yaml): its schema and its one reader. The quiz bank reads the
// same file; the shape is documented at the top of faq.yaml and must stay stable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { contentDir } from "./outline";

export const FaqItemSchema = z.object({
  id: z.string().regex(/^q([1-9]|[1-4][0-9]|50)$/, "must be q1..q50"),
  number: z.number().int().min(1).max(50),
  question: z.string().min(1),
  answer: z.string().min(1),
  note: z.string().min(1).optional(),
  lesson: z.string().min(1),
  anchor: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});

const FaqFileSchema = z.object({ items: z.array(FaqItemSchema) });

export type FaqItem = z.infer<typeof FaqItemSchema>;

export const faqFile = (dir = contentDir()): string => join(dir, "faq", "faq.yaml");

/** Reads and validates the FAQ file; throws naming the file and each problem. */
export function loadFaq(dir = contentDir()): FaqItem[] {
  const file = faqFile(dir);
  const parsed = FaqFileSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid FAQ:\n${issues}`);
  }
  for (const item of parsed.data.items) {
    if (item.id !== `q${item.number}`) throw new Error(`${file}: item ${item.id} has number ${item.number}; id must be q<number>`);
  }
  return [...parsed.data.items].sort((a, b) => a.number - b.number);
}

let cached: { text: string; items: FaqItem[] } | undefined;

/** The FAQ in question order (re-read when the file changes). */
export function getFaq(): FaqItem[] {
  const text = readFileSync(faqFile(), "utf8");
  if (cached?.text !== text) cached = { text, items: loadFaq() };
  return cached.items;
}
