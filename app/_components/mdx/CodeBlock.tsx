"use client";
// A highlighted code block (shiki ran at compile time; see lib/content/mdx-plugins.ts) with a copy
// button. MDX maps every fenced <pre> here; data-code carries the raw text, so copying never
// depends on the highlighted markup.
import { useState, type ComponentProps } from "react";
import styles from "./mdx.module.css";

type PreProps = ComponentProps<"pre"> & { "data-code"?: string; "data-language"?: string };

export function CodeBlock({ children, className, style, ...rest }: PreProps) {
  const code = rest["data-code"] ?? "";
  const language = rest["data-language"];
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <div className={styles.codeBlock}>
      <div className={styles.codeBar}>
        <span className={styles.codeLang}>{language && language !== "text" ? language : ""}</span>
        <button type="button" className={styles.copyButton} onClick={copy} aria-label="Copy code to clipboard">
          {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select and copy" : "Copy"}
        </button>
      </div>
      <pre className={`${className ?? ""} ${styles.pre}`} style={style} tabIndex={0}>
        {children}
      </pre>
    </div>
  );
}
