// /lessons: every lesson in course order, grouped by module, with its summary and reading time.
import type { Metadata } from "next";
import Link from "next/link";
import { listLessons } from "@/lib/content/lessons";
import { getCourse } from "@/lib/content/outline";
import styles from "./lessons.module.css";

export const metadata: Metadata = { title: "Lessons" };

export default function LessonsPage() {
  const lessons = listLessons();
  return (
    <div className={styles.page}>
      <h1>Lessons</h1>
      {getCourse().modules.map((m, i) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>
            Module {i + 1}: {m.title}
          </h2>
          <ul className={styles.list}>
            {lessons
              .filter((l) => l.moduleId === m.id)
              .map((l) => (
                <li key={l.id}>
                  <Link href={`/lessons/${l.id}`}>{l.title}</Link> <span className={styles.muted}>· {l.minutes} min</span>
                  <p className={styles.summary}>{l.summary}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
