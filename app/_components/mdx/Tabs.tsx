"use client";
// Tabs for alternatives side by side (e.g. kube-proxy modes). <Tabs labels={["a","b"]}> with one <Tab>
// child per label, in order. Keyboard: arrow keys move between tabs (WAI-ARIA tabs pattern).
import { Children, isValidElement, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import styles from "./mdx.module.css";

export function Tab({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

export function Tabs({ labels, children }: { labels: string[]; children: ReactNode }) {
  const panels = Children.toArray(children).filter(isValidElement);
  const [active, setActive] = useState(0);
  const base = useId();
  function onKey(e: KeyboardEvent) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = (active + (e.key === "ArrowRight" ? 1 : labels.length - 1)) % labels.length;
    setActive(next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  }
  return (
    <div className={styles.tabs}>
      <div role="tablist" className={styles.tabList} onKeyDown={onKey}>
        {labels.map((label, i) => (
          <button
            key={label}
            id={`${base}-tab-${i}`}
            type="button"
            role="tab"
            aria-selected={i === active}
            aria-controls={`${base}-panel-${i}`}
            tabIndex={i === active ? 0 : -1}
            className={styles.tab}
            onClick={() => setActive(i)}
          >
            {label}
          </button>
        ))}
      </div>
      {panels.map((panel, i) => (
        <div key={i} id={`${base}-panel-${i}`} role="tabpanel" aria-labelledby={`${base}-tab-${i}`} hidden={i !== active} className={styles.tabPanel}>
          {panel}
        </div>
      ))}
    </div>
  );
}
