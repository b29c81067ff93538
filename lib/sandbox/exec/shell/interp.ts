// Runs the syntax tree: variables and expansions, pipelines (concurrent, with SIGPIPE-like
// BrokenPipe), && || ;, redirections, subshells, loops, exit codes and the shells' own wording of
// errors. Three flavours: Debian's dash ("sh: 1: curl: not found"), bash ("bash: line 1: curl:
// command not found") and busybox ash ("sh: curl: not found"), because learners read them.
import type { AndOr, Command, List, Pipeline, Redirect, Simple, Word } from "./ast";
import { ArithError, evalArith } from "./arith";
import { BrokenPipe, Collector, Input, Pipe, nullWriter, type Writer } from "./io";
import { BadSubstitution, IncompleteInput, ShellSyntaxError, readWord } from "./lexer";
import { parse } from "./parser";
import type { Flavor, ToolContext } from "../tools/types";
import type { ContainerSystem } from "../system";
import { resolvePath } from "../fs";

export interface Streams {
  stdin: Input;
  stdout: Writer;
  stderr: Writer;
}

/** Runs a command that is not a shell builtin or keyword: a tool from the image, or "not found". */
export type ExternalRunner = (ctx: ToolContext, shell: Shell) => Promise<number>;

export interface ShellOptions {
  flavor: Flavor;
  /** $0 and the prefix of error messages ("sh", "bash", "/bin/sh"). */
  name: string;
  sys: ContainerSystem;
  env: Record<string, string>;
  cwd: string;
  signal: AbortSignal;
  external: ExternalRunner;
  interactive?: boolean;
  tty?: boolean;
  args?: string[];
}

export class ExitShell extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
/** The foreground command was interrupted (Ctrl-C / client gone): status 130. */
export class Interrupted extends Error {}
class LoopControl extends Error {
  constructor(
    readonly kind: "break" | "continue",
    public levels: number,
  ) {
    super(kind);
  }
}
/** A fatal expansion/redirection error: a non-interactive shell stops the script (POSIX 2.8.1). */
class ShellError extends Error {
  constructor(readonly code: number) {
    super("shell error");
  }
}

let spins = 0;
/**
 * Yields between loop iterations so `while true; do ...; done` never blocks the server, and
 * every 100 iterations pauses 10 ms of real time: a loop without a sleep in it (a learner's
 * busy loop) costs at most a sliver of one core instead of all of it.
 */
const tick = () => new Promise<void>((r) => (++spins % 100 === 0 ? setTimeout(r, 10) : setImmediate(r)));
let pidCounter = 20;

export class Shell {
  readonly vars = new Map<string, { value: string; exported: boolean }>();
  positional: string[];
  status = 0;
  cwd: string;
  line = 0;
  /** Added to parsed line numbers (interactive sessions count lines across inputs). */
  lineOffset = 0;
  lastBg = "";
  /** Background jobs started by this shell (`cmd &`), by the pid `$!` reports, for `wait`. */
  readonly jobs = new Map<string, Promise<number>>();
  signal: AbortSignal;
  readonly pid = ++pidCounter;
  readonly functions = new Map<string, Command>();
  /** set -e / set -x. */
  errexit = false;
  xtrace = false;
  /** > 0 while running an if/while condition or a non-final part of && ||, where set -e does not apply. */
  private condDepth = 0;

  constructor(readonly opts: ShellOptions) {
    for (const [k, v] of Object.entries(opts.env)) this.vars.set(k, { value: v, exported: true });
    this.positional = opts.args ?? [];
    this.cwd = opts.cwd;
    this.signal = opts.signal;
    if (!this.vars.has("PWD")) this.vars.set("PWD", { value: this.cwd, exported: true });
  }

  get flavor(): Flavor {
    return this.opts.flavor;
  }
  get sys(): ContainerSystem {
    return this.opts.sys;
  }

  /** A copy for ( ... ) and $( ... ): same variables, its own exit. */
  fork(): Shell {
    const s = new Shell({ ...this.opts, env: {}, cwd: this.cwd, args: [...this.positional] });
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    for (const [k, v] of this.functions) s.functions.set(k, v);
    s.errexit = this.errexit;
    s.xtrace = this.xtrace;
    s.status = this.status;
    s.line = this.line;
    s.lineOffset = this.lineOffset;
    s.signal = this.signal;
    return s;
  }

  get(name: string): string | undefined {
    switch (name) {
      case "?": return String(this.status);
      case "$": return String(this.pid);
      case "#": return String(this.positional.length);
      case "0": return this.opts.name;
      case "@":
      case "*": return this.positional.join(" ");
      case "!": return this.lastBg;
      case "-": return (this.errexit ? "e" : "") + (this.opts.interactive ? "i" : "") + (this.xtrace ? "x" : "");
      // bash and busybox ash have $RANDOM; dash does not.
      case "RANDOM": return this.flavor === "dash" ? this.vars.get(name)?.value : String(Math.floor(Math.random() * 32768));
    }
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name)?.value;
  }

  set(name: string, value: string, exported?: boolean): void {
    const cur = this.vars.get(name);
    this.vars.set(name, { value, exported: exported ?? cur?.exported ?? false });
  }

  exportedEnv(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) out[k] = v.value;
    return out;
  }

  // ---- error wording ---------------------------------------------------------------------

  /** The prefix each shell puts before its own error messages. */
  prefix(): string {
    const n = this.opts.name;
    switch (this.flavor) {
      case "dash":
        return `${n}: ${this.line + this.lineOffset}: `;
      case "bash":
        return this.opts.interactive ? `${n}: ` : `${n}: line ${this.line + this.lineOffset}: `;
      case "ash":
        return `${n}: `;
    }
  }

  notFound(cmd: string, stderr: Writer): number {
    const isPath = cmd.includes("/");
    if (this.flavor === "bash") stderr.write(`${this.prefix()}${cmd}: ${isPath ? "No such file or directory" : "command not found"}\n`);
    else stderr.write(`${this.prefix()}${cmd}: not found\n`);
    return 127;
  }

  syntaxError(e: ShellSyntaxError | IncompleteInput, src: string, stderr: Writer): number {
    const lines = src.split("\n").length;
    if (e instanceof IncompleteInput) {
      if (this.flavor === "dash") stderr.write(`${this.opts.name}: ${lines + this.lineOffset}: Syntax error: ${e.expecting === "end of file" ? "end of file unexpected" : `end of file unexpected (expecting ${e.expecting})`}\n`);
      else if (this.flavor === "bash") {
        if (["'", '"', "`", ")"].includes(e.expecting)) stderr.write(`${this.opts.name}: -c: line ${lines}: unexpected EOF while looking for matching \`${e.expecting}'\n`);
        else stderr.write(`${this.opts.name}: -c: line ${lines + 1}: syntax error: unexpected end of file\n`);
      } else stderr.write(`${this.opts.name}: syntax error: unexpected end of file${e.expecting.startsWith('"') ? ` (expecting ${e.expecting})` : ""}\n`);
      return 2;
    }
    if (this.flavor === "dash") stderr.write(`${this.opts.name}: ${e.line + this.lineOffset}: Syntax error: "${e.token}" unexpected\n`);
    else if (this.flavor === "bash") {
      const where = this.opts.interactive ? "" : "-c: ";
      stderr.write(`${this.opts.name}: ${where}line ${e.line}: syntax error near unexpected token \`${e.token}'\n`);
      stderr.write(`${this.opts.name}: ${where}line ${e.line}: \`${src.split("\n")[e.line - 1] ?? src}'\n`);
    } else stderr.write(`${this.opts.name}: syntax error: unexpected "${e.token}"\n`);
    return 2;
  }

  // ---- running ---------------------------------------------------------------------------

  /** Parses and runs `src`; syntax errors print in the shell's wording and give status 2. */
  async runSource(src: string, io: Streams): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError || e instanceof IncompleteInput) {
        this.status = this.syntaxError(e, src, io.stderr);
        return this.status;
      }
      throw e;
    }
    try {
      return await this.runList(list, io);
    } catch (e) {
      if (e instanceof ShellError) {
        this.status = e.code;
        return e.code;
      }
      throw e;
    }
  }

  async runList(list: List, io: Streams): Promise<number> {
    for (const ao of list) {
      if (ao.background) {
        const bg = this.fork();
        const stdin = Input.empty();
        this.lastBg = String(++pidCounter);
        const pid = this.lastBg;
        const job = bg.runAndOr(ao, { ...io, stdin }).catch(() => 127);
        this.jobs.set(pid, job);
        void job.then(() => undefined);
        this.status = 0;
        continue;
      }
      await this.runAndOr(ao, io);
    }
    return this.status;
  }

  private async runAndOr(ao: AndOr, io: Streams): Promise<number> {
    const parts = [ao.first, ...ao.rest.map((r) => r.pipeline)];
    let st = 0;
    let ran = -1;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        const op = ao.rest[i - 1].op;
        if ((op === "&&" && st !== 0) || (op === "||" && st === 0)) continue;
      }
      // set -e ignores failures of all but the last command of an && / || list (POSIX 2.14 set -e).
      const last = i === parts.length - 1;
      if (!last) this.condDepth++;
      try {
        st = await this.runPipeline(parts[i], io);
      } finally {
        if (!last) this.condDepth--;
      }
      ran = i;
    }
    if (this.errexit && this.condDepth === 0 && st !== 0 && ran === parts.length - 1 && !parts[ran].negate) throw new ExitShell(st);
    return st;
  }

  /** Runs a condition list (if/while/until), where set -e does not apply. */
  private async runCondition(list: List, io: Streams): Promise<number> {
    this.condDepth++;
    try {
      return await this.runList(list, io);
    } finally {
      this.condDepth--;
    }
  }

  private async runPipeline(p: Pipeline, io: Streams): Promise<number> {
    if (this.signal.aborted) throw new Interrupted();
    let st: number;
    if (p.commands.length === 1) st = await this.runCommand(p.commands[0], io);
    else {
      const pipes = p.commands.slice(1).map(() => new Pipe());
      const stages = p.commands.map(async (cmd, i) => {
        // Every stage but the last runs in a subshell, as in dash and busybox ash.
        const sh = i === p.commands.length - 1 && this.flavor !== "bash" ? this : this.fork();
        const stdin = i === 0 ? io.stdin : pipes[i - 1].input;
        const stdout = i === p.commands.length - 1 ? io.stdout : pipes[i];
        try {
          return await sh.runCommand(cmd, { stdin, stdout, stderr: io.stderr });
        } catch (e) {
          if (e instanceof BrokenPipe) return 141;
          if (e instanceof ExitShell) return e.code;
          throw e;
        } finally {
          if (i < pipes.length) pipes[i].close();
          if (i > 0) pipes[i - 1].abandon();
        }
      });
      const results = await Promise.all(stages);
      st = results[results.length - 1];
    }
    if (p.negate) st = st === 0 ? 1 : 0;
    this.status = st;
    return st;
  }

  async runCommand(cmd: Command, io: Streams): Promise<number> {
    if (this.signal.aborted) throw new Interrupted();
    if (cmd.type === "simple") return this.runSimple(cmd, io);
    if (cmd.type === "function") {
      this.functions.set(cmd.name, cmd.body);
      return (this.status = 0);
    }
    const rio = await this.redirect(cmd.redirects, io);
    if (!rio) return (this.status = 1);
    switch (cmd.type) {
      case "subshell": {
        const sub = this.fork();
        try {
          return (this.status = await sub.runList(cmd.body, rio));
        } catch (e) {
          if (e instanceof ExitShell) return (this.status = e.code);
          throw e;
        }
      }
      case "group":
        return this.runList(cmd.body, rio);
      case "if": {
        for (const c of cmd.clauses) {
          if ((await this.runCondition(c.cond, rio)) === 0) return this.runList(c.body, rio);
        }
        if (cmd.otherwise) return this.runList(cmd.otherwise, rio);
        return (this.status = 0);
      }
      case "while":
      case "until": {
        let last = 0;
        while (true) {
          await tick();
          if (this.signal.aborted) throw new Interrupted();
          const c = await this.runCondition(cmd.cond, rio);
          if (cmd.type === "while" ? c !== 0 : c === 0) break;
          const r = await this.loopBody(cmd.body, rio);
          last = this.status;
          if (r === "break") break;
        }
        return (this.status = last);
      }
      case "for": {
        const items = cmd.items ? await this.expandWords(cmd.items, rio) : [...this.positional];
        let last = 0;
        for (const item of items) {
          await tick();
          if (this.signal.aborted) throw new Interrupted();
          this.set(cmd.name, item);
          const r = await this.loopBody(cmd.body, rio);
          last = this.status;
          if (r === "break") break;
        }
        return (this.status = last);
      }
      case "case": {
        const subject = (await this.expandWord(cmd.subject, rio, false))[0] ?? "";
        for (const arm of cmd.arms) {
          for (const p of arm.patterns) {
            const pat = await this.expandPattern(p, rio);
            if (pat.test(subject)) return this.runList(arm.body, rio);
          }
        }
        return (this.status = 0);
      }
    }
  }

  private async loopBody(body: List, io: Streams): Promise<"break" | "continue" | undefined> {
    try {
      await this.runList(body, io);
      return undefined;
    } catch (e) {
      if (e instanceof LoopControl) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return e.kind;
      }
      throw e;
    }
  }

  private async runSimple(cmd: Simple, io: Streams): Promise<number> {
    this.line = cmd.line;
    let argv: string[];
    try {
      argv = await this.expandWords(cmd.words, io);
    } catch (e) {
      return this.expansionFailed(e, io);
    }
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) {
      try {
        assigns.push([a.name, (await this.expandWord(a.value, io, false)).join("")]);
      } catch (e) {
        return this.expansionFailed(e, io);
      }
    }
    const rio = await this.redirect(cmd.redirects, io);
    if (!rio) return (this.status = 1);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.set(k, v);
      // The status of a command with only assignments is that of its last command substitution.
      return this.status;
    }
    if (this.xtrace) io.stderr.write(`+ ${[...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(" ")}\n`);
    const fn = this.functions.get(argv[0]);
    if (fn) return this.callFunction(fn, argv, rio);
    // [[ ... ]] (bash, and busybox ash's bash compatibility): test with string comparisons.
    if (argv[0] === "[[" && this.flavor !== "dash") argv = ["[", ...argv.slice(1, argv[argv.length - 1] === "]]" ? -1 : undefined), "]"];
    const builtin = BUILTINS[argv[0]];
    if (builtin) {
      const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
      for (const [k, v] of assigns) this.set(k, v);
      try {
        return (this.status = await builtin(this, argv, rio));
      } finally {
        // Assignments before a regular builtin do not persist (special builtins aside).
        if (!["export", "set", "exec", "eval", ":", "."].includes(argv[0])) {
          for (const [k, v] of saved) {
            if (v) this.vars.set(k, v);
            else this.vars.delete(k);
          }
        }
      }
    }
    const env = this.exportedEnv();
    for (const [k, v] of assigns) env[k] = v;
    const ctx: ToolContext = { argv, stdin: rio.stdin, stdout: rio.stdout, stderr: rio.stderr, env, cwd: this.cwd, signal: this.signal, sys: this.sys, tty: !!this.opts.tty };
    this.status = await this.opts.external(ctx, this);
    if (this.signal.aborted) throw new Interrupted();
    return this.status;
  }

  private async callFunction(body: Command, argv: string[], io: Streams): Promise<number> {
    const saved = this.positional;
    this.positional = argv.slice(1);
    try {
      return (this.status = await this.runCommand(body, io));
    } catch (e) {
      if (e instanceof ReturnFromFunction) return (this.status = e.code);
      throw e;
    } finally {
      this.positional = saved;
    }
  }

  private expansionFailed(e: unknown, io: Streams): number {
    if (e instanceof BadSubstitution) {
      io.stderr.write(`${this.prefix()}${this.flavor === "bash" ? `\${${e.text}}: bad substitution` : this.flavor === "dash" ? "Bad substitution" : `syntax error: bad substitution`}\n`);
      if (!this.opts.interactive) throw new ShellError(2);
      return (this.status = 2);
    }
    if (e instanceof ArithError) {
      io.stderr.write(`${this.prefix()}${e.message}\n`);
      if (!this.opts.interactive) throw new ShellError(2);
      return (this.status = 2);
    }
    if (e instanceof UnsetError) {
      io.stderr.write(`${this.prefix()}${e.message}\n`);
      if (!this.opts.interactive) throw new ShellError(this.flavor === "bash" ? 1 : 2);
      return (this.status = this.flavor === "bash" ? 1 : 2);
    }
    throw e;
  }

  // ---- redirections ----------------------------------------------------------------------

  private async redirect(redirects: Redirect[], io: Streams): Promise<Streams | undefined> {
    if (redirects.length === 0) return io;
    const fds: (Writer | Input | undefined)[] = [io.stdin, io.stdout, io.stderr];
    for (const r of redirects) {
      const target = (await this.expandWord(r.target, io, false)).join("");
      if (r.op === ">&" || r.op === "<&") {
        if (target === "-") {
          fds[r.fd] = r.fd === 0 ? Input.empty() : nullWriter;
          continue;
        }
        if (!/^\d+$/.test(target) || fds[Number(target)] === undefined) {
          io.stderr.write(`${this.prefix()}${this.flavor === "bash" ? `${target}: Bad file descriptor` : `${target}: bad file descriptor`}\n`);
          return undefined;
        }
        fds[r.fd] = fds[Number(target)];
        continue;
      }
      const path = resolvePath(this.cwd, target);
      if (r.op === "<" || r.op === "<>") {
        const content = this.sys.fs.read(path);
        if (content === undefined || content === null) {
          if (this.flavor === "dash") io.stderr.write(`${this.prefix()}cannot open ${target}: No such file\n`);
          else if (this.flavor === "bash") io.stderr.write(`${this.prefix()}${target}: No such file or directory\n`);
          else io.stderr.write(`${this.prefix()}can't open '${target}': No such file or directory\n`);
          return undefined;
        }
        fds[r.fd] = Input.fromString(content);
        continue;
      }
      const w = this.sys.fs.openWrite(path, r.op === ">>");
      if (typeof w === "string") {
        if (this.flavor === "dash") io.stderr.write(`${this.prefix()}cannot create ${target}: ${w === "ENOENT" ? "Directory nonexistent" : "Is a directory"}\n`);
        else if (this.flavor === "bash") io.stderr.write(`${this.prefix()}${target}: ${w === "ENOENT" ? "No such file or directory" : "Is a directory"}\n`);
        else io.stderr.write(`${this.prefix()}can't create ${target}: ${w === "ENOENT" ? "nonexistent directory" : "Is a directory"}\n`);
        return undefined;
      }
      fds[r.fd] = w;
    }
    return { stdin: fds[0] as Input, stdout: fds[1] as Writer, stderr: fds[2] as Writer };
  }

  // ---- expansions ------------------------------------------------------------------------

  async expandWords(words: Word[], io: Streams): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(await this.expandWord(w, io, true)));
    return out;
  }

  /** Expands one word into fields (split = unquoted expansions split on IFS). */
  async expandWord(word: Word, io: Streams, split: boolean): Promise<string[]> {
    // Fields under construction; `quotedAny` keeps "" as one empty field.
    const fields: string[] = [];
    let cur = "";
    let have = false;
    const ifs = this.get("IFS") ?? " \t\n";
    for (const p of word) {
      let text: string;
      if (p.t === "lit") {
        cur += p.v;
        have = true;
        continue;
      }
      if (p.t === "param" && (p.name === "@" || p.name === "*") && !p.op) {
        if (p.q && p.name === "@") {
          this.positional.forEach((arg, i) => {
            if (i === 0) cur += arg;
            else {
              fields.push(cur);
              cur = arg;
            }
            have = true;
          });
          continue;
        }
        text = this.positional.join(p.q ? (ifs[0] ?? "") : " ");
      } else if (p.t === "param") text = await this.expandParam(p.name, p.op, p.arg, io);
      else if (p.t === "cmd") text = await this.commandSubstitution(p.src, io);
      else text = String(evalArith(await this.expandArithText(p.src, io), (n) => this.get(n), (n, v) => this.set(n, v)));
      if (p.q || !split) {
        cur += text;
        have = true;
        continue;
      }
      // Field splitting on IFS whitespace.
      const pieces = text.split(new RegExp(`[${ifs.replace(/[\\\]^-]/g, "\\$&")}]+`));
      pieces.forEach((piece, i) => {
        if (i === 0) {
          cur += piece;
          if (piece) have = true;
        } else {
          if (have || cur) fields.push(cur);
          cur = piece;
          have = !!piece;
        }
      });
    }
    if (have || cur) fields.push(cur);
    return split ? fields : [fields.join(" ")];
  }

  private async expandArithText(src: string, io: Streams): Promise<string> {
    if (!/[$`]/.test(src)) return src;
    const { word } = readWord(src, 0, false, true);
    return (await this.expandWord(word, io, false)).join("");
  }

  private async expandParam(name: string, op: string | undefined, arg: string | undefined, io: Streams): Promise<string> {
    const val = this.get(name);
    const argText = async () => (arg === undefined ? "" : (await this.expandWord(readWord(arg, 0, false, true).word, io, false)).join(""));
    switch (op) {
      case undefined:
        return val ?? "";
      case "#len":
        return String((val ?? "").length);
      case ":-":
        return val ? val : argText();
      case "-":
        return val !== undefined ? val : argText();
      case ":=":
      case "=": {
        if (op === ":=" ? val : val !== undefined) return val!;
        const v = await argText();
        this.set(name, v);
        return v;
      }
      case ":+":
        return val ? argText() : "";
      case "+":
        return val !== undefined ? argText() : "";
      case ":?":
      case "?": {
        if (op === ":?" ? val : val !== undefined) return val!;
        const msg = (await argText()) || (this.flavor === "bash" ? "parameter null or not set" : "parameter not set");
        throw new UnsetError(`${name}: ${msg}`);
      }
      case "#":
      case "##":
      case "%":
      case "%%": {
        const v = val ?? "";
        const pat = globSource(await argText());
        const greedy = op.length === 2;
        if (op[0] === "#") {
          for (let i = greedy ? v.length : 0; greedy ? i >= 0 : i <= v.length; greedy ? i-- : i++) if (new RegExp(`^${pat}$`).test(v.slice(0, i))) return v.slice(i);
        } else {
          for (let i = greedy ? 0 : v.length; greedy ? i <= v.length : i >= 0; greedy ? i++ : i--) if (new RegExp(`^${pat}$`).test(v.slice(i))) return v.slice(0, i);
        }
        return v;
      }
    }
    return val ?? "";
  }

  private async expandPattern(word: Word, io: Streams): Promise<RegExp> {
    let src = "";
    for (const p of word) {
      if (p.t === "lit") src += p.q ? escapeRe(p.v) : globSource(p.v);
      else src += escapeRe((await this.expandWord([p], io, false)).join(""));
    }
    return new RegExp(`^${src}$`, "s");
  }

  private async commandSubstitution(src: string, io: Streams): Promise<string> {
    const sub = this.fork();
    const out = new Collector();
    try {
      await sub.runSource(src, { stdin: io.stdin, stdout: out, stderr: io.stderr });
    } catch (e) {
      if (!(e instanceof ExitShell)) throw e;
      sub.status = e.code;
    }
    this.status = sub.status;
    return out.text.replace(/\n+$/, "");
  }
}

class UnsetError extends Error {}
class ReturnFromFunction extends Error {
  constructor(readonly code: number) {
    super("return");
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A shell glob (* ? [..]) as regular-expression source. */
export function globSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) out += "\\[";
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "\\" && i + 1 < glob.length) out += escapeRe(glob[++i]);
    else out += escapeRe(c);
  }
  return out;
}

// ---- builtins ------------------------------------------------------------------------------

type Builtin = (sh: Shell, argv: string[], io: Streams) => Promise<number>;

/** echo, printf and test are builtins of every shell, with the tool's implementation in the shell's flavour. */
const asTool: Builtin = async (sh, argv, io) =>
  sh.opts.external({ argv, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env: sh.exportedEnv(), cwd: sh.cwd, signal: sh.signal, sys: sh.sys, tty: !!sh.opts.tty, builtinOf: sh.flavor }, sh);

export const BUILTINS: Record<string, Builtin> = {
  ":": async () => 0,
  true: async () => 0,
  false: async () => 1,
  echo: asTool,
  printf: asTool,
  test: asTool,
  "[": asTool,
  pwd: async (sh, _argv, io) => {
    io.stdout.write(`${sh.cwd}\n`);
    return 0;
  },
  cd: async (sh, argv, io) => {
    const target = argv[1] === undefined ? (sh.get("HOME") ?? "/") : argv[1] === "-" ? (sh.get("OLDPWD") ?? sh.cwd) : argv[1];
    const path = resolvePath(sh.cwd, target);
    if (!sh.sys.fs.isDir(path)) {
      const exists = sh.sys.fs.read(path) !== undefined;
      if (sh.flavor === "dash") io.stderr.write(`${sh.prefix()}cd: can't cd to ${target}\n`);
      else if (sh.flavor === "bash") io.stderr.write(`${sh.prefix()}cd: ${target}: ${exists ? "Not a directory" : "No such file or directory"}\n`);
      else io.stderr.write(`${sh.prefix()}cd: can't cd to ${target}: ${exists ? "Not a directory" : "No such file or directory"}\n`);
      return sh.flavor === "dash" ? 2 : 1;
    }
    sh.set("OLDPWD", sh.cwd, true);
    sh.cwd = path;
    sh.set("PWD", path, true);
    if (argv[1] === "-") io.stdout.write(`${path}\n`);
    return 0;
  },
  exit: async (sh, argv, io) => {
    let code = sh.status;
    if (argv[1] !== undefined) {
      if (!/^-?\d+$/.test(argv[1])) {
        if (sh.flavor === "dash") io.stderr.write(`${sh.prefix()}exit: Illegal number: ${argv[1]}\n`);
        else if (sh.flavor === "bash") io.stderr.write(`${sh.prefix()}exit: ${argv[1]}: numeric argument required\n`);
        else io.stderr.write(`${sh.prefix()}exit: Illegal number: ${argv[1]}\n`);
        code = 2;
      } else code = ((Number(argv[1]) % 256) + 256) % 256;
    }
    // Interactive bash says "exit" as it leaves; dash and ash leave silently.
    if (sh.opts.interactive && sh.flavor === "bash") io.stdout.write("exit\n");
    throw new ExitShell(code);
  },
  export: async (sh, argv, io) => {
    if (argv.length === 1 || argv[1] === "-p") {
      for (const [k, v] of [...sh.vars].sort()) if (v.exported) io.stdout.write(`export ${k}='${v.value.replace(/'/g, "'\\''")}'\n`);
      return 0;
    }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      if (eq >= 0) sh.set(a.slice(0, eq), a.slice(eq + 1), true);
      else sh.set(a, sh.get(a) ?? "", true);
    }
    return 0;
  },
  unset: async (sh, argv) => {
    for (const a of argv.slice(1)) if (!a.startsWith("-")) sh.vars.delete(a);
    return 0;
  },
  set: async (sh, argv, io) => {
    if (argv.length === 1) {
      for (const [k, v] of [...sh.vars].sort()) io.stdout.write(`${k}='${v.value.replace(/'/g, "'\\''")}'\n`);
      return 0;
    }
    let i = 1;
    for (; i < argv.length && /^[-+][a-z]+$/.test(argv[i]); i++) {
      const on = argv[i][0] === "-";
      for (const f of argv[i].slice(1)) {
        if (f === "e") sh.errexit = on;
        else if (f === "x") sh.xtrace = on;
      }
    }
    if (argv[i] === "--") sh.positional = argv.slice(i + 1);
    else if (i < argv.length) sh.positional = argv.slice(i);
    return 0;
  },
  return: async (sh, argv) => {
    throw new ReturnFromFunction(argv[1] !== undefined ? Number(argv[1]) & 255 : sh.status);
  },
  local: async (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      if (eq >= 0) sh.set(a.slice(0, eq), a.slice(eq + 1));
      else if (!sh.vars.has(a)) sh.set(a, "");
    }
    return 0;
  },
  shift: async (sh, argv) => {
    const n = argv[1] ? Number(argv[1]) : 1;
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  read: async (sh, argv, io) => {
    const names = argv.slice(1).filter((a) => !a.startsWith("-"));
    const line = await io.stdin.readLine();
    if (line === null) {
      for (const n of names) sh.set(n, "");
      return 1;
    }
    const raw = argv.includes("-r") ? line : line.replace(/\\(.)/g, "$1");
    const vars = names.length ? names : ["REPLY"];
    const fields = raw.trim().split(/[ \t]+/);
    vars.forEach((n, i) => sh.set(n, i === vars.length - 1 ? fields.slice(i).join(" ") : (fields[i] ?? "")));
    return 0;
  },
  eval: async (sh, argv, io) => sh.runSource(argv.slice(1).join(" "), io),
  exec: async (sh, argv, io) => {
    if (argv.length === 1) return 0;
    const code = await sh.opts.external({ argv: argv.slice(1), stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env: sh.exportedEnv(), cwd: sh.cwd, signal: sh.signal, sys: sh.sys, tty: !!sh.opts.tty }, sh);
    throw new ExitShell(code);
  },
  break: async (_sh, argv) => {
    throw new LoopControl("break", Number(argv[1] ?? 1));
  },
  continue: async (_sh, argv) => {
    throw new LoopControl("continue", Number(argv[1] ?? 1));
  },
  // wait [pid...]: waits for the given background jobs, or all of them; the status of the last one waited for.
  wait: async (sh, argv) => {
    const pids = argv.length > 1 ? argv.slice(1) : [...sh.jobs.keys()];
    let status = 0;
    for (const pid of pids) {
      const job = sh.jobs.get(pid);
      if (!job) {
        status = 127;
        continue;
      }
      status = await job;
      sh.jobs.delete(pid);
    }
    return status;
  },
  trap: async () => 0,
  umask: async (_sh, argv, io) => {
    if (argv.length === 1) io.stdout.write("0022\n");
    return 0;
  },
  hash: async () => 0,
  ".": async (sh, argv, io) => {
    const file = argv[1];
    const content = file ? sh.sys.fs.read(resolvePath(sh.cwd, file)) : undefined;
    if (content === undefined) {
      io.stderr.write(`${sh.prefix()}${sh.flavor === "bash" ? `${file}: No such file or directory` : `.: cannot open ${file}: No such file`}\n`);
      return sh.flavor === "bash" ? 1 : 2;
    }
    return sh.runSource(content, io);
  },
  type: async (sh, argv, io) => commandV(sh, argv.slice(1), io, true),
  command: async (sh, argv, io) => {
    if (argv[1] === "-v" || argv[1] === "-V") return commandV(sh, argv.slice(2), io, argv[1] === "-V");
    return sh.opts.external({ argv: argv.slice(1), stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env: sh.exportedEnv(), cwd: sh.cwd, signal: sh.signal, sys: sh.sys, tty: !!sh.opts.tty }, sh);
  },
};
BUILTINS.source = BUILTINS["."];

const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case", "esac", "{", "}", "!"]);

async function commandV(sh: Shell, names: string[], io: Streams, verbose: boolean): Promise<number> {
  let code = 0;
  for (const n of names) {
    if (KEYWORDS.has(n)) io.stdout.write(verbose ? `${n} is a shell keyword\n` : `${n}\n`);
    else if (BUILTINS[n]) io.stdout.write(verbose ? `${n} is a shell builtin\n` : `${n}\n`);
    else {
      const path = sh.sys.which(n);
      if (path) io.stdout.write(verbose ? `${n} is ${path}\n` : `${path}\n`);
      else {
        if (verbose) io.stderr.write(sh.flavor === "bash" ? `${sh.prefix()}type: ${n}: not found\n` : `${n}: not found\n`);
        code = verbose && sh.flavor !== "bash" ? 127 : 1;
      }
    }
  }
  return code;
}
