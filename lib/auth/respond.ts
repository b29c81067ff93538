// What the auth endpoints return about a user, and the one place that starts a session for a request
// (rotating any session the request carried: a new cookie on every sign-in, sign-up and guest start).
import { headers } from "next/headers";
import { getDb, type User } from "../db/client";
import { csrfTokenFor } from "./csrf";
import { createSession, destroySession } from "./sessions";
import { currentSessionCookie, setSessionCookie } from "./session";

export type PublicUser = { id: string; email: string | null; displayName: string | null; role: string; isGuest: boolean };

export const publicUser = (u: User): PublicUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, isGuest: u.isGuest });

export async function startSessionFor(user: User): Promise<{ user: PublicUser; csrfToken: string }> {
  const db = getDb();
  await destroySession(db, await currentSessionCookie());
  const s = await createSession(db, user, (await headers()).get("user-agent"));
  await setSessionCookie(s);
  return { user: publicUser(user), csrfToken: csrfTokenFor(s.session) };
}
