"use client";
// The sign-in and sign-up form. Checks fields in the browser for instant feedback (the same rules as the
// server, lib/auth/validate.ts), then posts JSON; the server's answer is the authority: its field errors show
// under their fields, its other errors in the alert above the form. Nothing typed is lost on an error.
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { csrfFetch } from "@/lib/auth/client";
import { PASSWORD_MIN, signInErrors, signUpErrors, type FieldErrors } from "@/lib/auth/validate";

type Mode = "signin" | "signup";

export function AuthForm({ mode, next, isGuest }: { mode: Mode; next: string; isGuest: boolean }) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const signup = mode === "signup";

  function focusFirstError(errs: FieldErrors) {
    const first = (["displayName", "email", "password"] as const).find((k) => errs[k]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const input = {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      ...(signup ? { displayName: String(data.get("displayName") ?? "") } : {}),
    };
    const local = signup ? signUpErrors(input) : signInErrors(input);
    setFields(local);
    setError(null);
    if (Object.keys(local).length) {
      focusFirstError(local);
      return;
    }
    setBusy(true);
    let res: Response | null = null;
    try {
      res = await csrfFetch(signup ? "/api/auth/signup" : "/api/auth/signin", { method: "POST", json: input });
    } catch {
      res = null;
    }
    if (res?.ok) {
      window.location.assign(next);
      return;
    }
    setBusy(false);
    if (!res) {
      setError("The server did not answer. Check your connection and try again.");
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string; fields?: FieldErrors };
    if (body.fields && Object.keys(body.fields).length) {
      setFields(body.fields);
      focusFirstError(body.fields);
      if (res.status !== 400 && res.status !== 409) setError(body.error ?? null);
    } else {
      setError(body.error ?? `Something went wrong (HTTP ${res.status}). Try again.`);
    }
  }

  const describe = (name: keyof FieldErrors, hint?: string) => [fields[name] ? `${name}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;

  return (
    <form ref={formRef} className="auth-form" noValidate onSubmit={onSubmit} aria-describedby={error ? "form-error" : undefined}>
      {error ? (
        <p id="form-error" role="alert" className="form-error form-error-banner">
          {error}
        </p>
      ) : null}
      {signup && isGuest ? (
        <p className="notice">You are exploring as a guest. Sign up and everything you have done so far stays with your new account.</p>
      ) : null}
      {signup ? (
        <div className="field">
          <label htmlFor="displayName">
            Name <span className="muted">(optional)</span>
          </label>
          <input id="displayName" name="displayName" type="text" autoComplete="name" maxLength={60} aria-invalid={!!fields.displayName} aria-describedby={describe("displayName")} />
          {fields.displayName ? (
            <p id="displayName-error" className="field-error">
              {fields.displayName}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" inputMode="email" required aria-invalid={!!fields.email} aria-describedby={describe("email")} />
        {fields.email ? (
          <p id="email-error" className="field-error">
            {fields.email}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={signup ? "new-password" : "current-password"}
          required
          minLength={signup ? PASSWORD_MIN : undefined}
          aria-invalid={!!fields.password}
          aria-describedby={describe("password", signup ? "password-hint" : undefined)}
        />
        {signup ? (
          <p id="password-hint" className="hint">
            At least {PASSWORD_MIN} characters. A few random words make a strong one.
          </p>
        ) : null}
        {fields.password ? (
          <p id="password-error" className="field-error">
            {fields.password}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? (signup ? "Creating account…" : "Signing in…") : signup ? "Create account" : "Sign in"}
      </button>
      <p className="muted">
        {signup ? (
          <>
            Already have an account? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </form>
  );
}
