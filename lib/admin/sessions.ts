// Live lab sessions for the instructor: every session that is queued, provisioning or ready, with its
// learner (one joined query), lab, backend, state and step, age, idle time and when it will end (the
// earlier of its idle limit and its time limit), and ending one on a learner's behalf. Ending goes
// through the lab session service, so the cluster and workspace are deleted and the learner's page is
// told why, exactly as when the learner ends it.
import type { Db } from "../db/client";
import { LIVE_STATES, type SessionLimits, type SessionState } from "../sessions/service";
import { HttpError } from "../server/http-error";
import { learnerLabel } from "./format";

export type LiveSessionRow = {
  id: string;
  labId: string;
  backend: string;
  clusterName: string | null;
  state: SessionState;
  step: string | null;
  learner: { id: string; label: string; isGuest: boolean };
  createdAt: Date;
  ageMs: number;
  /** Time since terminal input or a check (meaningful once ready). */
  idleMs: number;
  /** When it ends unless the learner is active or extends: min(idle limit, time limit); null while starting. */
  endsAt: Date | null;
  endsBecause: "idle" | "time" | null;
};

export async function listLiveSessions(db: Db, limits: Pick<SessionLimits, "idleMs">, now = new Date()): Promise<LiveSessionRow[]> {
  const rows = await db.labSession.findMany({
    where: { state: { in: LIVE_STATES } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { user: { select: { id: true, email: true, isGuest: true } } },
  });
  return rows.map((r) => {
    let endsAt: Date | null = null;
    let endsBecause: LiveSessionRow["endsBecause"] = null;
    if (r.state === "ready") {
      const idleEnds = new Date(r.lastActiveAt.getTime() + limits.idleMs);
      const timeEnds = r.expiresAt;
      [endsAt, endsBecause] = timeEnds && timeEnds < idleEnds ? [timeEnds, "time"] : [idleEnds, "idle"];
    }
    return {
      id: r.id,
      labId: r.labId,
      backend: r.backend,
      clusterName: r.clusterName,
      state: r.state as SessionState,
      step: r.step,
      learner: { id: r.user.id, label: learnerLabel(r.user), isGuest: r.user.isGuest },
      createdAt: r.createdAt,
      ageMs: Math.max(0, now.getTime() - r.createdAt.getTime()),
      idleMs: Math.max(0, now.getTime() - r.lastActiveAt.getTime()),
      endsAt,
      endsBecause,
    };
  });
}

/** The part of LabSessionService this needs (lib/sessions/service.ts). */
export interface SessionEnder {
  end(userId: string, id: string, state: SessionState, message: string): Promise<void>;
}

export const ENDED_BY_INSTRUCTOR = "An instructor ended this lab session. Start the lab again to continue.";

/** Ends a live session as an instructor: 404 when there is no such session, 409 when it already ended. */
export async function endLiveSession(db: Db, service: SessionEnder, id: string): Promise<{ id: string; state: SessionState }> {
  const row = await db.labSession.findUnique({ where: { id }, select: { id: true, userId: true, state: true } });
  if (!row) throw new HttpError(404, "There is no lab session with this id.");
  if (!LIVE_STATES.includes(row.state as SessionState)) throw new HttpError(409, `This lab session already ended (it is ${row.state}).`);
  await service.end(row.userId, id, "ended", ENDED_BY_INSTRUCTOR);
  return { id, state: "ended" };
}
