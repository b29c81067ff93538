// Splits shell source into tokens (words with their quoting kept as parts, operators, newlines),
// following POSIX token recognition (XCU 2.3): quotes ' " \, expansions $x ${x} $(..) $((..)) `..`,
// operators && || ; & | ( ) < > >> >& <& and IO numbers (the 2 in 2>&1).
import type { Part, Word } from "./ast";

export type Token =
  | { kind: "word"; word: Word; raw: string; line: number }
  | { kind: "op"; op: string; fd?: number; line: number }
  | { kind: "newline"; line: number }
  | { kind: "eof"; line: number };

/** Input ended inside a quote or an unfinished construct: an interactive shell asks for more (PS2). */
export class IncompleteInput extends Error {
  constructor(readonly expecting: string) {
    super(`unexpected end of file (expecting ${expecting})`);
  }
}

/** A syntax error, with the offending token as the shells quote it. */
export class ShellSyntaxError extends Error {
  constructor(
    readonly token: string,
    readonly line: number,
  ) {
    super(`syntax error near unexpected token \`${token}'`);
  }
}

const OPERATORS = ["&&", "||", ";;", ">>", ">&", "<&", "<>", ">|", ";", "&", "|", "(", ")", "<", ">"];
const META = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      out.push({ kind: "newline", line });
      line++;
      i++;
      continue;
    }
    // IO number: digits directly followed by < or >.
    const io = /^(\d+)(?=[<>])/.exec(src.slice(i));
    if (io) {
      i += io[1].length;
      const op = OPERATORS.find((o) => src.startsWith(o, i))!;
      out.push({ kind: "op", op, fd: Number(io[1]), line });
      i += op.length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: "op", op, line });
      i += op.length;
      continue;
    }
    const start = i;
    const startLine = line;
    const r = readWord(src, i, false);
    i = r.end;
    line += countNewlines(src.slice(start, i));
    out.push({ kind: "word", word: r.word, raw: src.slice(start, i), line: startLine });
  }
  out.push({ kind: "eof", line });
  return out;
}

const countNewlines = (s: string) => s.split("\n").length - 1;

/**
 * Reads one word starting at `i`. With `inParam` (the word inside ${x:-word}) it stops at the
 * closing brace; with `whole` it reads to the end of `src` (for re-lexing an already-split string).
 */
export function readWord(src: string, i: number, inParam: boolean, whole = false): { word: Word; end: number } {
  const parts: Part[] = [];
  const lit = (v: string, q: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last.t === "lit" && last.q === q) last.v += v;
    else parts.push({ t: "lit", v, q });
  };
  while (i < src.length) {
    const c = src[i];
    if (!whole && !inParam && META.has(c)) break;
    if (inParam && c === "}") break;
    if (c === "\\") {
      if (i + 1 >= src.length) {
        lit("\\", false);
        i++;
        continue;
      }
      if (src[i + 1] === "\n") {
        i += 2;
        continue;
      }
      lit(src[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new IncompleteInput("'");
      lit(src.slice(i + 1, close), true);
      // An empty '' still makes a (quoted, empty) word.
      if (close === i + 1) parts.push({ t: "lit", v: "", q: true });
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i = readDoubleQuoted(src, i + 1, parts, lit);
      continue;
    }
    if (c === "$" || c === "`") {
      const r = readDollar(src, i, false);
      if (r) {
        parts.push(r.part);
        i = r.end;
        continue;
      }
    }
    lit(c, false);
    i++;
  }
  return { word: parts, end: i };
}

function readDoubleQuoted(src: string, i: number, parts: Part[], lit: (v: string, q: boolean) => void): number {
  let any = false;
  while (true) {
    if (i >= src.length) throw new IncompleteInput('"');
    const c = src[i];
    if (c === '"') {
      if (!any) parts.push({ t: "lit", v: "", q: true });
      return i + 1;
    }
    any = true;
    if (c === "\\" && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1])) {
      if (src[i + 1] !== "\n") lit(src[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "$" || c === "`") {
      const r = readDollar(src, i, true);
      if (r) {
        parts.push(r.part);
        i = r.end;
        continue;
      }
    }
    lit(c, true);
    i++;
  }
}

const SPECIAL_PARAMS = "?$#@*!-0123456789";

function readDollar(src: string, i: number, q: boolean): { part: Part; end: number } | undefined {
  if (src[i] === "`") {
    let j = i + 1;
    let body = "";
    while (true) {
      if (j >= src.length) throw new IncompleteInput("`");
      if (src[j] === "\\" && j + 1 < src.length && "$`\\".includes(src[j + 1])) {
        body += src[j + 1];
        j += 2;
        continue;
      }
      if (src[j] === "`") break;
      body += src[j++];
    }
    return { part: { t: "cmd", src: body, q }, end: j + 1 };
  }
  const n = src[i + 1];
  if (n === undefined) return undefined;
  if (src.startsWith("$((", i)) {
    const end = matchClose(src, i + 3, 2);
    return { part: { t: "arith", src: src.slice(i + 3, end - 2), q }, end };
  }
  if (n === "(") {
    const end = matchClose(src, i + 2, 1);
    return { part: { t: "cmd", src: src.slice(i + 2, end - 1), q }, end };
  }
  if (n === "{") {
    const close = findBraceEnd(src, i + 2);
    const inner = src.slice(i + 2, close);
    return { part: parseBraced(inner, q), end: close + 1 };
  }
  if (SPECIAL_PARAMS.includes(n)) return { part: { t: "param", name: n, q }, end: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (m) return { part: { t: "param", name: m[0], q }, end: i + 1 + m[0].length };
  return undefined;
}

/** Index just past the `depth` closing parens that match, skipping quotes. */
function matchClose(src: string, i: number, depth: number): number {
  let d = depth;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new IncompleteInput("'");
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
      if (i >= src.length) throw new IncompleteInput('"');
      i++;
      continue;
    }
    if (c === "(") d++;
    if (c === ")") {
      d--;
      if (d === 0) return i + 1;
      // $(( a ) ) is still closed by "))" in practice; keep counting.
    }
    i++;
  }
  throw new IncompleteInput(")");
}

function findBraceEnd(src: string, i: number): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new IncompleteInput("'");
      i = close + 1;
      continue;
    }
    if (c === "{") depth++;
    if (c === "}" && --depth === 0) return i;
    i++;
  }
  throw new IncompleteInput("}");
}

const PARAM_OPS = [":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%"];

function parseBraced(inner: string, q: boolean): Part {
  if (inner.startsWith("#") && inner.length > 1) return { t: "param", name: inner.slice(1), op: "#len", q };
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*!0-9-])/.exec(inner);
  if (!m) throw new BadSubstitution(inner);
  const rest = inner.slice(m[0].length);
  if (!rest) return { t: "param", name: m[0], q };
  const op = PARAM_OPS.find((o) => rest.startsWith(o));
  if (!op) throw new BadSubstitution(inner);
  return { t: "param", name: m[0], op, arg: rest.slice(op.length), q };
}

/** `${x!}` and friends: "sh: 1: Bad substitution" in dash, "bad substitution" in bash. */
export class BadSubstitution extends Error {
  constructor(readonly text: string) {
    super("Bad substitution");
  }
}
