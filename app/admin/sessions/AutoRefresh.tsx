"use client";
// Keeps the live sessions table current: re-renders the server component every 15 s while the tab is
// visible (React keeps each row's client state, so an open "End session?" question survives). The
// instructor can switch it off; the page's "Refresh" link still works.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export const REFRESH_MS = 15_000;

export function AutoRefresh() {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [on, router]);
  return (
    <label>
      <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Update every {REFRESH_MS / 1000} s
    </label>
  );
}
