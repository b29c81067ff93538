// Runs one command line of the lab shell. The syntax is the POSIX shell's (parsed by the sandbox's
// shell parser), but only simple commands joined by |, &&, || and ; are run, and the only program
// is kubectl, vetted by policy.ts, with the session's kubeconfig and cache; everything else is a
// builtin confined to the workspace. A command that runs too long or prints too much is stopped
// with a message instead of hanging the terminal.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, symlinkSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../../sandbox/exec/shell/parser";
import { IncompleteInput, ShellSyntaxError } from "../../sandbox/exec/shell/lexer";
import type { Command, Pipeline, Redirect, Simple, Word } from "../../sandbox/exec/shell/ast";
import { Refused, vetKubectl, workspacePath, type Workspace } from "../policy";
import { BUILTINS, readText, type BuiltinIO } from "./builtins";
import { HEREDOC_PREFIX } from "./heredoc";

export interface ShellContext {
  ws: Workspace;
  /** The kubectl binary, the session's kubeconfig and cache folder. */
  kubectl: string;
  kubeconfig: string;
  cacheDir: string;
  /** Per-command limits. */
  timeoutMs: number;
  interactiveTimeoutMs: number;
  outputBytes: number;
  /** The terminal. */
  write(s: string): void;
  /** Exit status of the last command ($?). */
  status: number;
  history: string[];
  /** Set while a foreground command runs; Ctrl-C aborts it. */
  current?: AbortController;
}

export class LabShellError extends Error {}

const ERR = (msg: string) => `lab: ${msg}\n`;

/** PATH for kubectl: a folder holding only kubectl (and diff for `kubectl diff`), so no plugin or host program is found. */
export function kubectlPathDir(ctx: ShellContext): string {
  const dir = join(ctx.cacheDir, "bin");
  if (!existsSync(join(dir, "kubectl"))) {
    mkdirSync(dir, { recursive: true });
    symlinkSync(ctx.kubectl, join(dir, "kubectl"));
    if (existsSync("/usr/bin/diff")) symlinkSync("/usr/bin/diff", join(dir, "diff"));
  }
  return dir;
}

export function kubectlEnv(ctx: ShellContext): NodeJS.ProcessEnv {
  return {
    NODE_ENV: process.env.NODE_ENV,
    PATH: kubectlPathDir(ctx),
    HOME: ctx.cacheDir,
    KUBECONFIG: ctx.kubeconfig,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
  };
}

/** Expands a word: quotes removed, $? and $HOME/$PWD known, $(...) runs a command and captures it. */
async function expandWord(ctx: ShellContext, w: Word, heredocs: Map<string, string>): Promise<string[]> {
  let text = "";
  let splittable = false;
  for (const p of w) {
    if (p.t === "lit") text += p.v;
    else if (p.t === "param") {
      const v = p.name === "?" ? String(ctx.status) : p.name === "HOME" ? "~" : p.name === "PWD" ? ctx.ws.cwd : undefined;
      if (v === undefined) throw new LabShellError(`$${p.name}: variables are not available in the lab terminal`);
      text += v;
      splittable ||= !p.q;
    } else if (p.t === "cmd") {
      const out = await capture(ctx, p.src, heredocs);
      text += out.replace(/\n+$/, "");
      splittable ||= !p.q;
    } else throw new LabShellError("arithmetic is not available in the lab terminal");
  }
  return splittable ? text.split(/\s+/).filter(Boolean) : [text];
}

/** Runs a command line and returns what it printed (for $(...)). */
async function capture(ctx: ShellContext, src: string, heredocs: Map<string, string>): Promise<string> {
  let out = "";
  const sub: ShellContext = { ...ctx, write: (s) => (out += s) };
  await runList(sub, src, heredocs, (s) => (out += s));
  return out;
}

interface Stage {
  name: string;
  args: string[];
  redirects: { op: Redirect["op"]; fd: number; path: string }[];
}

async function prepareStage(ctx: ShellContext, cmd: Command, heredocs: Map<string, string>): Promise<Stage> {
  if (cmd.type !== "simple") throw new LabShellError(`${cmd.type === "subshell" ? "( )" : cmd.type}: only simple commands run in the lab terminal (try kubectl, ls, cat, echo; type help)`);
  const simple = cmd as Simple;
  if (simple.assigns.length) throw new LabShellError(`${simple.assigns[0].name}=...: environment variables cannot be set in the lab terminal`);
  const words: string[] = [];
  for (const w of simple.words) words.push(...(await expandWord(ctx, w, heredocs)));
  const redirects: Stage["redirects"] = [];
  for (const r of simple.redirects) {
    const target = (await expandWord(ctx, r.target, heredocs)).join(" ");
    if (r.op === "<" && target.startsWith(HEREDOC_PREFIX)) redirects.push({ op: r.op, fd: r.fd, path: target });
    else if (r.op === ">&" && /^[12]$/.test(target)) redirects.push({ op: r.op, fd: r.fd, path: target });
    else if (target === "/dev/null") redirects.push({ op: r.op, fd: r.fd, path: "/dev/null" });
    else redirects.push({ op: r.op, fd: r.fd, path: workspacePath(ctx.ws, target) });
  }
  return { name: words[0] ?? "", args: words.slice(1), redirects };
}

/** Is this kubectl call interactive (needs the terminal itself: exec -it, run -it, attach -it)? */
function isInteractive(args: string[]): boolean {
  const sub = args.find((a) => !a.startsWith("-"));
  if (!sub || !["exec", "run", "attach", "debug"].includes(sub)) return false;
  const flags = args.slice(0, args.includes("--") ? args.indexOf("--") : args.length);
  return flags.some((a) => a === "-it" || a === "-ti" || a === "-t" || a === "--tty" || a === "--tty=true" || /^-[a-z]*t[a-z]*$/.test(a));
}

/** Runs kubectl: streams to `out` (capped), or hands it the terminal for interactive commands. */
function runKubectl(ctx: ShellContext, args: string[], stdin: string | undefined, out: (s: string) => void, err: (s: string) => void, tty: boolean): Promise<number> {
  const vetted = vetKubectl(args, ctx.ws);
  const argv = [`--cache-dir=${ctx.cacheDir}`, ...vetted];
  return new Promise((resolve) => {
    const ac = new AbortController();
    ctx.current = ac;
    const child = spawn(kubectlPathDir(ctx) + "/kubectl", argv, {
      cwd: ctx.ws.cwd,
      env: kubectlEnv(ctx),
      stdio: tty ? "inherit" : ["pipe", "pipe", "pipe"],
    });
    let bytes = 0;
    let stopped: string | undefined;
    const stop = (why: string) => {
      if (stopped) return;
      stopped = why;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    };
    const limit = tty ? ctx.interactiveTimeoutMs : ctx.timeoutMs;
    const timer = setTimeout(() => stop(`stopped after ${Math.round(limit / 1000)} s (the lab terminal's time limit for one command)`), limit);
    ac.signal.addEventListener("abort", () => stop("interrupted"));
    if (!tty) {
      const feed = (sink: (s: string) => void) => (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > ctx.outputBytes) return stop(`output stopped after ${Math.round(ctx.outputBytes / 1024)} KiB (the lab terminal's limit for one command); narrow it with -l, --field-selector or | head`);
        sink(chunk.toString());
      };
      child.stdout!.on("data", feed(out));
      child.stderr!.on("data", feed(err));
      child.stdin!.on("error", () => undefined);
      child.stdin!.end(stdin ?? "");
    }
    child.on("error", (e) => {
      err(ERR(`kubectl could not start: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      ctx.current = undefined;
      if (stopped && stopped !== "interrupted") err(ERR(stopped));
      resolve(stopped === "interrupted" || signal === "SIGINT" ? 130 : stopped ? 124 : (code ?? 1));
    });
  });
}

async function runPipeline(ctx: ShellContext, p: Pipeline, heredocs: Map<string, string>, write: (s: string) => void): Promise<number> {
  const stages: Stage[] = [];
  for (const c of p.commands) stages.push(await prepareStage(ctx, c, heredocs));
  let input: string | undefined;
  let status = 0;
  for (const [i, st] of stages.entries()) {
    const last = i === stages.length - 1;
    let out = "";
    let errOut = "";
    const files: { fd: number; path: string; append: boolean }[] = [];
    let stdin = input;
    let errToOut = false;
    for (const r of st.redirects) {
      if (r.op === "<") stdin = r.path.startsWith(HEREDOC_PREFIX) ? (heredocs.get(r.path) ?? "") : await readText(ctx, r.path);
      else if (r.op === ">&" && r.fd === 2 && r.path === "1") errToOut = true;
      else if (r.op === ">" || r.op === ">>") files.push({ fd: r.fd, path: r.path, append: r.op === ">>" });
    }
    const toFile = (fd: number) => files.find((f) => f.fd === fd);
    const streamOut = last && !toFile(1);
    const sinkOut = (s: string) => (streamOut ? write(s) : (out += s));
    const sinkErr = (s: string) => (errToOut ? sinkOut(s) : toFile(2) ? (errOut += s) : write(s));
    if (st.name === "kubectl") {
      const tty = isInteractive(st.args) && stages.length === 1 && st.redirects.length === 0;
      status = await runKubectl(ctx, st.args, stdin, sinkOut, sinkErr, tty);
    } else if (st.name === "") {
      status = 0;
    } else {
      const b = BUILTINS[st.name];
      if (!b) {
        sinkErr(ERR(`${st.name}: command not found. This terminal runs kubectl and a few file commands (type help).`));
        status = 127;
      } else {
        const io: BuiltinIO = { stdin, out: sinkOut, err: sinkErr };
        status = await b.run(ctx, st.args, io);
      }
    }
    for (const f of files) {
      if (f.path === "/dev/null") continue;
      await new Promise<void>((resolve, reject) => {
        const s = createWriteStream(f.path, { flags: f.append ? "a" : "w", mode: 0o600 });
        s.on("error", reject);
        s.end(f.fd === 1 ? out : errOut, () => resolve());
      }).catch((e) => write(ERR(`${f.path}: ${(e as Error).message}`)));
    }
    input = out;
    if (status === 130) break;
  }
  return p.negate ? (status === 0 ? 1 : 0) : status;
}

/** Parses and runs a command line (without its here-document bodies, which come in `heredocs`). */
export async function runList(ctx: ShellContext, src: string, heredocs: Map<string, string>, write: (s: string) => void = ctx.write): Promise<number> {
  let list;
  try {
    list = parse(src);
  } catch (e) {
    if (e instanceof IncompleteInput) throw e;
    if (e instanceof ShellSyntaxError) {
      write(ERR(e.message));
      return (ctx.status = 2);
    }
    throw e;
  }
  for (const andOr of list) {
    if (andOr.background) {
      write(ERR("&: background jobs are not available in the lab terminal"));
      return (ctx.status = 2);
    }
    try {
      let status = await runPipeline(ctx, andOr.first, heredocs, write);
      for (const r of andOr.rest) {
        if (status === 130) break;
        if ((r.op === "&&" && status === 0) || (r.op === "||" && status !== 0)) status = await runPipeline(ctx, r.pipeline, heredocs, write);
      }
      ctx.status = status;
    } catch (e) {
      if (e instanceof Refused || e instanceof LabShellError) {
        write(ERR(e.message));
        ctx.status = e instanceof Refused ? 126 : 2;
      } else throw e;
    }
    if (ctx.status === 130) break;
  }
  return ctx.status;
}
