// /admin/learners/[id]: one learner in detail — per module their lessons, labs (hints, checks,
// solution) and quiz (best score, question mastery), recent check runs with pass/fail, every quiz
// attempt, and any lab session live now.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminPageUser } from "@/lib/admin/access";
import { formatDate, formatPercent, learnerLabel } from "@/lib/admin/format";
import { getLearnerDetail, type LearnerDetail } from "@/lib/admin/learner";
import { getCourse, type Course } from "@/lib/content/outline";
import { getDb } from "@/lib/db/client";
import { labTitle, lessonTitle, quizTitle } from "@/lib/progress/titles";
import { getBank } from "@/lib/quiz/bank";
import { Forbidden } from "../../_components/Forbidden";
import { TimeAt } from "../../_components/TimeAt";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Learner" };

type Props = { params: Promise<{ id: string }> };

export default async function LearnerPage({ params }: Props) {
  const { id } = await params;
  const admin = await adminPageUser(`/admin/learners/${encodeURIComponent(id)}`);
  if (!admin) return <Forbidden />;
  const course = getCourse();
  const d = await getLearnerDetail(getDb(), course, getBank(), id);
  if (!d) notFound();
  const now = new Date();
  const done = d.progress.modules.reduce((n, m) => n + m.done, 0);
  const total = d.progress.modules.reduce((n, m) => n + m.total, 0);
  return (
    <>
      <p>
        <Link href="/admin">← All learners</Link>
      </p>
      <h1>{learnerLabel(d.user)}</h1>
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          {d.user.isGuest ? "Guest (no email yet)" : "Account"}
          {d.user.role === "admin" ? ", instructor" : ""}
          {d.user.displayName ? ` · ${d.user.displayName}` : ""}
        </dd>
        <dt>User id</dt>
        <dd>
          <code>{d.user.id}</code>
        </dd>
        <dt>Joined</dt>
        <dd>{formatDate(d.user.createdAt)}</dd>
        <dt>Course items done</dt>
        <dd>
          {done} of {total}
        </dd>
        <dt>Continue at</dt>
        <dd>{d.progress.continueAt ? `${lessonTitle(d.progress.continueAt.lessonId).title} (visited ${formatDate(d.progress.continueAt.visitedAt)})` : "Has not opened a lesson yet"}</dd>
        <dt>Final exam</dt>
        <dd>
          {formatPercent(d.progress.finalExam.bestPercent)} best of {d.progress.finalExam.attempts} submitted attempt{d.progress.finalExam.attempts === 1 ? "" : "s"}
        </dd>
        <dt>Lab sessions live now</dt>
        <dd>
          {d.liveSessions.length === 0 ? (
            "none"
          ) : (
            <>
              {d.liveSessions.map((s) => `${labTitle(s.labId)} (${s.state})`).join(", ")} · <Link href="/admin/sessions">Live sessions</Link>
            </>
          )}
        </dd>
      </dl>
      <Modules detail={d} course={course} />
      <CheckRuns detail={d} now={now} />
      <Attempts detail={d} />
    </>
  );
}

function Modules({ detail: d, course }: { detail: LearnerDetail; course: Course }) {
  return (
    <section aria-labelledby="modules-heading">
      <h2 id="modules-heading">Progress by module</h2>
      {d.progress.modules.map((m) => {
        const mod = course.modules.find((x) => x.id === m.id);
        const mastery = d.mastery.find((x) => x.moduleId === m.id);
        const captionId = `module-${m.id}`;
        return (
          <div key={m.id} className={styles.tableWrap} role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className={`${styles.table} ${styles.fixed}`}>
              <colgroup>
                <col className={styles.colItem} />
                <col className={styles.colKind} />
                <col className={styles.colStatus} />
                <col />
              </colgroup>
              <caption id={captionId}>
                {mod?.title ?? m.id}: {m.done} of {m.total} done
              </caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {m.lessons.map((l) => (
                  <tr key={`lesson-${l.id}`}>
                    <th scope="row">{lessonTitle(l.id).title}</th>
                    <td>Lesson</td>
                    <td className={styles.nowrap}>{l.completed ? <span className={styles.pass}>completed</span> : l.visited ? <span className={styles.state}>visited</span> : <span className="muted">not started</span>}</td>
                    <td>{l.lastAnchor ? `last section: ${l.lastAnchor}` : ""}</td>
                  </tr>
                ))}
                {m.labs.map((l) => {
                  const rec = d.labs.get(l.id);
                  return (
                    <tr key={`lab-${l.id}`}>
                      <th scope="row">{labTitle(l.id)}</th>
                      <td>Lab</td>
                      <td className={styles.nowrap}>{l.completed ? <span className={styles.pass}>completed</span> : l.attempted ? <span className={styles.state}>attempted</span> : <span className="muted">not started</span>}</td>
                      <td>
                        {rec
                          ? `${rec.checkCount} check${rec.checkCount === 1 ? "" : "s"}, ${rec.hintsUsed} hint${rec.hintsUsed === 1 ? "" : "s"}${rec.solutionShown ? ", solution shown" : ""}`
                          : ""}
                      </td>
                    </tr>
                  );
                })}
                <tr>
                  <th scope="row">{quizTitle(m.quiz.id)}</th>
                  <td>Quiz</td>
                  <td className={styles.nowrap}>{m.quiz.bestPercent !== null ? <span className={styles.pass}>best {formatPercent(m.quiz.bestPercent)}</span> : <span className="muted">not taken</span>}</td>
                  <td>
                    {m.quiz.attempts} submitted attempt{m.quiz.attempts === 1 ? "" : "s"}
                    {mastery ? ` · questions mastered ${mastery.mastered}/${mastery.total} (${mastery.percent}%)` : ""}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

function CheckRuns({ detail: d, now }: { detail: LearnerDetail; now: Date }) {
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">Recent check runs</h2>
      <div className={styles.tableWrap} role="region" aria-labelledby="checks-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="checks-caption">
            {d.checkRunTotal === 0
              ? "Check runs"
              : d.checkRuns.length === d.checkRunTotal
                ? `All ${d.checkRunTotal} check run${d.checkRunTotal === 1 ? "" : "s"}, newest first`
                : `The latest ${d.checkRuns.length} of ${d.checkRunTotal} check runs, newest first`}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Lab</th>
              <th scope="col">Task</th>
              <th scope="col">Result</th>
              <th scope="col" className={styles.num}>
                Tasks passed
              </th>
            </tr>
          </thead>
          <tbody>
            {d.checkRuns.length === 0 ? (
              <tr>
                <td colSpan={5} className={styles.empty}>
                  No checks run yet.
                </td>
              </tr>
            ) : (
              d.checkRuns.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className={styles.nowrap}>
                    <TimeAt at={r.createdAt} now={now} relative />
                  </th>
                  <td>{labTitle(r.labId)}</td>
                  <td>{r.taskId ?? "all tasks"}</td>
                  <td>{r.passed ? <span className={styles.pass}>passed</span> : <span className={styles.fail}>failed</span>}</td>
                  <td className={styles.num}>
                    {r.tasksPassed}/{r.tasksTotal}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Attempts({ detail: d }: { detail: LearnerDetail }) {
  return (
    <section aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">Quiz attempts</h2>
      <div className={styles.tableWrap} role="region" aria-labelledby="attempts-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="attempts-caption">Every quiz attempt, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Quiz</th>
              <th scope="col">Mode</th>
              <th scope="col">Submitted</th>
              <th scope="col" className={styles.num}>
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {d.attempts.length === 0 ? (
              <tr>
                <td colSpan={5} className={styles.empty}>
                  No quiz attempts yet.
                </td>
              </tr>
            ) : (
              d.attempts.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className={styles.nowrap}>
                    <TimeAt at={new Date(a.startedAt)} />
                  </th>
                  <td>{a.quizTitle}</td>
                  <td>{a.mode}</td>
                  <td className={styles.nowrap}>{a.submittedAt ? <TimeAt at={new Date(a.submittedAt)} /> : <span className={styles.state}>in progress</span>}</td>
                  <td className={styles.num}>{a.score !== null && a.maxScore !== null ? `${a.score}/${a.maxScore} (${formatPercent(a.percent)})` : "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
