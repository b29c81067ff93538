// The instructor overview's numbers: how many learners (accounts) and guests there are, how many were
// active in the last 7 days, and the lab sessions live right now by state. Cluster capacity comes from
// the running process (capacity.ts), not the database. Admin accounts are not learners and are not counted.
import type { Db } from "../db/client";
import { LIVE_STATES, type SessionState } from "../sessions/service";
import { lastActivityByUser } from "./activity";

export const ACTIVE_WINDOW_MS = 7 * 24 * 60 * 60_000;

export type Overview = {
  learners: number;
  guests: number;
  activeLast7Days: number;
  /** Live lab sessions by state, every live state present (0 when none). */
  liveSessions: Record<Extract<SessionState, "queued" | "provisioning" | "ready">, number>;
  liveTotal: number;
};

export async function getOverview(db: Db, now = new Date()): Promise<Overview> {
  const [byKind, active, byState] = await Promise.all([
    db.user.groupBy({ by: ["isGuest"], where: { role: "learner" }, _count: { _all: true } }),
    lastActivityByUser(db, { since: new Date(now.getTime() - ACTIVE_WINDOW_MS) }),
    db.labSession.groupBy({ by: ["state"], where: { state: { in: LIVE_STATES } }, _count: { _all: true } }),
  ]);
  const liveSessions = { queued: 0, provisioning: 0, ready: 0 };
  for (const r of byState) liveSessions[r.state as keyof typeof liveSessions] = r._count._all;
  return {
    learners: byKind.find((r) => !r.isGuest)?._count._all ?? 0,
    guests: byKind.find((r) => r.isGuest)?._count._all ?? 0,
    activeLast7Days: active.size,
    liveSessions,
    liveTotal: liveSessions.queued + liveSessions.provisioning + liveSessions.ready,
  };
}
