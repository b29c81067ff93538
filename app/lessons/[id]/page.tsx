// A lesson: title, objectives, table of contents, the compiled MDX, the lesson's labs and quiz,
// prev/next in course order, and progress (visit, last section, mark complete). No terminal code here:
// TryIt only dispatches an event that a lab page's terminal may listen for.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getLesson, getLessonMeta } from "@/lib/content/lessons";
import { getLessonProgress } from "@/lib/content/lesson-progress";
import { mdxComponentFromCode } from "@/lib/content/mdx-runtime";
import { getDb } from "@/lib/db/client";
import { labTitle, quizTitle } from "@/lib/progress/titles";
import { mdxComponents } from "@/app/_components/mdx";
import { LessonVisit, MarkComplete } from "./LessonProgress";
import styles from "./lesson.module.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const meta = getLessonMeta(id);
  return meta ? { title: meta.title, description: meta.summary } : { title: "Lesson not found" };
}

export default async function LessonPage({ params }: Params) {
  const { id } = await params;
  const lesson = await getLesson(id);
  if (!lesson) notFound();
  const user = await getCurrentUser();
  const progress = user ? await getLessonProgress(getDb(), user.id, id) : null;
  const Content = mdxComponentFromCode(lesson.code);
  const fm = lesson.frontmatter;
  const anchors = lesson.headings.map((h) => h.id);

  return (
    <div className={styles.page}>
      <LessonVisit lessonId={id} signedIn={!!user} anchors={anchors} />
      <aside className={styles.toc} aria-label="On this page">
        <p className={styles.tocTitle}>On this page</p>
        <ol>
          {lesson.headings.map((h) => (
            <li key={h.id} className={h.depth === 3 ? styles.tocSub : undefined}>
              <a href={`#${h.id}`}>{h.text}</a>
            </li>
          ))}
        </ol>
      </aside>

      <article className={styles.article} aria-labelledby="lesson-title">
        <header className={styles.header}>
          <p className={styles.eyebrow}>
            <Link href={`/#module-${lesson.moduleId}`}>{lesson.moduleTitle}</Link>
            {" · "}
            {lesson.minutes} min
            {progress?.completedAt ? <span className={styles.badge}>Completed</span> : null}
          </p>
          <h1 id="lesson-title">{lesson.title}</h1>
          <p className={styles.summary}>{lesson.summary}</p>
          <section className={styles.objectives} aria-labelledby="objectives-title">
            <h2 id="objectives-title">You will be able to</h2>
            <ul>
              {fm.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
            {fm.prerequisites.length ? (
              <p className={styles.prereq}>
                Before this lesson:{" "}
                {fm.prerequisites.map((p, i) => (
                  <span key={p}>
                    {i ? ", " : ""}
                    <Link href={`/lessons/${p}`}>{getLessonMeta(p)?.title ?? p}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        </header>

        <div className={styles.body}>
          <Content components={mdxComponents} />
        </div>

        <section className={styles.practice} aria-labelledby="practice-title">
          <h2 id="practice-title">Practise</h2>
          <ul>
            {fm.labs.map((lab) => (
              <li key={lab}>
                Lab: <Link href={`/labs/${lab}`}>{labTitle(lab)}</Link>
              </li>
            ))}
            <li>
              Quiz: <Link href={`/quizzes/${fm.quiz}`}>{quizTitle(fm.quiz)}</Link>
            </li>
          </ul>
          <MarkComplete lessonId={id} signedIn={!!user} completed={!!progress?.completedAt} />
        </section>

        <nav className={styles.pager} aria-label="Lessons">
          {lesson.prev ? (
            <Link href={`/lessons/${lesson.prev.id}`} rel="prev" className={styles.prev}>
              <span className={styles.pagerLabel}>Previous</span>
              {lesson.prev.title}
            </Link>
          ) : (
            <span />
          )}
          {lesson.next ? (
            <Link href={`/lessons/${lesson.next.id}`} rel="next" className={styles.next}>
              <span className={styles.pagerLabel}>Next</span>
              {lesson.next.title}
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  );
}
