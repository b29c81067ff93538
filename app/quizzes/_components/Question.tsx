// One question as a fieldset: the prompt (code blocks kept as code), the inputs for its type, and, once
// graded, the feedback (verdict, right answer, explanation, lesson link). No hooks, so the taker (client)
// and the review page (server) render questions the same way; read-only when `onDraft` is absent.
import type { ReactNode } from "react";
import type { AttemptQuestion } from "@/lib/quiz/attempts";
import type { PublicResponse } from "@/lib/quiz/view";
import styles from "../quiz.module.css";

/** What an input holds before it is sent: option id(s), a boolean, or the typed text. */
export type Draft = string | string[] | boolean | undefined;

export function draftFrom(q: AttemptQuestion): Draft {
  if (q.response === undefined) return q.type === "multiple" ? [] : undefined;
  if (q.type === "numeric") return String(q.response);
  return q.response as Draft;
}

/** The draft as the API expects it, or an error message for the learner. */
export function responseFrom(q: AttemptQuestion, d: Draft): { response: PublicResponse } | { error: string } {
  switch (q.type) {
    case "single":
      return typeof d === "string" ? { response: d } : { error: "Choose an option first." };
    case "multiple":
      return Array.isArray(d) && d.length ? { response: d } : { error: "Select at least one option." };
    case "truefalse":
      return typeof d === "boolean" ? { response: d } : { error: "Choose True or False first." };
    case "text":
      return typeof d === "string" && d.trim() ? { response: d.trim() } : { error: "Type an answer first." };
    case "numeric": {
      const s = typeof d === "string" ? d.trim().replace(/[\s_,](?=\d{3}\b)/g, "") : "";
      const n = Number(s);
      return s !== "" && Number.isFinite(n) ? { response: n } : { error: "Enter a number, such as 30000." };
    }
  }
}

/** Splits a prompt into its first paragraph (the legend) and the rest, with indented blocks as code. */
function promptParts(prompt: string): { legend: string; rest: { code: boolean; text: string }[] } {
  const paras = prompt.split(/\n\s*\n/);
  const rest = paras.slice(1).map((p) => {
    const lines = p.split("\n");
    const code = lines.every((l) => l.startsWith("  ") || l.trim() === "");
    return { code, text: code ? lines.map((l) => l.slice(2)).join("\n") : p };
  });
  return { legend: paras[0], rest };
}

/** Text with `inline code` spans, as the bank writes commands and field names. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((p, i) => (i % 2 ? <code key={i} className={styles.inlineCode}>{p}</code> : p))}</>;
}

const asList = (r: PublicResponse | undefined): string[] => (Array.isArray(r) ? r.map(String) : r === undefined ? [] : [String(r)]);

export function Question({
  q,
  index,
  total,
  draft,
  onDraft,
  onEnter,
  disabled,
  children,
}: {
  q: AttemptQuestion;
  index: number;
  total: number;
  draft: Draft;
  onDraft?: (d: Draft) => void;
  /** Enter in a typed answer: check it (practice) or save it (exam). */
  onEnter?: () => void;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const readOnly = !onDraft || disabled;
  const { legend, rest } = promptParts(q.prompt);
  const name = `q-${q.id}`;
  const detailsId = `${name}-details`;
  const f = q.feedback;
  const chosen = new Set(asList(q.type === "single" || q.type === "multiple" ? (draft as PublicResponse | undefined) : undefined));
  const right = new Set(f ? asList(f.correctAnswer) : []);

  return (
    <fieldset className={styles.question} aria-describedby={rest.length ? detailsId : undefined} data-question={q.id}>
      <legend>
        <span className={styles.qnum}>
          Question {index + 1} of {total}
          {q.faq ? ` · FAQ #${q.faq}` : ""}
          {q.type === "multiple" ? " · select all that apply" : ""}
        </span>
        <Inline text={legend} />
      </legend>
      {rest.length ? (
        <div id={detailsId}>
          {rest.map((p, i) =>
            p.code ? (
              <pre key={i} className={styles.code}>
                <code>{p.text}</code>
              </pre>
            ) : (
              <p key={i} className={styles.promptMore}>
                <Inline text={p.text} />
              </p>
            ),
          )}
        </div>
      ) : null}

      {q.type === "single" || q.type === "multiple" ? (
        <ul className={styles.options}>
          {q.options!.map((o) => {
            const isChosen = chosen.has(o.id);
            const isRight = right.has(o.id);
            const cls = [styles.option, f && isRight ? styles.optionRight : "", f && isChosen && !isRight ? styles.optionWrong : ""].join(" ");
            return (
              <li key={o.id}>
                <label className={cls}>
                  <input
                    type={q.type === "single" ? "radio" : "checkbox"}
                    name={name}
                    value={o.id}
                    checked={isChosen}
                    disabled={readOnly}
                    readOnly={!onDraft}
                    onChange={
                      onDraft &&
                      ((e) => {
                        if (q.type === "single") return onDraft(o.id);
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(o.id);
                        else next.delete(o.id);
                        onDraft(q.options!.map((x) => x.id).filter((id) => next.has(id)));
                      })
                    }
                  />
                  <span className={styles.optionText}>
                    <Inline text={o.text} />
                  </span>
                  {f && isRight ? <span className={styles.mark}>✓ Correct answer</span> : null}
                  {f && isChosen && !isRight ? <span className={styles.mark}>✗ Your answer</span> : null}
                  {f && isChosen && isRight ? <span className={styles.srOnly}> (your answer)</span> : null}
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}

      {q.type === "truefalse" ? (
        <ul className={styles.options}>
          {[true, false].map((v) => {
            const isChosen = draft === v;
            const isRight = f ? f.correctAnswer === v : false;
            const cls = [styles.option, f && isRight ? styles.optionRight : "", f && isChosen && !isRight ? styles.optionWrong : ""].join(" ");
            return (
              <li key={String(v)}>
                <label className={cls}>
                  <input type="radio" name={name} value={String(v)} checked={isChosen} disabled={readOnly} readOnly={!onDraft} onChange={onDraft && (() => onDraft(v))} />
                  <span className={styles.optionText}>{v ? "True" : "False"}</span>
                  {f && isRight ? <span className={styles.mark}>✓ Correct answer</span> : null}
                  {f && isChosen && !isRight ? <span className={styles.mark}>✗ Your answer</span> : null}
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}

      {q.type === "text" || q.type === "numeric" ? (
        <div className={styles.field}>
          <label htmlFor={`${name}-input`}>{q.type === "numeric" ? `Your answer (a number${q.unit ? `, in ${q.unit}` : ""})` : "Your answer"}</label>
          <input
            id={`${name}-input`}
            type="text"
            inputMode={q.type === "numeric" ? "decimal" : "text"}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={typeof draft === "string" ? draft : ""}
            disabled={readOnly}
            readOnly={!onDraft}
            onChange={onDraft && ((e) => onDraft(e.target.value))}
            onKeyDown={
              onEnter &&
              ((e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  onEnter();
                }
              })
            }
          />
        </div>
      ) : null}

      {children}

      {f ? (
        <div className={`${styles.feedback} ${f.correct ? styles.feedbackOk : styles.feedbackBad}`} role="status" tabIndex={-1} data-feedback={f.correct ? "correct" : "incorrect"}>
          <p className={styles.verdict}>
            {f.correct ? "Correct" : f.points > 0 ? `Partly right (${Math.round(f.points * 100)}% credit)` : q.response === undefined ? "Not answered" : "Not quite"}
          </p>
          {q.type === "text" && Array.isArray(f.correctAnswer) ? (
            <p>
              Accepted answer{f.correctAnswer.length > 1 ? "s" : ""}: <strong>{f.correctAnswer.join(" · ")}</strong>
            </p>
          ) : null}
          {q.type === "numeric" ? (
            <p>
              Answer: <strong>{String(f.correctAnswer)}</strong>
              {q.unit ? ` ${q.unit}` : ""}
            </p>
          ) : null}
          <p>
            <Inline text={f.explanation} />
          </p>
          <p>
            <a href={f.link.href}>{f.link.lesson === "faq" ? `Read FAQ #${f.link.anchor.replace(/^q/, "")}` : "Read the lesson section"} →</a>
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
