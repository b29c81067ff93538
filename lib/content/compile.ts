// Compiles one lesson's MDX source with mdx-bundler (esbuild + remark/rehype + shiki) into the code
// string the lesson page evaluates, plus what the page and the content check need to know about it.
// Expensive (hundreds of ms): only cache.ts calls it, and only when the source's hash is new.
import { parseFrontmatter, type LessonFrontmatter } from "./frontmatter";
import { newCollected, rehypeHighlight, remarkCollect, remarkHeadingIds, type LessonHeading } from "./mdx-plugins";

export type CompiledLesson = {
  code: string;
  frontmatter: LessonFrontmatter;
  headings: LessonHeading[];
  /** h2/h3 headings without an explicit [#anchor] */
  missingAnchors: string[];
  /** JSX component names used in the source */
  components: string[];
  /** the names of the diagrams used */
  diagrams: string[];
  /** every link target (Markdown links and href attributes) */
  links: string[];
};

export async function compileLesson(file: string, source: string): Promise<CompiledLesson> {
  const { bundleMDX } = await import("mdx-bundler");
  const collected = newCollected();
  let result;
  try {
    result = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkHeadingIds(collected), remarkCollect(collected)];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeHighlight];
        return options;
      },
    });
  } catch (err) {
    // esbuild wraps MDX errors; keep the first line that names the problem and the file
    const e = err as { errors?: Array<{ text: string; location?: { line: number } }>; message?: string };
    const first = e.errors?.[0];
    const detail = first ? `${first.text}${first.location ? ` (line ${first.location.line})` : ""}` : String(e.message ?? err);
    throw new Error(`${file}: MDX does not compile: ${detail}`);
  }
  return {
    code: result.code,
    frontmatter: parseFrontmatter(file, result.frontmatter),
    headings: collected.headings,
    missingAnchors: collected.missingAnchors,
    components: [...collected.components].sort(),
    diagrams: collected.diagrams,
    links: collected.links,
  };
}
