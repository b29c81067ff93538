// Accounts: sign up (or a guest claiming an account), sign in, guests. Pure data-layer logic with the
// rules and their wording; the route handlers in app/api/auth/ only parse, call these, and set cookies.
// Sign-in failures never say whether the email exists, and an unknown email costs the same scrypt work.
import type { Db, User } from "../db/client";
import { Prisma } from "../db/client";
import { HttpError } from "../server/http-error";
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from "./password";
import { normaliseEmail, signInErrors, signUpErrors } from "./validate";

export const WRONG_CREDENTIALS = "The email or password is not right. Check both and try again.";
const DUPLICATE = "An account with this email already exists. Sign in instead, or use another email.";

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/**
 * Creates an account. When `current` is a guest, the guest's own row becomes the account (same id), so all
 * of its progress is kept: that is how a guest claims an account.
 */
export async function signUp(
  db: Db,
  input: { email?: unknown; password?: unknown; displayName?: unknown },
  current: User | null,
  role: "learner" | "admin" = "learner",
): Promise<{ user: User; claimedGuest: boolean }> {
  const fields = signUpErrors(input);
  if (Object.keys(fields).length) throw new HttpError(400, "Some fields need attention.", fields);
  const email = normaliseEmail(input.email as string);
  const passwordHash = await hashPassword(input.password as string);
  const displayName = typeof input.displayName === "string" && input.displayName.trim() ? input.displayName.trim() : null;
  try {
    if (current?.isGuest) {
      // The where clause re-checks isGuest: two tabs claiming at once cannot both win.
      const user = await db.user.update({
        where: { id: current.id, isGuest: true },
        data: { email, passwordHash, displayName, isGuest: false, role },
      });
      return { user, claimedGuest: true };
    }
    const user = await db.user.create({ data: { email, passwordHash, displayName, isGuest: false, role } });
    return { user, claimedGuest: false };
  } catch (err) {
    if (isUniqueViolation(err)) throw new HttpError(409, "Some fields need attention.", { email: DUPLICATE });
    throw err;
  }
}

export async function signIn(db: Db, input: { email?: unknown; password?: unknown }): Promise<User> {
  const fields = signInErrors(input);
  if (Object.keys(fields).length) throw new HttpError(400, "Some fields need attention.", fields);
  const email = normaliseEmail(input.email as string);
  const password = input.password as string;
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(password);
    throw new HttpError(401, WRONG_CREDENTIALS);
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new HttpError(401, WRONG_CREDENTIALS);
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return user;
}

export async function createGuest(db: Db): Promise<User> {
  return db.user.create({ data: { isGuest: true, displayName: "Guest" } });
}

/** For `npm run admin:create`: a new admin, or an existing account promoted (its password replaced). */
export async function upsertAdmin(db: Db, input: { email: string; password: string; displayName?: string }): Promise<{ user: User; created: boolean }> {
  const fields = signUpErrors(input);
  if (Object.keys(fields).length) throw new HttpError(400, Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(" "), fields);
  const email = normaliseEmail(input.email);
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    const user = await db.user.update({
      where: { id: existing.id },
      data: { role: "admin", passwordHash: await hashPassword(input.password), isGuest: false, ...(input.displayName ? { displayName: input.displayName } : {}) },
    });
    return { user, created: false };
  }
  const { user } = await signUp(db, input, null, "admin");
  return { user, created: true };
}
