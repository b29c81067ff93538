// Sessions in the database, independent of Next (lib/auth/session.ts adapts them to cookies()).
// The cookie holds "<secret>.<hmac>"; the Session row's id is sha256(secret), so a leaked database does not
// leak usable cookies, and a cookie whose signature does not match is treated as no cookie (tampered).
// Lifetimes: 30 days for accounts, 365 days for guests (their progress lives only in that cookie).
import type { Db, Session, User } from "../db/client";
import { serverKey } from "./keys";
import { randomToken, sha256, sign, unsign } from "./tokens";

export const SESSION_COOKIE = "kna_session";
export const ACCOUNT_SESSION_DAYS = 30;
export const GUEST_SESSION_DAYS = 365;
const DAY = 24 * 60 * 60 * 1000;
// lastSeenAt is a coarse activity marker: written at most this often, not on every request.
const TOUCH_EVERY_MS = 10 * 60 * 1000;

export type SessionState =
  | { state: "none" }
  | { state: "invalid" } // tampered, or signed out / deleted elsewhere
  | { state: "expired" }
  | { state: "active"; session: Session; user: User };

export type NewSession = { cookieValue: string; session: Session; maxAgeSeconds: number };

export async function createSession(db: Db, user: Pick<User, "id" | "isGuest">, userAgent?: string | null, now = new Date()): Promise<NewSession> {
  const secret = randomToken(32);
  const days = user.isGuest ? GUEST_SESSION_DAYS : ACCOUNT_SESSION_DAYS;
  const session = await db.session.create({
    data: {
      id: sha256(secret),
      userId: user.id,
      csrfSecret: randomToken(32),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + days * DAY),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  return { cookieValue: sign(serverKey(), secret, SESSION_COOKIE), session, maxAgeSeconds: days * 24 * 60 * 60 };
}

export async function resolveSession(db: Db, cookieValue: string | undefined | null, now = new Date()): Promise<SessionState> {
  if (!cookieValue) return { state: "none" };
  const secret = unsign(serverKey(), cookieValue, SESSION_COOKIE);
  if (!secret) return { state: "invalid" };
  const found = await db.session.findUnique({ where: { id: sha256(secret) }, include: { user: true } });
  if (!found) return { state: "invalid" };
  if (found.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id: found.id } });
    return { state: "expired" };
  }
  if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Best effort: a failed touch must not fail the request that carried the session.
    await db.session.update({ where: { id: found.id }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  const { user, ...session } = found;
  return { state: "active", session, user };
}

/** Deletes the session a cookie names (sign out, rotation). Unknown or tampered cookies are a no-op. */
export async function destroySession(db: Db, cookieValue: string | undefined | null): Promise<void> {
  const secret = unsign(serverKey(), cookieValue, SESSION_COOKIE);
  if (secret) await db.session.deleteMany({ where: { id: sha256(secret) } });
}

/** Housekeeping at start and daily: expired sessions are deleted rather than left to pile up. */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
