// Runs the Prisma CLI offline: the JS schema engine (prisma.config.ts) needs no native binaries, but some
// commands still try to download them unless these variables point at existing files
// (../shared/notes/environment.md). Used by scripts/build.ts, scripts/test.ts, scripts/db-diff.ts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export function prismaEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1", // no telemetry call home
    ...extra,
  };
}

export function runPrisma(args: string[], opts: { root?: string; env?: Record<string, string>; quiet?: boolean } = {}): { code: number; stdout: string; stderr: string } {
  const root = opts.root ?? process.cwd();
  const r = spawnSync(process.execPath, [join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    env: prismaEnv(opts.env),
    encoding: "utf8",
    stdio: opts.quiet ? "pipe" : ["ignore", "pipe", "pipe"],
  });
  if (!opts.quiet) {
    process.stdout.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
  }
  return { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** `prisma generate` for both providers: lib/generated/prisma (SQLite) and lib/generated/prisma-pg. */
export function generateClients(root: string = process.cwd()): void {
  for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
    // A file: URL keeps prisma.config.ts on the SQLite adapter; generate never connects.
    const r = runPrisma(["generate", "--schema", schema], { root, quiet: true, env: { DATABASE_URL: "file::memory:" } });
    if (r.code !== 0) throw new Error(`prisma generate --schema ${schema} failed:\n${r.stdout}${r.stderr}`);
  }
}
