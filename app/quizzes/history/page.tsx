// /quizzes/history: every attempt the learner has made, newest first, with a link to its review (or to
// resume it while it is open).
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { listAttempts } from "@/lib/quiz/attempts";
import { dateText, scoreText } from "../_components/format";
import { SignedOut } from "../_components/SignedOut";
import styles from "../quiz.module.css";

export const metadata: Metadata = { title: "Quiz history" };
export const dynamic = "force-dynamic";

export default async function HistoryPage() {
  const user = await getCurrentUser();
  const attempts = user ? await listAttempts(user.id) : null;
  return (
    <div className={styles.page}>
      <p className="muted">
        <Link href="/quizzes">Quizzes</Link>
      </p>
      <h1>Quiz history</h1>
      {!attempts ? (
        <SignedOut next="/quizzes/history" />
      ) : attempts.length === 0 ? (
        <p>
          No attempts yet. <Link href="/quizzes">Pick a quiz</Link>.
        </p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className={styles.srOnly}>Your quiz attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Quiz</th>
                <th scope="col">Started</th>
                <th scope="col">Score</th>
                <th scope="col">
                  <span className={styles.srOnly}>Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.quizTitle}
                    <br />
                    <span className="muted">{a.mode === "exam" ? "exam" : "practice"}</span>
                  </td>
                  <td>{dateText(a.startedAt)}</td>
                  <td>{a.submittedAt ? `${a.percent}% (${scoreText(a.score, a.maxScore)})` : <span className={styles.badge}>In progress</span>}</td>
                  <td>
                    {a.submittedAt ? <Link href={`/quizzes/${a.quizId}/attempts/${a.id}`}>Review</Link> : <Link href={`/quizzes/${a.quizId}`}>Resume</Link>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
