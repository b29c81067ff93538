// The signed-in learner, for server components and route handlers. Usage:
//
//   import { getCurrentUser, requireUser, requirePageUser } from "@/lib/auth/session";
//   const user = await getCurrentUser();          // User | null (guests are users with isGuest: true)
//   const user = await requireUser();             // route handlers: throws HttpError(401); route() answers JSON
//   const user = await requirePageUser("/labs/x"); // pages: redirects to /signin?next=/labs/x when signed out
//
// The session is read once per request (React cache). Cookie: `kna_session`, httpOnly, SameSite=Lax, Path=/,
// Secure when the request arrived over https (X-Forwarded-Proto from a proxy, or the URL). Setting cookies
// (setSessionCookie / clearSessionCookie) works only in route handlers and server actions.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb, type Session, type User } from "../db/client";
import { HttpError } from "../server/http-error";
import { csrfTokenFor } from "./csrf";
import { resolveSession, SESSION_COOKIE, type NewSession, type SessionState } from "./sessions";

export const currentSessionState = cache(async (): Promise<SessionState> => {
  const jar = await cookies();
  return resolveSession(getDb(), jar.get(SESSION_COOKIE)?.value);
});

export async function getCurrentSession(): Promise<{ session: Session; user: User } | null> {
  const s = await currentSessionState();
  return s.state === "active" ? { session: s.session, user: s.user } : null;
}

export async function getCurrentUser(): Promise<User | null> {
  return (await getCurrentSession())?.user ?? null;
}

/** The CSRF token for the current session (null when signed out), for pages that render forms. */
export async function getCsrfToken(): Promise<string | null> {
  const s = await getCurrentSession();
  return s ? csrfTokenFor(s.session) : null;
}

function signedOutMessage(state: SessionState["state"]): string {
  return state === "expired"
    ? "Your session has expired. Sign in again, or continue as a guest."
    : "You are not signed in. Sign in, or continue as a guest.";
}

export async function requireUser(): Promise<User> {
  const s = await currentSessionState();
  if (s.state === "active") return s.user;
  throw new HttpError(401, signedOutMessage(s.state), undefined, { "x-error-code": `session-${s.state}` });
}

export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "admin") throw new HttpError(403, "This page is for instructors. Sign in with an admin account.");
  return user;
}

/** For server components: the user, or a redirect to the sign-in page that comes back to `next`. */
export async function requirePageUser(next: string): Promise<User> {
  const s = await currentSessionState();
  if (s.state === "active") return s.user;
  const q = new URLSearchParams({ next });
  if (s.state === "expired") q.set("reason", "expired");
  redirect(`/signin?${q}`);
}

export async function requestIsHttps(): Promise<boolean> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim();
  return proto === "https" || process.env.PUBLIC_URL?.startsWith("https:") === true;
}

export async function setSessionCookie(s: NewSession): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, s.cookieValue, {
    httpOnly: true,
    sameSite: "lax",
    secure: await requestIsHttps(),
    path: "/",
    maxAge: s.maxAgeSeconds,
  });
}

export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: await requestIsHttps(), path: "/", maxAge: 0 });
}

export async function currentSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}
