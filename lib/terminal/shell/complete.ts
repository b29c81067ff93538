// Tab completion for the lab shell: the first word completes to kubectl or a builtin; kubectl's
// arguments are completed by kubectl itself (`kubectl __complete ...`, the mechanism behind its
// bash/zsh completion), so resource types and live object names come from the learner's cluster.
import { execFile } from "node:child_process";
import { BUILTINS } from "./builtins";

/** Parses `kubectl __complete` output: one candidate per line (tab, then a description), then `:<directive>`. */
export function parseCompletions(out: string): string[] {
  const lines = out.split("\n").filter((l) => l.length);
  if (lines.length && /^:\d+$/.test(lines[lines.length - 1])) lines.pop();
  return lines.map((l) => l.split("\t")[0]).filter(Boolean);
}

/** Words of a partly typed line; the last one is the word being completed ("" after a space). */
function words(line: string): string[] {
  const w = line.split(/\s+/);
  return w[0] === "" ? w.slice(1) : w;
}

export function completer(opts: { kubectl: string; env: NodeJS.ProcessEnv; cacheDir: string; timeoutMs?: number }) {
  return (line: string, callback: (err: null, result: [string[], string]) => void): void => {
    const w = words(line);
    const current = w[w.length - 1] ?? "";
    if (w.length <= 1) {
      const all = ["kubectl", ...Object.keys(BUILTINS)].filter((c) => c.startsWith(current));
      return callback(null, [all.map((c) => `${c} `), current]);
    }
    if (w[0] !== "kubectl") return callback(null, [[], current]);
    execFile(
      opts.kubectl,
      [`--cache-dir=${opts.cacheDir}`, "__complete", ...w.slice(1)],
      { env: opts.env, timeout: opts.timeoutMs ?? 3000, maxBuffer: 256 * 1024 },
      (_err, stdout) => {
        const found = parseCompletions(String(stdout ?? "")).filter((c) => c.startsWith(current));
        callback(null, [found.length === 1 ? [`${found[0]} `] : found, current]);
      },
    );
  };
}
