// GET /api/auth/csrf → { csrfToken } for the session the request carries (null without one).
import { getCsrfToken } from "@/lib/auth/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const GET = route(async () => ({ csrfToken: await getCsrfToken() }));
