// A throw-away migrated SQLite database for tests. Usage:
//
//   import { createTestDb } from "../db/test-db";
//   const t = await createTestDb();        // fresh file under the OS temp folder, all migrations applied
//   await t.db.user.create({ data: { isGuest: true } });
//   after(() => t.cleanup());              // disconnects and deletes the file
//
// Set process.env.DATABASE_URL = t.url before importing code that calls getDb() to make it use this file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "./client";
import { migrate } from "./migrate";

export type TestDb = { db: Db; url: string; file: string; cleanup: () => Promise<void> };

const root = new URL("../..", import.meta.url).pathname;

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "kna-test-db-"));
  const file = join(dir, "test.db");
  const url = `file:${file}`;
  await migrate({ url, root });
  const db = createDb(url);
  return {
    db,
    url,
    file,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
