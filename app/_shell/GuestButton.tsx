"use client";
// "Continue as guest": starts a guest session (POST /api/auth/guest) and goes on to `next`.
import { useState } from "react";
import { csrfFetch } from "@/lib/auth/client";

export function GuestButton({ next = "/", className = "button button-secondary", label = "Continue as guest" }: { next?: string; className?: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="guest-start">
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await csrfFetch("/api/auth/guest", { method: "POST" }).catch(() => null);
          if (res?.ok) {
            window.location.assign(next);
            return;
          }
          setBusy(false);
          setError(res ? ((await res.json().catch(() => ({}))) as { error?: string }).error ?? "Could not start a guest session." : "The server did not answer. Check your connection.");
        }}
      >
        {busy ? "Starting…" : label}
      </button>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
