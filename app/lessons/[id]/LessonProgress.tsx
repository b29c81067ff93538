"use client";
// Lesson progress from the browser: records the visit (for "continue where you left off"), the last
// section the learner reached (debounced), and "mark complete", through POST /api/progress/lessons/:id
// with the CSRF token (csrfFetch). Without a session it says how to start saving progress instead.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { csrfFetch } from "@/lib/auth/client";
import styles from "./lesson.module.css";

type Props = { lessonId: string; signedIn: boolean; completed: boolean; anchors: string[] };

async function post(lessonId: string, body: { anchor?: string; completed?: boolean }): Promise<string | null> {
  try {
    const res = await csrfFetch(`/api/progress/lessons/${encodeURIComponent(lessonId)}`, { method: "POST", json: body });
    if (res.ok) return null;
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    return data.error ?? `The server answered ${res.status}.`;
  } catch {
    return "The server could not be reached; your progress was not saved. Check your connection and try again.";
  }
}

/** Records the visit and the section in view; renders nothing. */
export function LessonVisit({ lessonId, signedIn, anchors: anchorList }: Omit<Props, "completed">) {
  const lastSent = useRef<string | null>(null);
  // a new array on every server render; the effect should rerun only when the headings really change
  const anchorKey = anchorList.join(" ");
  useEffect(() => {
    if (!signedIn) return;
    const anchors = anchorKey.split(" ").filter(Boolean);
    const hash = window.location.hash.slice(1);
    const first = anchors.includes(hash) ? hash : undefined;
    lastSent.current = first ?? null;
    void post(lessonId, first ? { anchor: first } : {});

    let timer: ReturnType<typeof setTimeout> | undefined;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) visible.add(e.target.id);
          else visible.delete(e.target.id);
        }
        // the furthest section whose heading is on screen is the one being read
        const current = [...anchors].reverse().find((a) => visible.has(a));
        if (!current || current === lastSent.current) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          lastSent.current = current;
          void post(lessonId, { anchor: current });
        }, 1500);
      },
      { rootMargin: "0px 0px -60% 0px" },
    );
    for (const a of anchors) {
      const el = document.getElementById(a);
      if (el) observer.observe(el);
    }
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [lessonId, signedIn, anchorKey]);
  return null;
}

export function MarkComplete({ lessonId, signedIn, completed: initiallyCompleted }: Omit<Props, "anchors">) {
  const [completed, setCompleted] = useState(initiallyCompleted);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const complete = useCallback(async () => {
    setBusy(true);
    setError(null);
    const err = await post(lessonId, { completed: true });
    setBusy(false);
    if (err) setError(err);
    else setCompleted(true);
  }, [lessonId]);

  if (!signedIn) {
    return (
      <p className={styles.progressNote}>
        <Link href={`/signin?next=/lessons/${lessonId}`}>Sign in</Link> or continue as a guest from the <Link href="/">course home</Link> to save your progress.
      </p>
    );
  }
  return (
    <div className={styles.complete}>
      {completed ? (
        <p className={styles.completed} role="status">
          <span aria-hidden="true">✓</span> Lesson completed
        </p>
      ) : (
        <button type="button" className={styles.completeButton} onClick={complete} disabled={busy}>
          {busy ? "Saving…" : "Mark complete"}
        </button>
      )}
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
