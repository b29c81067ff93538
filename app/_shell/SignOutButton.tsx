"use client";
import { useState } from "react";
import { csrfFetch } from "@/lib/auth/client";

export function SignOutButton({ label = "Sign out", className = "link-button" }: { label?: string; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await csrfFetch("/api/auth/signout", { method: "POST" }).catch(() => null);
          if (res?.ok) {
            window.location.assign("/");
            return;
          }
          setBusy(false);
          setError(res ? ((await res.json().catch(() => ({}))) as { error?: string }).error ?? "Could not sign out." : "The server did not answer. Check your connection.");
        }}
      >
        {busy ? "Signing out…" : label}
      </button>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
