// Browser side of CSRF: fetch() for state-changing requests from client components. Usage:
//
//   "use client";
//   import { csrfFetch } from "@/lib/auth/client";
//   const res = await csrfFetch("/api/progress/lessons/services", { method: "POST", json: { anchor: "dns" } });
//
// It sends the token the root layout rendered into <meta name="csrf-token"> as the x-csrf-token header
// (lib/auth/csrf.ts explains the rule), and JSON bodies with the right content type. When the server answers
// 403 with x-error-code: csrf-token (the session changed in another tab), it fetches the current token from
// GET /api/auth/csrf and retries once.
export const CSRF_HEADER = "x-csrf-token";

let token: string | null | undefined;

function pageToken(): string | null {
  if (token !== undefined) return token;
  if (typeof document === "undefined") return null;
  token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || null;
  return token;
}

/** Remember a token a sign-in, sign-up or guest response returned (before the page reloads). */
export function setCsrfToken(t: string | null): void {
  token = t;
}

export async function refreshCsrfToken(): Promise<string | null> {
  const res = await fetch("/api/auth/csrf", { credentials: "same-origin", cache: "no-store" });
  token = res.ok ? ((await res.json()) as { csrfToken: string | null }).csrfToken : null;
  return token;
}

export async function csrfFetch(input: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const send = (t: string | null) => {
    const headers = new Headers(init.headers);
    if (t) headers.set(CSRF_HEADER, t);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const { json: _json, ...rest } = init;
    return fetch(input, { ...rest, headers, body, credentials: "same-origin" });
  };
  const res = await send(pageToken());
  if (res.status === 403 && res.headers.get("x-error-code") === "csrf-token") return send(await refreshCsrfToken());
  return res;
}
