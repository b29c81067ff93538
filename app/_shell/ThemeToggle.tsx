"use client";
// Light/dark switch. The server renders <html data-theme> from the kna_theme cookie (no flash); without a
// cookie the CSS follows prefers-color-scheme. Clicking flips the theme now and remembers it for a year.
import { useEffect, useState } from "react";

type Theme = "light" | "dark";

function effectiveTheme(): Theme {
  const set = document.documentElement.dataset.theme;
  if (set === "light" || set === "dark") return set;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function ThemeToggle({ initial }: { initial: Theme | null }) {
  const [theme, setTheme] = useState<Theme | null>(initial);
  useEffect(() => setTheme(effectiveTheme()), []);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-theme-current={theme ?? undefined}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        document.cookie = `kna_theme=${next}; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax`;
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
    </button>
  );
}
