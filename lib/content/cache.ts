// The compiled-lesson cache, keyed by a hash of (compiler version, MDX source). Requests never compile:
// they read memory, then disk (.next/cache/content, or CONTENT_CACHE_DIR), and compile only a source
// that has never been compiled (the build and `npm run content:check` warm the disk cache first).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CompiledLesson } from "./compile";

/** Bump when the compile pipeline's output changes shape, so cached compiles are not reused. */
export const COMPILER_VERSION = "lesson-compiler-3";

const memory = new Map<string, CompiledLesson>();
const inflight = new Map<string, Promise<CompiledLesson>>();

export const cacheDir = (): string => process.env.CONTENT_CACHE_DIR ?? join(process.cwd(), ".next", "cache", "content");

export const sourceHash = (source: string): string =>
  createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");

export async function compileCached(file: string, source: string): Promise<CompiledLesson> {
  const key = sourceHash(source);
  const hit = memory.get(key);
  if (hit) return hit;
  const pending = inflight.get(key);
  if (pending) return pending;
  const job = (async () => {
    const path = join(cacheDir(), `${key}.json`);
    let compiled: CompiledLesson | undefined;
    try {
      compiled = JSON.parse(readFileSync(path, "utf8")) as CompiledLesson;
    } catch {
      // loaded only on a miss: pages that list lessons never pull in esbuild, remark or shiki
      const { compileLesson } = await import("./compile");
      compiled = await compileLesson(file, source);
      try {
        mkdirSync(cacheDir(), { recursive: true });
        // write then rename: a concurrent reader never sees half a file
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(compiled));
        renameSync(tmp, path);
      } catch {
        // a read-only cache folder only costs a recompile in the next process
      }
    }
    memory.set(key, compiled);
    return compiled;
  })();
  inflight.set(key, job);
  try {
    return await job;
  } finally {
    inflight.delete(key);
  }
}
