// One "check your understanding" question; the answer stays hidden until the learner asks for it
// (a native <details>, so it works without JavaScript and with the keyboard).
import type { ReactNode } from "react";
import styles from "./mdx.module.css";

export function CheckQuestion({ question, children }: { question: string; children: ReactNode }) {
  return (
    <div className={styles.check}>
      <p className={styles.checkQuestion}>{question}</p>
      <details className={styles.checkDetails}>
        <summary>Show answer</summary>
        <div className={styles.checkAnswer}>{children}</div>
      </details>
    </div>
  );
}
