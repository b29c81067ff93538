// POST /api/auth/signin { email, password } → 200 { user, csrfToken } with a new session cookie.
// Wrong email and wrong password get the same 401 wording; too many attempts get a 429 with Retry-After.
import { z } from "zod";
import { signIn } from "@/lib/auth/accounts";
import { limits, tooMany } from "@/lib/auth/rate-limit";
import { startSessionFor } from "@/lib/auth/respond";
import { normaliseEmail } from "@/lib/auth/validate";
import { getDb } from "@/lib/db/client";
import { requestLog } from "@/lib/log";
import { isHttpError } from "@/lib/server/http-error";
import { clientIp, readJson, route } from "@/lib/server/route";

const Body = z.object({ email: z.unknown(), password: z.unknown() }).partial();

export const POST = route(async (request: Request) => {
  const body = await readJson(request, Body);
  const ip = limits.signInPerIp.hit(clientIp(request));
  if (!ip.ok) throw tooMany("sign-in attempts from your network", ip);
  const email = typeof body.email === "string" ? normaliseEmail(body.email) : "";
  const byEmail = limits.signInFailuresPerEmail.check(email);
  if (!byEmail.ok) throw tooMany("failed sign-in attempts for this email", byEmail);
  try {
    const user = await signIn(getDb(), body);
    limits.signInFailuresPerEmail.reset(email);
    requestLog(request).info({ userId: user.id }, "signed in");
    return await startSessionFor(user);
  } catch (err) {
    if (isHttpError(err) && err.status === 401) limits.signInFailuresPerEmail.hit(email);
    throw err;
  }
});
