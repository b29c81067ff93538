// CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE). Usage in a route handler:
//
//   import { verifyCsrf } from "@/lib/auth/csrf";
//   export async function POST(request: Request) { await verifyCsrf(request); ... }
//
// or wrap the handler with route() from lib/server/route.ts, which calls verifyCsrf for unsafe methods.
// verifyCsrf throws HttpError(403) when:
//   1. the Origin header (or, without one, Referer; Sec-Fetch-Site "cross-site") names another site than this
//      server (PUBLIC_URL when set, else the request's Host / X-Forwarded-Host and protocol); and
//   2. the request carries a live session but not that session's token in the `x-csrf-token` header
//      (a synchronizer token: HMAC of the session's csrfSecret, so it is stable for the session's life).
// Requests without a session (sign in, sign up, continue as guest) need only the Origin check: they carry no
// ambient authority, and browsers always send Origin on cross-site POSTs, which stops login CSRF.
//
// How clients get the token: server components render it with csrfTokenFor(session) (the root layout puts
// it in <meta name="csrf-token">, and lib/auth/client.ts's csrfFetch() sends it); sign-in, sign-up and
// guest responses return { csrfToken } in their JSON; GET /api/auth/csrf returns the current one.
import type { Session } from "../db/client";
import { HttpError } from "../server/http-error";
import { serverKey } from "./keys";
import { hmac, safeEqual } from "./tokens";

export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfTokenFor(session: Pick<Session, "csrfSecret">): string {
  return hmac(serverKey(), session.csrfSecret, "csrf");
}

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

type HeaderBag = { get(name: string): string | null };

/** The origin this server is reached at, as the browser sees it. */
export function expectedOrigin(headers: HeaderBag, fallbackUrl?: string): string | null {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0].trim() || (fallbackUrl ? new URL(fallbackUrl).protocol.replace(":", "") : "http");
  return host ? `${proto}://${host}` : null;
}

/**
 * Whether a request comes from this site. Browsers send Origin on every cross-origin request and on
 * same-origin POSTs; scripts (curl, tests) send none, and carry no ambient cookies an attacker could ride.
 * Exported for the terminal's WebSocket upgrade, which has no CSRF token but must check Origin.
 */
export function isSameOrigin(headers: HeaderBag, fallbackUrl?: string): boolean {
  const expected = expectedOrigin(headers, fallbackUrl);
  const origin = headers.get("origin");
  if (origin && origin !== "null") return expected !== null && origin === expected;
  if (origin === "null") return false;
  if (headers.get("sec-fetch-site") === "cross-site") return false;
  const referer = headers.get("referer");
  if (referer) {
    try {
      return expected !== null && new URL(referer).origin === expected;
    } catch {
      return false;
    }
  }
  return true;
}

/** The check itself, given the session the request carries (null when none); throws HttpError(403). */
export function checkCsrf(request: { method: string; url: string; headers: HeaderBag }, session: Pick<Session, "csrfSecret"> | null): void {
  if (!isStateChanging(request.method)) return;
  if (!isSameOrigin(request.headers, request.url)) {
    throw new HttpError(403, "This request came from another site and was refused. Open the page on this site and try again.", undefined, {
      "x-error-code": "csrf-origin",
    });
  }
  if (!session) return;
  const sent = request.headers.get(CSRF_HEADER);
  if (!sent || !safeEqual(sent, csrfTokenFor(session))) {
    throw new HttpError(403, "Your page is out of date (missing or stale security token). Reload the page and try again.", undefined, {
      "x-error-code": "csrf-token",
    });
  }
}

/** For route handlers: checks the request against the session its cookie names. */
export async function verifyCsrf(request: Request): Promise<void> {
  if (!isStateChanging(request.method)) return;
  // Imported lazily: session.ts imports this module (csrfTokenFor), and only route handlers need this path.
  const { currentSessionState } = await import("./session");
  const s = await currentSessionState();
  checkCsrf(request, s.state === "active" ? s.session : null);
}
