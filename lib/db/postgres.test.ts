// PostgreSQL path, end to end: migrations and the client through @prisma/adapter-pg. Needs a server:
// TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (a scratch database is created and dropped).
// Skipped, visibly, without one.
import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { createDb } from "./client";
import { migrate } from "./migrate";

const admin = process.env.TEST_POSTGRES_URL;
const root = new URL("../..", import.meta.url).pathname;

test("PostgreSQL: migrate, query through the pg adapter, migrate again as a no-op", { skip: admin ? false : "set TEST_POSTGRES_URL to run" }, async () => {
  const name = `kna_test_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  try {
    const first = await migrate({ url: url.toString(), root });
    assert.ok(first.applied.length >= 1);
    assert.deepEqual((await migrate({ url: url.toString(), root })).applied, []);
    const db = createDb(url.toString());
    try {
      const u = await db.user.create({ data: { email: "pg@example.com", passwordHash: "x" } });
      await db.lessonProgress.create({ data: { userId: u.id, lessonId: "services", moduleId: "services" } });
      const found = await db.user.findUnique({ where: { email: "pg@example.com" }, include: { lessonProgress: true } });
      assert.equal(found?.lessonProgress.length, 1);
      await assert.rejects(db.user.create({ data: { email: "pg@example.com" } }), (e: { code?: string }) => e.code === "P2002");
    } finally {
      await db.$disconnect();
    }
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
});
