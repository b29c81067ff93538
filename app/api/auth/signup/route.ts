// POST /api/auth/signup { email, password, displayName? } → 201 { user, csrfToken, claimedGuest }.
// A guest who signs up keeps their progress (the guest's row becomes the account). 400/409 carry { fields }.
import { z } from "zod";
import { signUp } from "@/lib/auth/accounts";
import { limits, tooMany } from "@/lib/auth/rate-limit";
import { startSessionFor } from "@/lib/auth/respond";
import { getCurrentUser } from "@/lib/auth/session";
import { normaliseEmail } from "@/lib/auth/validate";
import { getDb } from "@/lib/db/client";
import { requestLog } from "@/lib/log";
import { clientIp, readJson, route } from "@/lib/server/route";

const Body = z.object({ email: z.unknown(), password: z.unknown(), displayName: z.unknown() }).partial();

export const POST = route(async (request: Request) => {
  const body = await readJson(request, Body);
  const ip = limits.signUpPerIp.hit(clientIp(request));
  if (!ip.ok) throw tooMany("sign-up attempts from your network", ip);
  if (typeof body.email === "string") {
    const byEmail = limits.signUpPerEmail.hit(normaliseEmail(body.email));
    if (!byEmail.ok) throw tooMany("sign-up attempts for this email", byEmail);
  }
  const { user, claimedGuest } = await signUp(getDb(), body, await getCurrentUser());
  requestLog(request).info({ userId: user.id, claimedGuest }, "account created");
  return Response.json({ ...(await startSessionFor(user)), claimedGuest }, { status: 201, headers: { "cache-control": "no-store" } });
});
