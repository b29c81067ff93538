// Here-documents for the lab shell (`cat <<EOF | kubectl apply -f -`, lessons use them). A
// here-document's body arrives on the lines *after* the command, so the line reader collects it:
// this module finds the `<<WORD` operators in a command line (outside quotes), and replaces each with
// a redirection from a placeholder the executor maps back to the collected body.

export interface PendingHeredoc {
  /** The placeholder that stands for this body in the rewritten command line. */
  placeholder: string;
  delimiter: string;
  /** `<<-` strips leading tabs from the body lines and the delimiter line. */
  stripTabs: boolean;
}

export const HEREDOC_PREFIX = "__lab_heredoc_";

/** Finds here-document operators; returns the line with each replaced by `< placeholder`. */
export function findHeredocs(line: string, startIndex = 0): { line: string; pending: PendingHeredoc[] } {
  const pending: PendingHeredoc[] = [];
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"' && i + 1 < line.length) {
        out += c + line[++i];
        continue;
      }
      if (c === quote) quote = null;
      out += c;
      continue;
    }
    if (c === "\\" && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c === "<" && line[i + 1] === "<" && line[i + 2] !== "<") {
      const m = /^<<(-?)[ \t]*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z0-9_.-]+))/.exec(line.slice(i));
      if (m) {
        const placeholder = `${HEREDOC_PREFIX}${startIndex + pending.length}`;
        pending.push({ placeholder, delimiter: m[2] ?? m[3] ?? m[4], stripTabs: m[1] === "-" });
        out += `< ${placeholder}`;
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return { line: out, pending };
}

/**
 * Feeds body lines to the pending here-documents in order. Returns true while more lines are needed.
 * Bodies are kept verbatim: the lab shell does not expand variables inside them.
 */
export class HeredocCollector {
  readonly bodies = new Map<string, string>();
  private current = 0;
  private lines: string[] = [];

  constructor(private readonly pending: PendingHeredoc[]) {}

  get needsMore(): boolean {
    return this.current < this.pending.length;
  }

  /** The delimiter being waited for (for the continuation prompt). */
  get waitingFor(): string | undefined {
    return this.pending[this.current]?.delimiter;
  }

  push(rawLine: string): void {
    const doc = this.pending[this.current];
    if (!doc) return;
    const line = doc.stripTabs ? rawLine.replace(/^\t+/, "") : rawLine;
    if (line === doc.delimiter) {
      this.bodies.set(doc.placeholder, this.lines.length ? `${this.lines.join("\n")}\n` : "");
      this.lines = [];
      this.current++;
      return;
    }
    this.lines.push(line);
  }
}
