"use client";
// The 50 FAQ entries with a filter box. Each entry is anchored #q<number>; the filter matches the
// question, the answer and the expert note, and never hides the entry the URL's #anchor points at.
import { useEffect, useMemo, useState } from "react";
import type { FaqItem } from "@/lib/content/faq";
import styles from "./mdx.module.css";

export function FaqList({ items }: { items: FaqItem[] }) {
  const [query, setQuery] = useState("");
  const [hash, setHash] = useState("");
  useEffect(() => {
    const read = () => setHash(window.location.hash.slice(1));
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return new Set(
      items
        .filter((i) => {
          const text = `${i.number} ${i.question} ${i.answer} ${i.note ?? ""}`.toLowerCase();
          return i.id === hash || words.every((w) => text.includes(w));
        })
        .map((i) => i.id),
    );
  }, [items, query, hash]);
  return (
    <div className={styles.faq}>
      <label className={styles.faqFilter}>
        <span>Filter questions</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. DNS, NodePort, eBPF" aria-describedby="faq-count" />
      </label>
      <p id="faq-count" className={styles.faqCount} role="status" aria-live="polite">
        {shown.size === items.length ? `${items.length} questions` : `${shown.size} of ${items.length} questions match`}
      </p>
      <ol className={styles.faqList}>
        {items.map((item) => (
          <li key={item.id} id={item.id} className={styles.faqItem} hidden={!shown.has(item.id)} data-faq-number={item.number}>
            <h3 className={styles.faqQuestion}>
              <a href={`#${item.id}`} className={styles.faqNumber} aria-label={`Question ${item.number}, link to this question`}>
                {item.number}.
              </a>{" "}
              {item.question}
            </h3>
            <p className={styles.faqAnswer}>{item.answer}</p>
            {item.note ? (
              <aside className={`${styles.callout} ${styles["callout-expert"]}`} aria-label="Expert note">
                <p className={styles.calloutTitle}>Expert note</p>
                <p className={styles.calloutBody}>{item.note}</p>
              </aside>
            ) : null}
            <p className={styles.faqLink}>
              <a href={`/lessons/${item.lesson}#${item.anchor}`} aria-label={`Learn more in the lesson: question ${item.number}`}>
                Learn more in the lesson
              </a>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
