// A lab: the intro and tasks (instructions, hint ladder, checks) beside a terminal on the learner's own
// cluster. The page itself only renders data; starting the cluster, the terminal, checks, hints and the
// solution happen in LabWorkspace through the lab-session API. Checks' internals and the solution never
// reach the page until the learner asks for them.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listLabIds, getLab } from "@/lib/labs/load";
import { compileInstructions } from "@/lib/labs/render";
import { mdxComponentFromCode } from "@/lib/content/mdx-runtime";
import { revealedHints, SOLUTION_AFTER_CHECKS } from "@/lib/sessions/progress";
import { labRuntime } from "@/lib/sessions/runtime";
import { getCourse } from "@/lib/content/outline";
import { mdxComponents } from "@/app/_components/mdx";
import { LabWorkspace, type TaskView } from "./LabWorkspace";
import styles from "./lab.module.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return listLabIds().includes(id) ? { title: getLab(id).title } : { title: "Lab not found" };
}

async function Markdown({ source }: { source: string }) {
  const Content = mdxComponentFromCode(await compileInstructions(source));
  return <Content components={mdxComponents} />;
}

export default async function LabPage({ params }: Params) {
  const { id } = await params;
  if (!listLabIds().includes(id)) notFound();
  const user = await requirePageUser(`/labs/${id}`);
  const lab = getLab(id);
  const db = getDb();
  const [hints, progress, runtime] = await Promise.all([
    revealedHints(db, user.id, lab),
    db.labProgress.findUnique({ where: { userId_labId: { userId: user.id, labId: id } } }),
    labRuntime(),
  ]);
  const live = await db.labSession.findFirst({ where: { userId: user.id, labId: id, state: { in: ["queued", "provisioning", "ready"] } }, orderBy: { createdAt: "desc" } });
  const module = getCourse().modules.find((m) => m.id === lab.module);
  const tasks: TaskView[] = lab.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    instructions: <Markdown source={t.instructions} />,
    hintsTotal: t.hints.length,
    hintsRevealed: hints[t.id] ?? [],
    checks: t.checks.map((c) => ({ id: c.id, type: c.type, title: c.title, prompt: c.type === "answer" ? c.prompt : undefined, placeholder: c.type === "answer" ? c.placeholder : undefined })),
  }));

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          <Link href={`/#module-${lab.module}`}>{module?.title ?? lab.module}</Link> · Lab · {lab.difficulty} · about {lab.minutes} min
          {progress?.completedAt ? <span className={styles.badge}>Completed</span> : null}
        </p>
        <h1>{lab.title}</h1>
        <div className={styles.intro}>
          <Markdown source={lab.intro} />
        </div>
        <p className={styles.meta}>
          Practises <Link href={`/lessons/${lab.lesson}`}>the lesson</Link>. Cluster backend: <strong>{runtime.manager.backend.name}</strong>{" "}
          <span className={styles.muted}>({runtime.backendReason})</span>
        </p>
        {lab.probes.length ? (
          <p className={styles.meta}>
            The grader adds its own pods (named <code>probe-…</code>) that carry the same labels as the workloads they stand for, and tests connectivity
            from them; leave them in place (they come back if deleted).
          </p>
        ) : null}
      </header>
      <LabWorkspace
        labId={lab.id}
        tasks={tasks}
        initialSessionId={live?.id ?? null}
        checkCount={progress?.checkCount ?? 0}
        solutionAfter={SOLUTION_AFTER_CHECKS}
        completed={Boolean(progress?.completedAt)}
      />
    </div>
  );
}
