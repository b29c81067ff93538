// A connectivity matrix: sources down, destinations across; each cell shows what the task expects and
// what happened, and why when the grader can say. Misses stand out by colour and by text.
import type { MatrixCell } from "@/lib/grader/types";
import styles from "./lab.module.css";

const OBSERVED: Record<MatrixCell["observed"], string> = { connected: "allowed", refused: "refused", timeout: "blocked", dns: "no DNS", error: "error" };

export function Matrix({ cells }: { cells: MatrixCell[] }) {
  const sources = [...new Set(cells.map((c) => c.source))];
  const destinations = [...new Set(cells.map((c) => c.destination))];
  const cell = (s: string, d: string) => cells.find((c) => c.source === s && c.destination === d);
  return (
    <table className={styles.matrix}>
      <caption>Connectivity: expected vs actual</caption>
      <thead>
        <tr>
          <th scope="col">from \ to</th>
          {destinations.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s}>
            <th scope="row">{s}</th>
            {destinations.map((d) => {
              const c = cell(s, d);
              if (!c) return <td key={d}>–</td>;
              return (
                <td key={d} className={c.ok ? styles.cellOk : styles.cellBad} title={c.explanation}>
                  <span>{OBSERVED[c.observed]}</span>
                  <span className={styles.muted}> (expected {c.expected})</span>
                  {c.ok ? null : <span className={styles.visuallyHidden}> — does not match</span>}
                  {c.explanation ? (
                    <details className={styles.explain}>
                      <summary>why</summary>
                      {c.explanation}
                    </details>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
