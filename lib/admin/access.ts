// Who may see the instructor pages. Signed out: the platform's sign-in redirect that comes back here
// (requirePageUser). Signed in without the admin role: null, and the page shows the same refusal the
// JSON routes answer with 403 (requireAdmin's message), so the two never disagree.
import type { User } from "../db/client";
import { requirePageUser } from "../auth/session";

export const ADMIN_ONLY_MESSAGE = "This page is for instructors. Sign in with an admin account.";

export async function adminPageUser(next: string): Promise<User | null> {
  const user = await requirePageUser(next);
  return user.role === "admin" ? user : null;
}
