// Applies the committed migrations (prisma/migrations for SQLite, prisma/postgresql/migrations for
// PostgreSQL) at start, in-process. We do what `prisma migrate deploy` does, in the same bookkeeping table
// (`_prisma_migrations`, same columns, checksum = sha256 of migration.sql), so the Prisma CLI and this runner
// agree on what is applied. Why not spawn the CLI: it costs ~2 s per start, its offline JS engine fails on
// PostgreSQL ("Column type 'name' could not be deserialized"), and on a missing folder it only says
// "External error id#0". Here each migration runs in one transaction (nothing half-written), and a bad
// database path fails with a message naming the path and the fix (lib/db/open.ts).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { openSqliteFile } from "./open";
import { databaseUrl, isPostgresUrl, redactUrl, sqlitePath } from "./url";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; total: number; database: string };

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function migrationsDir(url: string, root: string = process.cwd()): string {
  return isPostgresUrl(url) ? join(root, "prisma", "postgresql", "migrations") : join(root, "prisma", "migrations");
}

/** The migrations on disk, in name order (0001_init, 0002_...), as Prisma orders them. */
export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}: the checkout is incomplete (run git status).`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type Row = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** Decides what to apply from the recorded rows; refuses edited or previously failed migrations like Prisma does. */
export function pendingMigrations(all: Migration[], rows: Row[]): Migration[] {
  const live = rows.filter((r) => r.rolled_back_at == null);
  for (const r of live) {
    if (r.finished_at == null) {
      throw new MigrationError(
        `Migration ${r.migration_name} started but did not finish in an earlier run. Inspect the database, then mark it ` +
          `rolled back with: npx prisma migrate resolve --rolled-back ${r.migration_name}`,
      );
    }
    const file = all.find((m) => m.name === r.migration_name);
    if (file && file.checksum !== r.checksum) {
      throw new MigrationError(
        `Migration ${r.migration_name} was modified after it was applied. Restore prisma's migration.sql for it from git; ` +
          `add schema changes as a new migration (npm run db:diff -- <name>).`,
      );
    }
  }
  const done = new Set(live.map((r) => r.migration_name));
  return all.filter((m) => !done.has(m.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma stores SQLite timestamps as RFC 3339 text with an explicit offset.
const sqliteNow = () => new Date().toISOString().replace("Z", "+00:00");

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  const db: Database.Database = openSqliteFile(file);
  try {
    db.exec(SQLITE_TABLE);
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as Row[];
    const pending = pendingMigrations(migrations, rows);
    for (const m of pending) {
      const apply = db.transaction(() => {
        const id = randomUUID();
        db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)`).run(id, m.checksum, m.name, sqliteNow());
        db.exec(m.sql);
        db.prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(sqliteNow(), id);
      });
      try {
        apply();
      } catch (err) {
        throw new MigrationError(`Migration ${m.name} failed and was rolled back (nothing applied): ${(err as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } finally {
    db.close();
  }
}

// Prisma's advisory lock key for migrations, so a CLI run and a server start never migrate at the same time.
const PG_LOCK = 72707369;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new MigrationError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}. Check DATABASE_URL and that the server is running.`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK]);
    await client.query(PG_TABLE);
    const { rows } = await client.query<Row>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const pending = pendingMigrations(migrations, rows);
    for (const m of pending) {
      const id = randomUUID();
      try {
        await client.query("BEGIN");
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new MigrationError(`Migration ${m.name} failed and was rolled back (nothing applied): ${(err as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Brings the database DATABASE_URL names up to date. Throws MigrationError/DatabaseOpenError with a fix. */
export async function migrate(opts: { url?: string; root?: string } = {}): Promise<MigrateResult> {
  const url = opts.url ?? databaseUrl();
  const migrations = readMigrations(migrationsDir(url, opts.root));
  if (isPostgresUrl(url)) {
    const applied = await migratePostgres(url, migrations);
    return { applied, total: migrations.length, database: redactUrl(url) };
  }
  const file = sqlitePath(url, opts.root);
  return { applied: migrateSqlite(file, migrations), total: migrations.length, database: file };
}
