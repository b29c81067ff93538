"use client";
// Taking an attempt: start (or resume what the server returns), answer, submit. Practice: "Check answer"
// sends one answer and shows the server's feedback under it, then locks it. Exam: choices are saved the
// moment they change and typed answers on leaving the field (or "Save"), with no feedback at all; a timed
// exam shows a countdown and submits itself at zero. Every decision about correctness is the server's.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { csrfFetch } from "@/lib/auth/client";
import type { AnswerResult, AttemptQuestion, AttemptState } from "@/lib/quiz/attempts";
import type { QuizSummary } from "@/lib/quiz/summary";
import styles from "../quiz.module.css";
import { draftFrom, Question, responseFrom, type Draft } from "./Question";

type QStatus = { busy?: boolean; saved?: boolean; error?: string };

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return body.error ?? `The server answered ${res.status}.`;
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function QuizTaker({ quiz, initial }: { quiz: QuizSummary; initial: AttemptState | null }) {
  const router = useRouter();
  const [state, setState] = useState<AttemptState | null>(initial);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries((initial?.questions ?? []).map((q) => [q.id, draftFrom(q)])));
  const [status, setStatus] = useState<Record<string, QStatus>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [timed, setTimed] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const submittedOnce = useRef(false);

  const base = `/api/quizzes/${encodeURIComponent(quiz.id)}`;
  const isExam = quiz.mode === "exam";
  const reviewHref = (id: string) => `/quizzes/${encodeURIComponent(quiz.id)}/attempts/${encodeURIComponent(id)}`;

  const load = (s: AttemptState) => {
    setState(s);
    setDrafts(Object.fromEntries(s.questions.map((q) => [q.id, draftFrom(q)])));
    setStatus({});
  };

  async function start() {
    setBusy(true);
    setError(null);
    const res = await csrfFetch(`${base}/attempts`, { method: "POST", json: isExam ? { timed } : {} }).catch(() => null);
    setBusy(false);
    if (!res) return setError("The server did not answer. Check your connection and try again.");
    if (!res.ok) return setError(await errorOf(res));
    load((await res.json()) as AttemptState);
  }

  const submit = useCallback(async () => {
    if (!state || submittedOnce.current) return;
    submittedOnce.current = true;
    setBusy(true);
    setError(null);
    // A typed exam answer not saved yet (the learner went straight to Submit) is saved first.
    if (isExam) {
      for (const q of state.questions) {
        const d = drafts[q.id];
        if ((q.type === "text" || q.type === "numeric") && typeof d === "string" && d.trim() !== "" && d !== draftFrom(q)) await save(q, d);
      }
    }
    const res = await csrfFetch(`${base}/attempts/${state.attempt.id}/submit`, { method: "POST" }).catch(() => null);
    if (res?.ok) {
      router.push(reviewHref(state.attempt.id));
      router.refresh();
      return;
    }
    submittedOnce.current = false;
    setBusy(false);
    setError(res ? await errorOf(res) : "The server did not answer. Your saved answers are safe; try submitting again.");
  }, [state, base, drafts, isExam]);

  async function save(q: AttemptQuestion, d: Draft): Promise<boolean> {
    if (!state) return false;
    const r = responseFrom(q, d);
    if ("error" in r) {
      setStatus((s) => ({ ...s, [q.id]: { error: r.error } }));
      return false;
    }
    setStatus((s) => ({ ...s, [q.id]: { busy: true } }));
    const res = await csrfFetch(`${base}/attempts/${state.attempt.id}/answers`, { method: "POST", json: { questionId: q.id, response: r.response } }).catch(() => null);
    if (!res) {
      setStatus((s) => ({ ...s, [q.id]: { error: "Not saved: the server did not answer. Try again." } }));
      return false;
    }
    if (!res.ok) {
      const code = res.headers.get("x-error-code");
      const message = await errorOf(res);
      if (code === "attempt_submitted" || code === "time_up") {
        router.push(reviewHref(state.attempt.id));
        router.refresh();
      }
      setStatus((s) => ({ ...s, [q.id]: { error: message } }));
      return false;
    }
    const out = (await res.json()) as AnswerResult;
    setState((prev) =>
      prev && {
        ...prev,
        questions: prev.questions.map((x) => (x.id === q.id ? { ...x, response: r.response, feedback: out.feedback?.[q.id] ?? x.feedback } : x)),
        answeredCount: prev.questions.filter((x) => x.response !== undefined || x.id === q.id).length,
      },
    );
    setStatus((s) => ({ ...s, [q.id]: { saved: true } }));
    // The answer's inputs lock once graded: move keyboard focus to the feedback instead of losing it.
    if (out.feedback?.[q.id]) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-question="${q.id}"] [data-feedback]`)?.focus());
    return true;
  }

  // The countdown of a timed exam; at zero the attempt is submitted (the server also closes it on its own).
  const deadline = state?.attempt.deadlineAt ? new Date(state.attempt.deadlineAt).getTime() : null;
  useEffect(() => {
    if (!deadline) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [deadline]);
  useEffect(() => {
    if (deadline && now >= deadline) void submit();
  }, [deadline, now, submit]);

  if (!state) {
    return (
      <div className={styles.card}>
        <p>{quiz.description}</p>
        <p>
          {quiz.questionCount} questions
          {isExam ? " · no feedback until you submit" : " · feedback after each answer"}
        </p>
        {isExam && quiz.timeLimitMinutes ? (
          <label>
            <input type="checkbox" checked={timed} onChange={(e) => setTimed(e.target.checked)} /> Timed: {quiz.timeLimitMinutes} minutes
          </label>
        ) : null}
        <div className={styles.cardFoot}>
          <button type="button" className="button" onClick={start} disabled={busy}>
            {busy ? "Starting…" : isExam ? "Start the exam" : "Start"}
          </button>
        </div>
        {error ? (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  const unanswered = state.total - state.answeredCount;
  const left = deadline ? deadline - now : null;
  // Screen readers hear the time only when it matters, not every second.
  const warning = left === null ? "" : left <= 60_000 ? "One minute left." : left <= 5 * 60_000 ? "Five minutes left." : "";

  return (
    <div>
      <div className={styles.bar}>
        <span aria-live="polite">
          {state.answeredCount} of {state.total} answered
        </span>
        {left !== null ? (
          <span role="timer" aria-label="Time left" className={`${styles.timer} ${left < 60_000 ? styles.timerLow : ""}`}>
            ⏱ {formatLeft(left)}
          </span>
        ) : null}
        <span className={styles.srOnly} aria-live="assertive">
          {warning}
        </span>
      </div>
      <ol className={styles.questions}>
        {state.questions.map((q, i) => {
          const st = status[q.id] ?? {};
          const locked = !isExam && q.feedback !== undefined;
          const typed = q.type === "text" || q.type === "numeric";
          return (
            <li key={q.id}>
              <Question
                q={q}
                index={i}
                total={state.total}
                draft={drafts[q.id]}
                disabled={locked || busy}
                onEnter={() => void save(q, drafts[q.id])}
                onDraft={(d) => {
                  setDrafts((prev) => ({ ...prev, [q.id]: d }));
                  setStatus((s) => ({ ...s, [q.id]: {} }));
                  if (isExam && !typed) void save(q, d);
                }}
              >
                {!locked ? (
                  <div
                    className={styles.actions}
                    onBlur={
                      isExam && typed
                        ? (e) => {
                            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && drafts[q.id] !== draftFrom(q)) void save(q, drafts[q.id]);
                          }
                        : undefined
                    }
                  >
                    {!isExam || typed ? (
                      <button type="button" className="button button-small" disabled={st.busy || busy} onClick={() => save(q, drafts[q.id])}>
                        {isExam ? "Save answer" : st.busy ? "Checking…" : "Check answer"}
                      </button>
                    ) : null}
                    {isExam && (st.saved || (q.response !== undefined && !st.error && !st.busy)) ? <span className={styles.saved}>Saved</span> : null}
                    {st.busy && isExam ? <span className={styles.saved}>Saving…</span> : null}
                  </div>
                ) : null}
                {st.error ? (
                  <p role="alert" className={styles.error}>
                    {st.error}
                  </p>
                ) : null}
              </Question>
            </li>
          );
        })}
      </ol>
      <div className={styles.actions}>
        {confirming && unanswered > 0 ? (
          <>
            <p role="alert">
              {unanswered} question{unanswered > 1 ? "s are" : " is"} not answered and will count as wrong. Submit anyway?
            </p>
            <button type="button" className="button" onClick={submit} disabled={busy}>
              Yes, submit
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              Keep answering
            </button>
          </>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => (unanswered > 0 ? setConfirming(true) : submit())}>
            {busy ? "Submitting…" : isExam ? "Submit the exam" : "Finish and see results"}
          </button>
        )}
      </div>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
