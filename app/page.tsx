// The course home: every module with its lessons, labs and practice quiz, the learner's progress on each,
// mastery per module (best practice-quiz score), "continue where you left off", and the final exam.
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/outline";
import { getDb } from "@/lib/db/client";
import { getCourseProgress, type ModuleProgress } from "@/lib/progress/summary";
import { labTitle, lessonTitle, quizTitle } from "@/lib/progress/titles";
import { GuestButton } from "./_shell/GuestButton";

export const dynamic = "force-dynamic";

function Status({ done, started }: { done: boolean; started?: boolean }) {
  const label = done ? "Done" : started ? "Started" : "Not started";
  return <span className={`status status-${done ? "done" : started ? "started" : "todo"}`}>{label}</span>;
}

function Meter({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, value));
  return (
    <div className="meter" role="img" aria-label={label}>
      <div className="meter-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

function ModuleCard({ index, mod, progress, signedIn }: { index: number; mod: ReturnType<typeof getCourse>["modules"][number]; progress: ModuleProgress; signedIn: boolean }) {
  const headingId = `module-${mod.id}`;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <li className="module-card">
      <article aria-labelledby={headingId}>
        <header className="module-head">
          <p className="eyebrow">Module {index + 1}</p>
          <h2 id={headingId}>{mod.title}</h2>
          <p className="summary">{mod.summary}</p>
          {signedIn ? (
            <div className="module-progress">
              <Meter value={pct} label={`${progress.done} of ${progress.total} done`} />
              <p className="muted">
                {progress.done} of {progress.total} done
                {progress.mastery !== null ? (
                  <>
                    {" · "}
                    <span className="mastery">Mastery {Math.round(progress.mastery)}%</span>
                  </>
                ) : null}
              </p>
            </div>
          ) : null}
        </header>
        <div className="module-body">
          <section aria-label={`Lessons in ${mod.title}`}>
            <h3>Lessons</h3>
            <ul className="items">
              {progress.lessons.map((l) => {
                const meta = lessonTitle(l.id);
                return (
                  <li key={l.id}>
                    <span className="item-main">
                      <Link href={`/lessons/${l.id}`}>{meta.title}</Link>
                      {meta.minutes ? <span className="muted"> · {meta.minutes} min</span> : null}
                    </span>
                    {signedIn ? <Status done={l.completed} started={l.visited} /> : null}
                  </li>
                );
              })}
            </ul>
          </section>
          {progress.labs.length ? (
            <section aria-label={`Labs in ${mod.title}`}>
              <h3>Labs</h3>
              <ul className="items">
                {progress.labs.map((l) => (
                  <li key={l.id}>
                    <span className="item-main">
                      <Link href={`/labs/${l.id}`}>{labTitle(l.id)}</Link>
                    </span>
                    {signedIn ? <Status done={l.completed} started={l.attempted} /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-label={`Quiz for ${mod.title}`}>
            <h3>Quiz</h3>
            <ul className="items">
              <li>
                <span className="item-main">
                  <Link href={`/quizzes/${mod.quiz}`}>{quizTitle(mod.quiz)}</Link>
                </span>
                {signedIn ? (
                  progress.quiz.bestPercent !== null ? (
                    <span className="status status-done">Best {Math.round(progress.quiz.bestPercent)}%</span>
                  ) : (
                    <Status done={false} />
                  )
                ) : null}
              </li>
            </ul>
          </section>
        </div>
      </article>
    </li>
  );
}

export default async function HomePage() {
  const course = getCourse();
  const user = await getCurrentUser();
  const progress = await getCourseProgress(getDb(), user?.id ?? null, course);
  const cont = progress.continueAt;
  const started = progress.modules.some((m) => m.done > 0) || !!cont;
  return (
    <div className="home">
      <section className="hero" aria-labelledby="course-title">
        <h1 id="course-title">{course.title}</h1>
        <p className="lead">
          Learn how pods, Services, Ingress, NetworkPolicy and CNI plugins really move packets, then prove it: every lab gives you a terminal where real{" "}
          <code>kubectl</code> talks to a cluster of your own, and a Check button grades what you built.
        </p>
        {!user ? (
          <div className="hero-actions">
            <GuestButton className="button" label="Start as a guest" />
            <Link href="/signup" className="button button-secondary">
              Create an account
            </Link>
            <Link href="/signin">Sign in</Link>
          </div>
        ) : null}
        {user && cont ? (
          <p className="continue">
            <span className="muted">Continue where you left off:</span>{" "}
            <Link href={`/lessons/${cont.lessonId}${cont.anchor ? `#${cont.anchor}` : ""}`} className="button">
              {lessonTitle(cont.lessonId).title}
            </Link>
          </p>
        ) : null}
        {user && !started ? (
          <p className="continue">
            <Link href={`/lessons/${course.modules[0].lessons[0]}`} className="button">
              Start with {lessonTitle(course.modules[0].lessons[0]).title}
            </Link>
          </p>
        ) : null}
        {user?.isGuest ? (
          <p className="muted">
            You are a guest: your progress is kept in this browser. <Link href="/signup">Sign up</Link> to keep it for good.
          </p>
        ) : null}
      </section>

      <ol className="modules" aria-label="Course modules">
        {course.modules.map((m, i) => (
          <ModuleCard key={m.id} index={i} mod={m} progress={progress.modules[i]} signedIn={!!user} />
        ))}
      </ol>

      <section className="exam-card" aria-labelledby="final-exam">
        <h2 id="final-exam">Final exam</h2>
        <p>Questions drawn across every module; no feedback until you submit, then a full review.</p>
        <p>
          <Link href={`/quizzes/${course.finalExam}`} className="button button-secondary">
            {quizTitle(course.finalExam)}
          </Link>
          {user && progress.finalExam.bestPercent !== null ? <span className="status status-done">Best {Math.round(progress.finalExam.bestPercent)}%</span> : null}
        </p>
      </section>
    </div>
  );
}
