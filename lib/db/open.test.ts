import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { migrate } from "./migrate";
import { sqlitePath, isPostgresUrl, redactUrl, databaseUrl } from "./url";

const root = new URL("../..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "kna-open-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("bad database paths fail at start with the path and the fix", async () => {
  const file = join(tmp, "regular-file");
  writeFileSync(file, "not a folder");
  mkdirSync(join(tmp, "a-folder.db"));
  writeFileSync(join(tmp, "garbage.db"), "this is not sqlite ".repeat(100));
  const table: Array<[string, string, RegExp]> = [
    ["parent is a file", join(file, "app.db"), new RegExp(`${file} is not a folder, so the database file ${file}/app.db cannot live there\\. Fix: set DATABASE_URL=file:`)],
    ["parent cannot be created", join(file, "sub", "app.db"), new RegExp(`Cannot create the data folder ${file}/sub for the database file .*\\(ENOTDIR\\)\\. Fix: create the folder`)],
    ["path is a folder", join(tmp, "a-folder.db"), /is a folder, not a file\. Fix: remove or rename that folder/],
    ["file is not a database", join(tmp, "garbage.db"), /is not a SQLite database .*Fix: move it away/],
  ];
  for (const [name, path, want] of table) {
    await assert.rejects(migrate({ url: `file:${path}`, root }), (err: Error) => {
      assert.equal(err.name, "DatabaseOpenError", name);
      assert.match(err.message, want, name);
      return true;
    });
  }
});

test("DATABASE_URL parsing", () => {
  assert.equal(databaseUrl({}), "file:./data/app.db");
  assert.equal(databaseUrl({ DATABASE_URL: "  " }), "file:./data/app.db");
  assert.equal(sqlitePath("file:./data/app.db", "/srv/course"), "/srv/course/data/app.db");
  assert.equal(sqlitePath("file:/var/lib/course/app.db?connection_limit=1", "/srv"), "/var/lib/course/app.db");
  assert.equal(sqlitePath("./x.db", "/srv"), "/srv/x.db");
  assert.throws(() => sqlitePath("file:", "/srv"), /names no file/);
  assert.throws(() => sqlitePath("mysql://db/x", "/srv"), /is not supported: use file:\.\/data\/app\.db \(SQLite\) or postgres:\/\//);
  const pgs: Array<[string, boolean]> = [
    ["postgres://u:p@db/x", true],
    ["postgresql://db/x", true],
    ["POSTGRES://db/x", true],
    ["file:./postgres.db", false],
    ["mysql://db/x", false],
  ];
  for (const [url, want] of pgs) assert.equal(isPostgresUrl(url), want, url);
  assert.equal(redactUrl("postgres://course:s3cret@db:5432/course"), "postgres://course:***@db:5432/course");
});
