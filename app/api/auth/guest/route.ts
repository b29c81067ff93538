// POST /api/auth/guest → 201 { user, csrfToken } and a session cookie for a new guest account.
// Scripts and tests use it: `curl -si -X POST http://localhost:3000/api/auth/guest` prints the Set-Cookie.
// A request already carrying a guest session gets that session back (200, no new guest); a signed-in account
// gets 409 (sign out first), so a stray click never abandons anyone's progress.
import { createGuest } from "@/lib/auth/accounts";
import { csrfTokenFor } from "@/lib/auth/csrf";
import { limits, tooMany } from "@/lib/auth/rate-limit";
import { publicUser, startSessionFor } from "@/lib/auth/respond";
import { getCurrentSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { HttpError } from "@/lib/server/http-error";
import { clientIp, route } from "@/lib/server/route";

export const POST = route(async (request: Request) => {
  const current = await getCurrentSession();
  if (current?.user.isGuest) return { user: publicUser(current.user), csrfToken: csrfTokenFor(current.session) };
  if (current) throw new HttpError(409, "You are signed in to an account. Sign out first to continue as a guest.");
  const ip = limits.guestPerIp.hit(clientIp(request));
  if (!ip.ok) throw tooMany("guest sessions started from your network", ip);
  const user = await createGuest(getDb());
  return Response.json(await startSessionFor(user), { status: 201, headers: { "cache-control": "no-store" } });
  // Origin only: with a session present this endpoint changes nothing (it returns that session or a 409),
  // so scripts can call it again without first fetching a token.
}, { csrf: "origin-only" });
