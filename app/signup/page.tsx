// Sign up. A guest who signs up keeps their progress: the server turns the guest into the account.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNext } from "@/lib/server/safe-next";
import { AuthForm } from "../_shell/AuthForm";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const next = safeNext(q.next);
  const user = await getCurrentUser();
  return (
    <div className="narrow">
      <h1>Create an account</h1>
      {user && !user.isGuest ? (
        <p className="notice">
          You are signed in as <strong>{user.email}</strong>. <Link href={next}>Carry on</Link>, or create another account below.
        </p>
      ) : null}
      <AuthForm mode="signup" next={next} isGuest={!!user?.isGuest} />
    </div>
  );
}
