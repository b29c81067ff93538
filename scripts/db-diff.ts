// `npm run db:diff -- <name>`: after editing prisma/schema.prisma, writes the next migration for both
// providers (prisma/migrations/NNNN_<name>/ and prisma/postgresql/migrations/NNNN_<name>/), re-derives
// prisma/postgresql/schema.prisma, updates prisma/snapshot/schema.prisma and regenerates the clients.
// `npm run db:diff -- --check` only says whether the schema has changes no migration covers (exit 2).
//
// Diffs are computed schema-to-schema (snapshot → schema) with `prisma migrate diff`, the route that works
// offline with the JS schema engine (--from-migrations and shadow databases do not). The PostgreSQL half
// needs a reachable PostgreSQL to initialise the engine (nothing is written to it): PG_DIFF_URL.
// Nothing is written unless both halves were computed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateClients, runPrisma } from "../lib/db/prisma-cli";
import { derivePostgresSchema, readSchema, schemaPaths, SNAPSHOT_HEADER } from "../lib/db/schema-sync";

const root = new URL("..", import.meta.url).pathname;
const paths = schemaPaths(root);

function fail(msg: string): never {
  console.error(msg);
  process.exit(1);
}

function diff(from: string | null, to: string, databaseUrl: string): string {
  const args = ["migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"];
  const r = runPrisma(args, { root, quiet: true, env: { DATABASE_URL: databaseUrl } });
  if (r.code !== 0) fail(`prisma migrate diff failed (${to}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const isEmpty = (sql: string) => sql.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("--"));

const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));

const current = readSchema(paths.sqlite);
const snapshot = existsSync(paths.snapshot) ? paths.snapshot : null;
const sqliteSql = diff(snapshot, paths.sqlite, "file::memory:");

if (check) {
  const derived = derivePostgresSchema(current);
  const pgStale = !existsSync(paths.postgres) || readSchema(paths.postgres) !== derived;
  if (isEmpty(sqliteSql) && !pgStale) {
    console.log("prisma/schema.prisma is covered by the committed migrations.");
    process.exit(0);
  }
  console.error(
    (isEmpty(sqliteSql) ? "" : `prisma/schema.prisma has changes no migration covers:\n${sqliteSql}\n`) +
      (pgStale ? "prisma/postgresql/schema.prisma is out of date.\n" : "") +
      "Run: npm run db:diff -- <migration_name>",
  );
  process.exit(2);
}

if (isEmpty(sqliteSql)) {
  console.log("No schema changes since the last migration: nothing to write.");
  process.exit(0);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) fail("Name the migration: npm run db:diff -- add_lab_notes   (lowercase letters, digits and _)");
const pgUrl = process.env.PG_DIFF_URL?.trim();
if (!pgUrl) {
  fail(
    "The PostgreSQL half of the migration needs a reachable PostgreSQL server (any database; nothing is written to it).\n" +
      "Set PG_DIFF_URL, e.g.: PG_DIFF_URL=postgres://postgres@127.0.0.1:5432/postgres npm run db:diff -- " + name,
  );
}

// Compute the PostgreSQL half from the derived schemas, in a temp folder.
const tmp = mkdtempSync(join(tmpdir(), "kna-db-diff-"));
let pgSql: string;
try {
  const fromPg = join(tmp, "from.prisma");
  const toPg = join(tmp, "to.prisma");
  if (snapshot) writeFileSync(fromPg, derivePostgresSchema(readSchema(snapshot).replace(SNAPSHOT_HEADER, "")));
  writeFileSync(toPg, derivePostgresSchema(current));
  pgSql = diff(snapshot ? fromPg : null, toPg, pgUrl);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const next = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .map((d) => Number(d.split("_")[0]))
        .filter((n) => Number.isInteger(n))
        .reduce((a, b) => Math.max(a, b), 0) + 1
    : 1;
const n = Math.max(next(paths.sqliteMigrations), next(paths.postgresMigrations));
const folder = `${String(n).padStart(4, "0")}_${name}`;
for (const [dir, sql] of [
  [paths.sqliteMigrations, sqliteSql],
  [paths.postgresMigrations, pgSql],
] as const) {
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, folder, "migration.sql"), sql);
}
writeFileSync(paths.postgres, derivePostgresSchema(current));
mkdirSync(join(root, "prisma", "snapshot"), { recursive: true });
writeFileSync(paths.snapshot, SNAPSHOT_HEADER + current);
generateClients(root);
console.log(`Wrote prisma/migrations/${folder} and prisma/postgresql/migrations/${folder}; regenerated the clients.`);
