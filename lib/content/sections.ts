// Splits a lesson's MDX source into its headed sections (by the explicit [#anchor] on each h2/h3),
// without compiling it. Used by the seed-coverage checklist to confirm what each section teaches.
import { splitHeading } from "./mdx-plugins";

export type Section = { id: string; depth: number; title: string; text: string };

/** Each anchored section's text runs to the next heading of the same or a higher level (an h2 includes its h3s). */
export function sectionsOf(source: string): Map<string, Section> {
  const lines = source.split(/\r?\n/);
  const heads: Array<{ line: number; depth: number; id?: string; title: string }> = [];
  let inFence = false;
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const m = !inFence && line.match(/^(#{1,6})\s+(.*)$/);
    if (m) heads.push({ line: i, depth: m[1].length, ...splitHeading(m[2]), title: splitHeading(m[2]).text });
  });
  const out = new Map<string, Section>();
  heads.forEach((h, k) => {
    if (!h.id) return;
    const end = heads.slice(k + 1).find((n) => n.depth <= h.depth)?.line ?? lines.length;
    out.set(h.id, { id: h.id, depth: h.depth, title: h.title, text: lines.slice(h.line, end).join("\n") });
  });
  return out;
}
