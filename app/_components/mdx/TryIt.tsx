"use client";
// "Try it": a command the learner can run. When a lab terminal is open on the page it listens for the
// window event "lab-terminal:run" ({ command }) and calls event.preventDefault() to say it took the
// command; otherwise (lesson pages ship no terminal) the button copies the command and says so.
import { useState } from "react";
import styles from "./mdx.module.css";

export const LAB_TERMINAL_RUN_EVENT = "lab-terminal:run";
export type LabTerminalRunDetail = { command: string };

/** Sends a command to an open lab terminal; true when a terminal accepted it. */
export function sendToLabTerminal(command: string): boolean {
  const event = new CustomEvent<LabTerminalRunDetail>(LAB_TERMINAL_RUN_EVENT, { detail: { command }, cancelable: true });
  // dispatchEvent returns false when a listener called preventDefault(): the terminal took it
  return !window.dispatchEvent(event);
}

export function TryIt({ command, children }: { command: string; children?: React.ReactNode }) {
  const [status, setStatus] = useState("");
  async function run() {
    if (sendToLabTerminal(command)) {
      setStatus("Sent to the lab terminal.");
      return;
    }
    try {
      await navigator.clipboard.writeText(command);
      setStatus("No lab terminal is open: the command is copied. Paste it into a lab terminal or your own cluster.");
    } catch {
      setStatus("No lab terminal is open and the clipboard is unavailable: select the command and copy it.");
    }
  }
  return (
    <div className={styles.tryIt}>
      <p className={styles.tryItLabel}>Try it</p>
      {children ? <div className={styles.tryItText}>{children}</div> : null}
      <div className={styles.tryItRow}>
        <code className={styles.tryItCommand}>{command}</code>
        <button type="button" className={styles.tryItButton} onClick={run} aria-label={`Run in lab terminal: ${command}`}>
          Run
        </button>
      </div>
      <p className={styles.tryItStatus} role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
