"use client";
// The working half of a lab page: start (or resume) the learner's session and follow its progress bar,
// then the terminal and editor beside the tasks, with Check per task and for all, results that say
// exactly what is wrong (a connectivity matrix for policy checks), the hint ladder, the solution, reset,
// and the session's time limits with a warning and an extension.
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { csrfFetch } from "@/lib/auth/client";
import type { PublicSession } from "@/lib/sessions/http";
import type { CheckResult, TaskResult } from "@/lib/grader/types";
import { Matrix } from "./Matrix";
import { Editor } from "./Editor";
import styles from "./lab.module.css";

// xterm.js touches `window` and is large: it loads only here, in the browser.
const Terminal = dynamic(() => import("./Terminal").then((m) => m.Terminal), { ssr: false, loading: () => <p className={styles.muted}>Loading the terminal…</p> });

export interface TaskView {
  id: string;
  title: string;
  instructions: ReactNode;
  hintsTotal: number;
  hintsRevealed: string[];
  checks: { id: string; type: string; title: string; prompt?: string; placeholder?: string }[];
}

interface Props {
  labId: string;
  tasks: TaskView[];
  initialSessionId: string | null;
  checkCount: number;
  solutionAfter: number;
  completed: boolean;
}

type Progress = { step: string; detail?: string; progress: number; queue?: number };

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
  if (!res.ok) throw new Error((body as { error?: string }).error ?? `The server answered ${res.status}.`);
  return body as T;
}

const STATUS_ICON: Record<CheckResult["status"], string> = { passed: "✓", failed: "✗", error: "!" };

export function LabWorkspace({ labId, tasks, initialSessionId, checkCount: initialChecks, solutionAfter, completed: initiallyCompleted }: Props) {
  const [session, setSession] = useState<PublicSession | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TaskResult>>({});
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [hints, setHints] = useState<Record<string, string[]>>(() => Object.fromEntries(tasks.map((t) => [t.id, t.hintsRevealed])));
  const [checking, setChecking] = useState<string | null>(null);
  const [checkCount, setCheckCount] = useState(initialChecks);
  const [completed, setCompleted] = useState(initiallyCompleted);
  const [solution, setSolution] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const events = useRef<EventSource | null>(null);

  const follow = useCallback((id: string) => {
    events.current?.close();
    const es = new EventSource(`/api/lab-sessions/${id}/events`);
    events.current = es;
    es.addEventListener("session", (e) => {
      const s = JSON.parse((e as MessageEvent).data) as PublicSession;
      setSession(s);
      if (s.state === "failed") setError(s.error ?? "The lab could not be prepared.");
    });
    es.addEventListener("step", (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      setProgress({ step: d.step, detail: d.detail, progress: d.progress });
    });
    es.addEventListener("queue", (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      setProgress((p) => ({ step: "queued", progress: p?.progress ?? 5, queue: d.position }));
    });
    es.addEventListener("ready", async () => {
      const r = await fetch(`/api/lab-sessions/${id}`, { cache: "no-store" });
      if (r.ok) setSession((await r.json()).session);
    });
    es.addEventListener("failed", (e) => setError(JSON.parse((e as MessageEvent).data).message));
    es.addEventListener("warning", (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      const at = new Date(d.endsAt).toLocaleTimeString();
      setWarning(d.reason === "idle" ? `Your lab will end at ${at} unless you use it.` : `Your lab reaches its time limit at ${at}.`);
    });
    es.addEventListener("ended", (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      setSession((s) => (s ? { ...s, state: d.state } : s));
      setWarning(d.message);
      es.close();
    });
  }, []);

  useEffect(() => {
    if (initialSessionId) follow(initialSessionId);
    return () => events.current?.close();
  }, [initialSessionId, follow]);

  async function start() {
    setError(null);
    setWarning(null);
    setBusy(true);
    try {
      const { session: s } = await json<{ session: PublicSession }>(await csrfFetch(`/api/labs/${labId}/sessions`, { method: "POST" }));
      setSession(s);
      setProgress({ step: s.step ?? "queued", progress: 5 });
      follow(s.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function sessionAction(action: "extend" | "reset") {
    if (!session) return;
    setBusy(true);
    try {
      const { session: s } = await json<{ session: PublicSession }>(await csrfFetch(`/api/lab-sessions/${session.id}/${action}`, { method: "POST" }));
      setSession(s);
      setWarning(null);
      if (action === "reset") {
        setResults({});
        setProgress({ step: s.step ?? "queued", progress: 5 });
        follow(s.id);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function check(taskId: string | null) {
    if (!session) return;
    setChecking(taskId ?? "all");
    setError(null);
    try {
      const body = await json<{ results: TaskResult[]; progress: { completed: boolean; checkCount: number } }>(
        await csrfFetch(`/api/lab-sessions/${session.id}/check`, { method: "POST", json: { taskIds: taskId ? [taskId] : [], answers } }),
      );
      setResults((r) => ({ ...r, ...Object.fromEntries(body.results.map((t) => [t.taskId, t])) }));
      setCheckCount(body.progress.checkCount);
      setCompleted(body.progress.completed);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setChecking(null);
    }
  }

  async function hint(taskId: string) {
    try {
      const body = await json<{ hints: string[] }>(await csrfFetch(`/api/labs/${labId}/hints`, { method: "POST", json: { taskId } }));
      setHints((h) => ({ ...h, [taskId]: body.hints }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function showSolution() {
    const early = checkCount < solutionAfter;
    if (early && !window.confirm("Show the solution now? Trying a few more checks first teaches more.")) return;
    try {
      const body = await json<{ script: string }>(await csrfFetch(`/api/labs/${labId}/solution`, { method: "POST", json: { confirm: true } }));
      setSolution(body.script);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const ready = session?.state === "ready";
  const provisioning = session && (session.state === "queued" || session.state === "provisioning");

  return (
    <div className={styles.workspace}>
      <section className={styles.tasks} aria-label="Tasks">
        {completed ? (
          <p className={styles.done} role="status">
            Lab complete: every task passed.
          </p>
        ) : null}
        {tasks.map((t, i) => {
          const r = results[t.id];
          return (
            <article key={t.id} className={styles.task} aria-labelledby={`task-${t.id}`}>
              <h2 id={`task-${t.id}`}>
                <span className={styles.taskNumber}>{i + 1}</span> {t.title}
                {r ? <span className={r.passed ? styles.pass : styles.fail}>{r.passed ? "passed" : "not yet"}</span> : null}
              </h2>
              <div className={styles.instructions}>{t.instructions}</div>
              {t.checks
                .filter((c) => c.type === "answer")
                .map((c) => (
                  <label key={c.id} className={styles.answer}>
                    <span>{c.prompt}</span>
                    <input
                      name={c.id}
                      value={answers[c.id] ?? ""}
                      placeholder={c.placeholder}
                      onChange={(e) => setAnswers((a) => ({ ...a, [c.id]: e.target.value }))}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </label>
                ))}
              <div className={styles.taskActions}>
                <button type="button" onClick={() => check(t.id)} disabled={!ready || checking !== null}>
                  {checking === t.id ? "Checking…" : "Check"}
                </button>
                {hints[t.id].length < t.hintsTotal ? (
                  <button type="button" className={styles.secondary} onClick={() => hint(t.id)}>
                    {hints[t.id].length ? "Next hint" : "Hint"} ({hints[t.id].length}/{t.hintsTotal})
                  </button>
                ) : null}
              </div>
              {hints[t.id].length ? (
                <ol className={styles.hints} aria-label={`Hints for ${t.title}`}>
                  {hints[t.id].map((h, j) => (
                    <li key={j}>{h}</li>
                  ))}
                </ol>
              ) : null}
              {r ? (
                <ul className={styles.results} aria-label={`Results for ${t.title}`}>
                  {r.checks.map((c) => (
                    <li key={c.checkId} className={styles[c.status]}>
                      <span className={styles.icon} aria-hidden="true">
                        {STATUS_ICON[c.status]}
                      </span>
                      <span>
                        <strong>{c.title}</strong>
                        <span className={styles.visuallyHidden}>: {c.status}</span>
                        <br />
                        {c.status === "error" ? `Could not check: ${c.message}` : c.message}
                        {c.details?.length && !c.matrix ? (
                          <ul>
                            {c.details.map((d, j) => (
                              <li key={j}>{d}</li>
                            ))}
                          </ul>
                        ) : null}
                        {c.matrix ? <Matrix cells={c.matrix} /> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          );
        })}
        <div className={styles.labActions}>
          <button type="button" onClick={() => check(null)} disabled={!ready || checking !== null}>
            {checking === "all" ? "Checking everything…" : "Check all tasks"}
          </button>
          <button type="button" className={styles.secondary} onClick={showSolution}>
            Show solution
          </button>
        </div>
        {solution ? (
          <section aria-label="Solution" className={styles.solution}>
            <h2>Solution</h2>
            <pre>
              <code>{solution}</code>
            </pre>
          </section>
        ) : null}
      </section>

      <section className={styles.console} aria-label="Lab cluster">
        {error ? (
          <p className={styles.error} role="alert">
            {error}
          </p>
        ) : null}
        {warning ? (
          <p className={styles.warning} role="status">
            {warning}{" "}
            {ready ? (
              <button type="button" className={styles.linkButton} onClick={() => sessionAction("extend")}>
                Extend
              </button>
            ) : null}
          </p>
        ) : null}
        {!session || session.state === "ended" || session.state === "expired" || session.state === "failed" ? (
          <div className={styles.startBox}>
            <p>Your own cluster with three nodes starts when you press the button. Nothing you do there affects anyone else.</p>
            <button type="button" onClick={start} disabled={busy}>
              {session ? "Start the lab again" : "Start lab"}
            </button>
          </div>
        ) : null}
        {provisioning ? (
          <div className={styles.progress}>
            <label htmlFor="lab-progress">
              {progress?.queue ? `Waiting for a free cluster: you are number ${progress.queue} in the queue` : `Preparing your lab: ${progress?.step ?? session.step ?? "starting"}`}
            </label>
            <progress id="lab-progress" max={100} value={progress?.progress ?? 5} />
            {progress?.detail ? <p className={styles.muted}>{progress.detail}</p> : null}
          </div>
        ) : null}
        {ready ? (
          <>
            <div className={styles.sessionBar}>
              <span className={styles.muted}>Cluster ready ({session.backend}).{session.expiresAt ? ` Ends at ${new Date(session.expiresAt).toLocaleTimeString()}.` : ""}</span>
              <button type="button" className={styles.linkButton} onClick={() => sessionAction("extend")} disabled={busy}>
                Extend time
              </button>
              <button
                type="button"
                className={styles.linkButton}
                onClick={() => window.confirm("Reset the lab? Your cluster is deleted and the lab starts again from its setup.") && sessionAction("reset")}
                disabled={busy}
              >
                Reset lab
              </button>
            </div>
            <Terminal sessionId={session.id} />
            <Editor sessionId={session.id} />
          </>
        ) : null}
      </section>
    </div>
  );
}
