// Sign in. ?next= is where to go afterwards (a path on this site); ?reason=expired explains why we are here.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNext } from "@/lib/server/safe-next";
import { AuthForm } from "../_shell/AuthForm";
import { GuestButton } from "../_shell/GuestButton";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const next = safeNext(q.next);
  const user = await getCurrentUser();
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {q.reason === "expired" ? (
        <p className="notice" role="status">
          Your session has expired. Sign in again to carry on.
        </p>
      ) : null}
      {user && !user.isGuest ? (
        <p className="notice">
          You are signed in as <strong>{user.email}</strong>. <Link href={next}>Carry on</Link>, or sign in below to switch accounts.
        </p>
      ) : null}
      {user?.isGuest ? (
        <p className="notice">
          You are a guest. Signing in to an existing account leaves this guest&apos;s progress behind; to keep it, <Link href={`/signup?next=${encodeURIComponent(next)}`}>create an account</Link> instead.
        </p>
      ) : null}
      <AuthForm mode="signin" next={next} isGuest={!!user?.isGuest} />
      {!user ? (
        <section className="guest-panel" aria-labelledby="guest-heading">
          <h2 id="guest-heading">No account?</h2>
          <p>Try everything as a guest; your progress is kept in this browser and you can sign up later to keep it.</p>
          <GuestButton next={next} />
        </section>
      ) : null}
    </div>
  );
}
