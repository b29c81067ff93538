// Every lab of the course, by module, with the learner's completion.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getCourse } from "@/lib/content/outline";
import { getLab, listLabIds } from "@/lib/labs/load";
import styles from "./[id]/lab.module.css";

export const metadata: Metadata = { title: "Labs" };
export const dynamic = "force-dynamic";

export default async function LabsPage() {
  const user = await getCurrentUser();
  const done = new Set(
    user ? (await getDb().labProgress.findMany({ where: { userId: user.id, completedAt: { not: null } }, select: { labId: true } })).map((p) => p.labId) : [],
  );
  const existing = new Set(listLabIds());
  return (
    <div className={styles.list}>
      <h1>Labs</h1>
      <p>Each lab gives you a cluster of your own and a terminal with the real kubectl. Press Check to have your work verified.</p>
      {getCourse().modules
        .filter((m) => m.labs.some((l) => existing.has(l)))
        .map((m) => (
          <section key={m.id} aria-labelledby={`labs-${m.id}`}>
            <h2 id={`labs-${m.id}`}>{m.title}</h2>
            <ul className={styles.cards}>
              {m.labs
                .filter((l) => existing.has(l))
                .map((id) => {
                  const lab = getLab(id);
                  return (
                    <li key={id} className={styles.card}>
                      <Link href={`/labs/${id}`}>{lab.title}</Link>
                      <span className={styles.muted}>
                        {lab.difficulty} · {lab.minutes} min · {lab.tasks.length} task{lab.tasks.length === 1 ? "" : "s"}
                      </span>
                      {done.has(id) ? <span className={styles.badge}>Completed</span> : null}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
    </div>
  );
}
