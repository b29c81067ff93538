import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { derivePostgresSchema, schemaPaths } from "../lib/db/schema-sync";

const root = new URL("..", import.meta.url).pathname;
const paths = schemaPaths(root);

test("the PostgreSQL schema is the SQLite schema with only provider and output changed", () => {
  assert.equal(readFileSync(paths.postgres, "utf8"), derivePostgresSchema(readFileSync(paths.sqlite, "utf8")), "run: npm run db:diff -- <name>");
});

test("every schema change is covered by a committed migration, for both providers", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-diff.ts", "--check"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const names = (dir: string) => readdirSync(dir).filter((n) => /^\d{4}_/.test(n)).sort();
  assert.deepEqual(names(paths.sqliteMigrations), names(paths.postgresMigrations), "the two providers have the same migrations");
});
