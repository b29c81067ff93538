// /quizzes/:id: take a quiz, or resume the open attempt after a reload (the server returns its saved state).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getAttemptState } from "@/lib/quiz/attempts";
import { findQuiz } from "@/lib/quiz/quizzes";
import { getQuizSummaries } from "@/lib/quiz/summary";
import { QuizTaker } from "../_components/QuizTaker";
import { SignedOut } from "../_components/SignedOut";
import styles from "../quiz.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const quiz = findQuiz((await params).id);
  return { title: quiz?.title ?? "Quiz" };
}

export default async function QuizPage({ params }: Props) {
  const { id } = await params;
  const quiz = findQuiz(id);
  if (!quiz) notFound();
  const user = await getCurrentUser();
  const summary = user ? (await getQuizSummaries(user.id)).find((s) => s.id === id)! : null;
  // getAttemptState also closes a timed exam whose time ran out while the learner was away.
  const open = user && summary?.openAttemptId ? await getAttemptState(user.id, id, summary.openAttemptId) : null;
  return (
    <div className={styles.page}>
      <p className="muted">
        <Link href="/quizzes">Quizzes</Link>
      </p>
      <h1>{quiz.title}</h1>
      {summary?.bestPercent !== null && summary?.bestPercent !== undefined ? (
        <p className="muted">
          Your best so far: {summary.bestPercent}% over {summary.attempts} attempt{summary.attempts > 1 ? "s" : ""}.
        </p>
      ) : null}
      {!user || !summary ? (
        <SignedOut next={`/quizzes/${id}`} />
      ) : (
        <QuizTaker key={open?.attempt.id ?? "new"} quiz={summary} initial={open && !open.attempt.submittedAt ? open : null} />
      )}
    </div>
  );
}
