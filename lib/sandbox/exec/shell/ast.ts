// The syntax tree of the small POSIX shell that runs `kubectl exec` commands and `sh -c` scripts
// inside simulated containers. Shapes follow the POSIX Shell Command Language grammar
// (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_10).

/** One piece of a word. `q` = quoted: no field splitting of its expansion. */
export type Part =
  | { t: "lit"; v: string; q: boolean }
  /** $name, ${name}, ${name:-arg}, ${#name}, ... (op is the operator text, arg its raw word). */
  | { t: "param"; name: string; op?: string; arg?: string; q: boolean }
  /** $(...) or `...`: the raw source, parsed when expanded. */
  | { t: "cmd"; src: string; q: boolean }
  /** $(( ... )) */
  | { t: "arith"; src: string; q: boolean };

export type Word = Part[];

export interface Redirect {
  fd: number;
  op: ">" | ">>" | "<" | ">&" | "<&" | "<>";
  target: Word;
}

export interface Simple {
  type: "simple";
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface Subshell {
  type: "subshell";
  body: List;
  redirects: Redirect[];
}

export interface Group {
  type: "group";
  body: List;
  redirects: Redirect[];
}

export interface If {
  type: "if";
  clauses: { cond: List; body: List }[];
  otherwise?: List;
  redirects: Redirect[];
}

export interface Loop {
  type: "while" | "until";
  cond: List;
  body: List;
  redirects: Redirect[];
}

export interface For {
  type: "for";
  name: string;
  /** Absent = "$@". */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface Case {
  type: "case";
  subject: Word;
  arms: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
}

/** name() { body; } */
export interface FunctionDef {
  type: "function";
  name: string;
  body: Command;
  redirects: Redirect[];
}

export type Command = Simple | Subshell | Group | If | Loop | For | Case | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  /** Ended by `&`: run in the background. */
  background: boolean;
}

export type List = AndOr[];
