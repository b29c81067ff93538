import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { migrate, pendingMigrations, readMigrations, type Migration } from "./migrate";
import { runPrisma } from "./prisma-cli";

const root = new URL("../..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "kna-migrate-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("migrations apply once, in order, into Prisma's own bookkeeping table", async () => {
  const url = `file:${join(tmp, "a", "nested", "app.db")}`; // missing folders are created
  const first = await migrate({ url, root });
  assert.deepEqual(first.applied, readMigrations(join(root, "prisma", "migrations")).map((m) => m.name));
  const again = await migrate({ url, root });
  assert.deepEqual(again.applied, []);
  const db = new Database(join(tmp, "a", "nested", "app.db"));
  const rows = db.prepare(`SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations`).all() as Array<Record<string, unknown>>;
  db.close();
  assert.equal(rows.length, first.total);
  assert.ok(rows.every((r) => r.finished_at && r.applied_steps_count === 1));
});

test("the Prisma CLI agrees that a database migrated here is up to date", async () => {
  const file = join(tmp, "cli.db");
  await migrate({ url: `file:${file}`, root });
  const r = runPrisma(["migrate", "status"], { root, quiet: true, env: { DATABASE_URL: `file:${file}` } });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Database schema is up to date/);
});

const m = (name: string, checksum = `c-${name}`): Migration => ({ name, sql: "", checksum });
test("pending migrations: what to apply and what to refuse", () => {
  const all = [m("0001_a"), m("0002_b"), m("0003_c")];
  const done = (name: string, extra: Record<string, unknown> = {}) => ({ migration_name: name, checksum: `c-${name}`, finished_at: "t", rolled_back_at: null, ...extra });
  const table: Array<[string, ReturnType<typeof done>[], string[] | RegExp]> = [
    ["fresh database", [], ["0001_a", "0002_b", "0003_c"]],
    ["one applied", [done("0001_a")], ["0002_b", "0003_c"]],
    ["all applied", [done("0001_a"), done("0002_b"), done("0003_c")], []],
    ["rolled back is re-applied", [done("0001_a"), done("0002_b", { rolled_back_at: "t", finished_at: null })], ["0002_b", "0003_c"]],
    ["edited after applying", [done("0001_a", { checksum: "other" })], /0001_a was modified after it was applied/],
    ["failed earlier", [done("0001_a", { finished_at: null })], /0001_a started but did not finish.*migrate resolve --rolled-back 0001_a/],
  ];
  for (const [name, rows, want] of table) {
    if (want instanceof RegExp) assert.throws(() => pendingMigrations(all, rows), want, name);
    else assert.deepEqual(pendingMigrations(all, rows).map((x) => x.name), want, name);
  }
});

test("a failing migration leaves nothing half-applied", async () => {
  const project = join(tmp, "proj");
  mkdirSync(join(project, "prisma"), { recursive: true });
  cpSync(join(root, "prisma", "migrations"), join(project, "prisma", "migrations"), { recursive: true });
  mkdirSync(join(project, "prisma", "migrations", "9999_broken"));
  writeFileSync(join(project, "prisma", "migrations", "9999_broken", "migration.sql"), `CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;\n`);
  const url = `file:${join(project, "app.db")}`;
  await assert.rejects(migrate({ url, root: project }), /Migration 9999_broken failed and was rolled back \(nothing applied\)/);
  const db = new Database(join(project, "app.db"));
  const half = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).get();
  const row = db.prepare(`SELECT * FROM _prisma_migrations WHERE migration_name = '9999_broken'`).get();
  const users = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'User'`).get();
  db.close();
  assert.equal(half, undefined);
  assert.equal(row, undefined);
  assert.ok(users, "the good migrations before it stay applied");
  // An edited, already-applied migration is refused with the fix.
  appendFileSync(join(project, "prisma", "migrations", "0001_init", "migration.sql"), "\n-- edited\n");
  rmSync(join(project, "prisma", "migrations", "9999_broken"), { recursive: true });
  await assert.rejects(migrate({ url, root: project }), /0001_init was modified after it was applied/);
});
