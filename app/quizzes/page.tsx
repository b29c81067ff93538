// /quizzes: every quiz with the learner's best score, attempts and an attempt to resume.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getQuizSummaries } from "@/lib/quiz/summary";
import { SignedOut } from "./_components/SignedOut";
import styles from "./quiz.module.css";

export const metadata: Metadata = { title: "Quizzes" };
export const dynamic = "force-dynamic";

export default async function QuizzesPage() {
  const user = await getCurrentUser();
  const quizzes = user ? await getQuizSummaries(user.id) : null;
  return (
    <div className={styles.page}>
      <h1>Quizzes</h1>
      <p className={styles.lead}>
        Practice quizzes give feedback after every answer, with a link back to the lesson. The FAQ drill covers all 50 questions, the ones you missed first. The
        final exam says nothing until you submit.
      </p>
      {!quizzes ? (
        <SignedOut next="/quizzes" />
      ) : (
        <>
          <ul className={styles.grid}>
            {quizzes.map((q) => (
              <li key={q.id}>
                <article className={styles.card} aria-labelledby={`quiz-${q.id}`}>
                  <h2 id={`quiz-${q.id}`}>
                    <Link href={`/quizzes/${q.id}`}>{q.title}</Link>
                  </h2>
                  <p className="muted">
                    {q.questionCount} questions · {q.mode === "exam" ? `exam${q.timeLimitMinutes ? `, ${q.timeLimitMinutes} min if timed` : ""}` : "practice"}
                  </p>
                  <div className={styles.cardFoot}>
                    {q.bestPercent !== null ? (
                      <span className={`${styles.badge} ${q.bestPercent >= 80 ? styles.badgeOk : styles.badgeWarn}`}>Best {q.bestPercent}%</span>
                    ) : (
                      <span className={styles.badge}>Not taken yet</span>
                    )}
                    {q.attempts ? <span className="muted">{q.attempts} attempt{q.attempts > 1 ? "s" : ""}</span> : null}
                    <Link href={`/quizzes/${q.id}`} className="button button-small">
                      {q.openAttemptId ? "Resume" : q.attempts ? "Try again" : "Start"}
                    </Link>
                  </div>
                </article>
              </li>
            ))}
          </ul>
          <p>
            <Link href="/quizzes/history">Every past attempt →</Link>
          </p>
        </>
      )}
    </div>
  );
}
