// The FAQ: all 50 questions with their answers, expert notes and lesson links, a filter box, and an
// anchor per question (#q1 … #q50). Data: content/faq/faq.yaml through lib/content/faq.ts.
import type { Metadata } from "next";
import Link from "next/link";
import { FaqList } from "@/app/_components/mdx/FaqList";
import { getFaq } from "@/lib/content/faq";
import styles from "./faq.module.css";

export const metadata: Metadata = {
  title: "Frequently asked questions",
  description: "50 Kubernetes networking questions, answered precisely, each linked to the lesson that teaches it.",
};

export default function FaqPage() {
  const items = getFaq();
  return (
    <div className={styles.page}>
      <h1>Frequently asked questions</h1>
      <p className={styles.lead}>
        {items.length} questions about Kubernetes networking with their short answers. Where a short answer is imprecise, an <strong>expert note</strong> gives
        the accurate statement; every answer links to the lesson section that teaches it. Test yourself with the{" "}
        <Link href="/quizzes/faq-drill">FAQ drill</Link>.
      </p>
      <FaqList items={items} />
    </div>
  );
}
