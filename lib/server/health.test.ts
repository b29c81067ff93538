import assert from "node:assert/strict";
import { after, test } from "node:test";
process.env.LAB_BACKEND = "sandbox";
process.env.LOG_LEVEL = "silent"; // the failing query is logged as a warning: expected here
const { closeDb } = await import("../db/client");
const { createTestDb } = await import("../db/test-db");
const { checkHealth } = await import("./health");
after(() => closeDb());

test("health: 200 when the database answers, 503 naming the database when it does not", async () => {
  const t = await createTestDb();
  try {
    process.env.DATABASE_URL = t.url;
    assert.deepEqual(await checkHealth(), { status: 200, body: { status: "ok", db: "ok", labBackend: "sandbox", labBackendConfigured: "sandbox" } });
    process.env.DATABASE_URL = "file:/nonexistent-folder-for-health-test/app.db";
    const down = await checkHealth();
    assert.equal(down.status, 503);
    assert.equal(down.body.db, "unreachable");
    assert.equal(down.body.status, "degraded");
  } finally {
    await t.cleanup();
  }
});
