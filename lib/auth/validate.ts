// The account form rules, worded for the form fields they appear under. Shared by the API (the authority)
// and the sign-up page (instant feedback). Password: 10 to 200 characters, anything allowed (length beats
// composition rules: NIST SP 800-63B); the upper bound keeps scrypt's input sane.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const EMAIL_MAX = 254;

export type FieldErrors = Partial<Record<"email" | "password" | "displayName", string>>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailError(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return "Enter your email address.";
  const email = normaliseEmail(raw);
  if (email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) return "Enter an email address like name@example.com.";
  return undefined;
}

export function newPasswordError(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return "Choose a password.";
  if ([...raw].length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if ([...raw].length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function displayNameError(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string" || raw.trim().length > 60) return "Use at most 60 characters.";
  return undefined;
}

export function signUpErrors(input: { email?: unknown; password?: unknown; displayName?: unknown }): FieldErrors {
  const errors: FieldErrors = {};
  const e = emailError(input.email);
  if (e) errors.email = e;
  const p = newPasswordError(input.password);
  if (p) errors.password = p;
  const d = displayNameError(input.displayName);
  if (d) errors.displayName = d;
  return errors;
}

export function signInErrors(input: { email?: unknown; password?: unknown }): FieldErrors {
  const errors: FieldErrors = {};
  const e = emailError(input.email);
  if (e) errors.email = e;
  if (typeof input.password !== "string" || input.password === "") errors.password = "Enter your password.";
  return errors;
}
