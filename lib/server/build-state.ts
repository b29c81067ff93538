// Whether the production build (.next/) is missing or older than the sources it was built from, so
// `npm start` can build first on a fresh clone or after a `git pull`. Compares the newest modification time
// under the inputs with .next/BUILD_ID (written last by `next build`).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const INPUT_DIRS = ["app", "lib", "content", "labs", "public", "prisma"];
const INPUT_FILES = ["next.config.js", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.js"];
const SKIP = new Set(["node_modules", "generated", ".next", "data"]);

function newestUnder(path: string): number {
  let newest = 0;
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  newest = st.mtimeMs; // a deleted file shows as a newer folder
  for (const name of readdirSync(path)) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    if (name.endsWith(".test.ts")) continue; // tests are not part of the build
    newest = Math.max(newest, newestUnder(join(path, name)));
  }
  return newest;
}

export type BuildState = { state: "missing" } | { state: "stale"; newerThanBuild: number } | { state: "fresh" };

export function buildState(root: string): BuildState {
  const stamp = join(root, ".next", "BUILD_ID");
  if (!existsSync(stamp)) return { state: "missing" };
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(...INPUT_DIRS.map((d) => newestUnder(join(root, d))), ...INPUT_FILES.map((f) => newestUnder(join(root, f))));
  return newest > built ? { state: "stale", newerThanBuild: newest } : { state: "fresh" };
}
