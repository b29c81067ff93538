// Lab instructions are Markdown (with the lessons' MDX components available). They are compiled
// with the same mdx-bundler pipeline and highlighter as lessons, once per text per process, so
// code blocks look and copy the same on lesson and lab pages.
import { createHash } from "node:crypto";
import { rehypeHighlight } from "../content/mdx-plugins";

const compiled = new Map<string, Promise<string>>();

export function compileInstructions(source: string): Promise<string> {
  const key = createHash("sha256").update(source).digest("hex");
  let code = compiled.get(key);
  if (!code) {
    code = (async () => {
      const { bundleMDX } = await import("mdx-bundler");
      const result = await bundleMDX({
        source,
        mdxOptions(options) {
          options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeHighlight];
          return options;
        },
      });
      return result.code;
    })();
    compiled.set(key, code);
    code.catch(() => compiled.delete(key));
  }
  return code;
}
