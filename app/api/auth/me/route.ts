// GET /api/auth/me → { user } (null when signed out) and { session: "none" | "invalid" | "expired" | "active" }.
import { publicUser } from "@/lib/auth/respond";
import { currentSessionState } from "@/lib/auth/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const GET = route(async () => {
  const s = await currentSessionState();
  return { user: s.state === "active" ? publicUser(s.user) : null, session: s.state };
});
