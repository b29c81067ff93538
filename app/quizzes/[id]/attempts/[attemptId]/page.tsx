// /quizzes/:id/attempts/:attemptId: the review of a submitted attempt (score, every question, the right
// answer, the explanation and the lesson link). An attempt still open sends the learner back to finish it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { getAttemptState } from "@/lib/quiz/attempts";
import { QuizError } from "@/lib/quiz/errors";
import { dateText, scoreText } from "../../../_components/format";
import { draftFrom, Question } from "../../../_components/Question";
import styles from "../../../quiz.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Quiz review" };

type Props = { params: Promise<{ id: string; attemptId: string }> };

export default async function ReviewPage({ params }: Props) {
  const { id, attemptId } = await params;
  const user = await requirePageUser(`/quizzes/${id}/attempts/${attemptId}`);
  const state = await getAttemptState(user.id, id, attemptId).catch((e: unknown) => {
    if (e instanceof QuizError && e.status === 404) notFound();
    throw e;
  });
  if (!state.attempt.submittedAt) redirect(`/quizzes/${id}`);
  const a = state.attempt;
  const right = state.questions.filter((q) => q.feedback?.correct).length;
  return (
    <div className={styles.page}>
      <p className="muted">
        <Link href="/quizzes">Quizzes</Link> · <Link href="/quizzes/history">History</Link>
      </p>
      <h1>Review: {state.quiz.title}</h1>
      <section className={styles.summary} aria-label="Result">
        <div>
          <div className={styles.bigScore} data-testid="attempt-score">
            {a.percent}%
          </div>
          <div className="muted">Score {scoreText(a.score, a.maxScore)}</div>
        </div>
        <div>
          {right} of {state.total} fully correct
          <br />
          <span className="muted">Submitted {dateText(a.submittedAt)}</span>
        </div>
        <div className={styles.cardFoot}>
          <Link href={`/quizzes/${id}`} className="button button-small">
            Try again
          </Link>
        </div>
      </section>
      <ol className={styles.questions}>
        {state.questions.map((q, i) => (
          <li key={q.id}>
            <Question q={q} index={i} total={state.total} draft={draftFrom(q)} />
          </li>
        ))}
      </ol>
    </div>
  );
}
