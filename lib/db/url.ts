// Owns the one decision "which database does DATABASE_URL name": the default, which provider, and where a
// SQLite file lives. prisma.config.ts (the CLI), lib/db/client.ts (the app) and lib/db/migrate.ts all read it here.
import { isAbsolute, resolve } from "node:path";

/** The embedded default: a SQLite file under data/ in the project folder. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The absolute path of the SQLite file a `file:` URL names. Relative paths are relative to the project
 * folder (the process's working directory: npm scripts and the server always run from there), not to
 * prisma/ as Prisma's classic engine resolved them. Query strings (`?mode=...`) are ignored.
 */
export function sqlitePath(url: string, base: string = process.cwd()): string {
  if (isPostgresUrl(url)) throw new Error(`${redactUrl(url)} is a PostgreSQL URL, not a SQLite file`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith("file:")) {
    throw new Error(`DATABASE_URL "${redactUrl(url)}" is not supported: use file:./data/app.db (SQLite) or postgres://user:password@host:5432/db`);
  }
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  if (raw === "") throw new Error(`DATABASE_URL "${url}" names no file; use e.g. ${DEFAULT_DATABASE_URL}`);
  return isAbsolute(raw) ? raw : resolve(base, raw);
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, "$1:***@");
}
