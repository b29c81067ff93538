// A boxed aside in a lesson: note, tip, warning, or "expert note" (where the course corrects an
// imprecise common statement). Server component.
import type { ReactNode } from "react";
import styles from "./mdx.module.css";

const defaults = { note: "Note", tip: "Try this", warning: "Watch out", expert: "Expert note" } as const;
export type CalloutType = keyof typeof defaults;

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children: ReactNode }) {
  const kind: CalloutType = type in defaults ? type : "note";
  return (
    <aside className={`${styles.callout} ${styles[`callout-${kind}`]}`} role="note" aria-label={title ?? defaults[kind]}>
      <p className={styles.calloutTitle}>{title ?? defaults[kind]}</p>
      <div className={styles.calloutBody}>{children}</div>
    </aside>
  );
}
