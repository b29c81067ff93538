// Shown instead of a quiz page when there is no session: quizzes store answers, so they need one (a guest
// session is enough).
import Link from "next/link";
import { GuestButton } from "../../_shell/GuestButton";
import styles from "../quiz.module.css";

export function SignedOut({ next }: { next: string }) {
  return (
    <div className={styles.card}>
      <p>Quizzes save your answers and scores, so they need a session. A guest session is enough; you can sign up later and keep it.</p>
      <div className={styles.cardFoot}>
        <GuestButton next={next} className="button" label="Continue as guest" />
        <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </div>
    </div>
  );
}
