// POST /api/auth/signout → 200 { ok: true }: deletes the session and clears the cookie (CSRF-checked).
import { destroySession } from "@/lib/auth/sessions";
import { clearSessionCookie, currentSessionCookie } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/server/route";

export const POST = route(async () => {
  await destroySession(getDb(), await currentSessionCookie());
  await clearSessionCookie();
  return { ok: true };
});
