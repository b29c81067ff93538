"use client";
// "End session" for one live lab session: asks first (inline, so it works with keyboard and screen
// readers without a browser dialog), then POSTs /api/admin/sessions/:id/end with the CSRF token and
// refreshes the table. Errors are shown beside the button in the server's words.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { csrfFetch } from "@/lib/auth/client";
import styles from "../admin.module.css";

type Phase = { kind: "idle" } | { kind: "confirm" } | { kind: "ending" } | { kind: "error"; message: string } | { kind: "ended" };

export function EndSessionButton({ id, what }: { id: string; what: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const router = useRouter();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (phase.kind === "confirm") confirmRef.current?.focus();
  }, [phase.kind]);

  async function end() {
    setPhase({ kind: "ending" });
    try {
      const res = await csrfFetch(`/api/admin/sessions/${encodeURIComponent(id)}/end`, { method: "POST" });
      if (res.ok) {
        setPhase({ kind: "ended" });
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setPhase({ kind: "error", message: body.error ?? `The server answered ${res.status}.` });
    } catch {
      setPhase({ kind: "error", message: "The server could not be reached. Check your connection and try again." });
    }
  }

  const cancel = () => {
    setPhase({ kind: "idle" });
    requestAnimationFrame(() => startRef.current?.focus());
  };

  return (
    <div>
      {phase.kind === "confirm" || phase.kind === "ending" ? (
        <div role="group" aria-label={`Confirm ending ${what}`} onKeyDown={(e) => e.key === "Escape" && cancel()}>
          <p className={styles.confirm}>End {what}? Their cluster and workspace are deleted.</p>
          <div className={styles.actions}>
            <button ref={confirmRef} type="button" className={`button button-small ${styles.danger}`} onClick={end} disabled={phase.kind === "ending"}>
              {phase.kind === "ending" ? "Ending…" : "Yes, end it"}
            </button>
            <button type="button" className="button button-small button-secondary" onClick={cancel} disabled={phase.kind === "ending"}>
              Keep it
            </button>
          </div>
        </div>
      ) : phase.kind === "ended" ? null : (
        <button ref={startRef} type="button" className="button button-small button-secondary" onClick={() => setPhase({ kind: "confirm" })} aria-label={`End session: ${what}`}>
          End session
        </button>
      )}
      <p className={styles.status} role="status" aria-live="polite">
        {phase.kind === "ended" ? "Session ended." : phase.kind === "error" ? <span className="form-error">{phase.message}</span> : null}
      </p>
    </div>
  );
}
