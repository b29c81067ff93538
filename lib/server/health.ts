// GET /api/health: { status, db, labBackend }. 200 when the database answers a query, 503 otherwise, so a
// load balancer or `curl -f` can use it. Never throws: a failing part is reported, not raised.
import { getDb } from "../db/client";
import { log } from "../log";
import { labBackend } from "./backend";

export type Health = { status: "ok" | "degraded"; db: "ok" | "unreachable"; labBackend: string; labBackendConfigured?: string };

export async function checkHealth(): Promise<{ status: number; body: Health }> {
  let db: Health["db"] = "ok";
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
  } catch (err) {
    log.warn({ err }, "health: database query failed");
    db = "unreachable";
  }
  let backend = "unknown";
  let configured: string | undefined;
  try {
    const d = await labBackend();
    backend = d.active;
    configured = d.configured;
  } catch (err) {
    backend = `misconfigured: ${(err as Error).message}`;
  }
  const body: Health = { status: db === "ok" ? "ok" : "degraded", db, labBackend: backend, labBackendConfigured: configured };
  return { status: db === "ok" ? 200 : 503, body };
}
