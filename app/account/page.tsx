// The learner's account: who they are, what they have done, and signing out.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/outline";
import { getDb } from "@/lib/db/client";
import { getCourseProgress } from "@/lib/progress/summary";
import { SignOutButton } from "../_shell/SignOutButton";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const progress = await getCourseProgress(getDb(), user.id, getCourse());
  const done = progress.modules.reduce((n, m) => n + m.done, 0);
  const total = progress.modules.reduce((n, m) => n + m.total, 0);
  return (
    <div className="narrow">
      <h1>Account</h1>
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd>{user.isGuest ? "A guest (no email yet)" : user.email}</dd>
        {user.displayName && !user.isGuest ? (
          <>
            <dt>Name</dt>
            <dd>{user.displayName}</dd>
          </>
        ) : null}
        <dt>Role</dt>
        <dd>{user.role === "admin" ? "Instructor (admin)" : "Learner"}</dd>
        <dt>Since</dt>
        <dd>
          <time dateTime={user.createdAt.toISOString()}>{user.createdAt.toISOString().slice(0, 10)}</time>
        </dd>
        <dt>Progress</dt>
        <dd>
          {done} of {total} course items done. <Link href="/">See the course</Link>
        </dd>
      </dl>
      {user.isGuest ? (
        <section className="guest-panel" aria-labelledby="claim-heading">
          <h2 id="claim-heading">Keep your progress</h2>
          <p>Guest progress lives in this browser only. Create an account to keep it and use it anywhere.</p>
          <Link href="/signup?next=/account" className="button">
            Sign up and keep my progress
          </Link>
        </section>
      ) : (
        <SignOutButton className="button button-secondary" />
      )}
    </div>
  );
}
