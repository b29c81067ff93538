// `npm run content:check`: validates lessons, links, anchors, components and the FAQ (lib/content/check.ts),
// warming the compiled-lesson cache as a side effect. Prints every problem and exits 1 if there are any.
import { join } from "node:path";
import { checkContent } from "../lib/content/check";

const root = new URL("..", import.meta.url).pathname;
const started = Date.now();
const problems = await checkContent({ contentDir: join(root, "content"), labsDir: join(root, "labs") });
for (const p of problems) console.error(`${p.file.replace(root, "")}: ${p.message}`);
const took = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.error(`\ncontent check: ${problems.length} problem${problems.length === 1 ? "" : "s"} (${took} s)`);
  process.exit(1);
}
console.log(`content check: ok (${took} s)`);
