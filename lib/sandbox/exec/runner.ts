// Runs one executable inside a container: finds it on the image (or says "not found" the way the
// calling shell does) and calls its implementation. The shells themselves (sh, ash, bash) are
// executables too: `sh -c '...'`, `sh script.sh`, `sh` reading a script from stdin, or an
// interactive session with a tty.
import type { Tool, ToolContext, Flavor } from "./tools/types";
import { ToolExit } from "./tools/types";
import { ExitShell, Interrupted, Shell } from "./shell/interp";
import { Input } from "./shell/io";
import { resolvePath } from "./fs";
import { interactive } from "./interactive";
import * as core from "./tools/coreutils";
import { wget } from "./tools/wget";
import { curl } from "./tools/curl";
import { nc } from "./tools/nc";
import { dig, host, nslookup } from "./tools/dns";
import { ping } from "./tools/ping";
import { ip } from "./tools/ip";
import { agnhost } from "./tools/agnhost";
import { apk, aptGet } from "./tools/pkg";
import { tar } from "./tools/tar";

/** Which flavour a shell binary is, on this image. */
function flavorOf(name: string, ctx: ToolContext): Flavor {
  // zsh (netshoot) is run with bash's wording: close enough for the few commands labs type there.
  if (name === "bash" || name === "zsh") return "bash";
  if (name === "ash") return "ash";
  const sh = ctx.sys.profile.shell;
  return sh === "ash" ? "ash" : sh === "bash" ? "bash" : "dash";
}

const shellTool: Tool = async (ctx) => {
  const name = ctx.argv[0].slice(ctx.argv[0].lastIndexOf("/") + 1);
  const flavor = flavorOf(name, ctx);
  const args = ctx.argv.slice(1);
  let i = 0;
  let command: string | undefined;
  let interactiveFlag = false;
  for (; i < args.length && args[i].startsWith("-") && args[i] !== "-"; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-c") command = args[++i] ?? "";
    else if (a.startsWith("-") && a.includes("c")) command = args[++i] ?? "";
    if (a.includes("i")) interactiveFlag = true;
  }
  if (args.includes("-c") && command === "") {
    if (args[args.indexOf("-c") + 1] === undefined) {
      ctx.stderr.write(flavor === "bash" ? "bash: -c: option requires an argument\n" : flavor === "dash" ? "sh: 0: -c requires an argument\n" : "sh: -c requires an argument\n");
      return 2;
    }
  }
  const rest = args.slice(i);
  const base = {
    flavor,
    sys: ctx.sys,
    env: ctx.env,
    cwd: ctx.cwd,
    signal: ctx.signal,
    external: runExternal,
    tty: ctx.tty,
  };
  if (command !== undefined) {
    const sh = new Shell({ ...base, name: rest[0] ?? name, args: rest.slice(1) });
    return sh.runSource(command, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr }).catch(exitCode);
  }
  if (rest.length > 0) {
    const path = resolvePath(ctx.cwd, rest[0]);
    const script = ctx.sys.fs.read(path);
    if (script === undefined) {
      ctx.stderr.write(flavor === "bash" ? `bash: ${rest[0]}: No such file or directory\n` : flavor === "dash" ? `sh: 0: cannot open ${rest[0]}: No such file\n` : `sh: can't open '${rest[0]}': No such file or directory\n`);
      return flavor === "bash" ? 127 : 2;
    }
    const sh = new Shell({ ...base, name: rest[0], args: rest.slice(1) });
    return sh.runSource(script, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr }).catch(exitCode);
  }
  if (ctx.tty || interactiveFlag) {
    const sh = new Shell({ ...base, name, interactive: true });
    return interactive(sh, ctx.stdin, ctx.stdout, ctx.signal);
  }
  // No tty: the shell reads its script from stdin (`kubectl exec -i pod -- sh < script.sh`).
  const sh = new Shell({ ...base, name });
  const script = await ctx.stdin.readAll();
  return sh.runSource(script, { stdin: Input.empty(), stdout: ctx.stdout, stderr: ctx.stderr }).catch(exitCode);
};

/** `exit N` ends the shell with N; an interrupt (Ctrl-C, client gone) with 130 (128 + SIGINT). */
function exitCode(e: unknown): number {
  if (e instanceof ExitShell) return e.code;
  if (e instanceof Interrupted) return 130;
  throw e;
}

/** Implementations by executable name. A name an image lists must have one (tested). */
export const TOOLS: Record<string, Tool> = {
  sh: shellTool,
  ash: shellTool,
  bash: shellTool,
  zsh: shellTool,
  echo: core.echo,
  printf: core.printf,
  cat: core.cat,
  ls: core.ls,
  env: core.env,
  printenv: core.printenv,
  hostname: core.hostname,
  sleep: core.sleep,
  date: core.date,
  id: core.id,
  whoami: core.whoami,
  uname: core.uname,
  ps: core.ps,
  head: core.head,
  tail: core.tail,
  wc: core.wc,
  grep: core.grep,
  test: core.test,
  "[": core.test,
  mkdir: core.mkdir,
  rm: core.rm,
  touch: core.touch,
  sort: core.sort,
  uniq: core.uniq,
  cut: core.cut,
  tr: core.tr,
  tee: core.tee,
  seq: core.seq,
  basename: core.basename,
  dirname: core.dirname,
  which: core.which,
  timeout: core.timeout,
  nproc: core.nproc,
  true: core.trueTool,
  false: core.falseTool,
  pwd: core.pwd,
  wget,
  curl,
  nc,
  nslookup,
  dig,
  host,
  ping,
  ip,
  agnhost,
  "agnhost-2": agnhost,
  apk,
  "apt-get": aptGet,
  apt: aptGet,
  clear: core.clear,
  getent: core.getent,
  tar,
};

export function toolFor(path: string): Tool | undefined {
  return TOOLS[path.slice(path.lastIndexOf("/") + 1)];
}

/** The shell's way to run a non-builtin: find it on the image, or report it missing. */
export async function runExternal(ctx: ToolContext, shell?: Shell): Promise<number> {
  const name = ctx.argv[0];
  const path = ctx.sys.which(name);
  const impl = path ? toolFor(path) : undefined;
  if (!path || !impl) {
    if (shell) return shell.notFound(name, ctx.stderr);
    ctx.stderr.write(`exec: "${name}": executable file not found in $PATH\n`);
    return 127;
  }
  const full: ToolContext = { ...ctx, builtinOf: ctx.builtinOf };
  full.exec = (argv, overrides) => runExternal({ ...full, ...overrides, argv, builtinOf: undefined }, shell);
  try {
    return await impl(full);
  } catch (e) {
    if (e instanceof ToolExit) {
      if (e.message) ctx.stderr.write(e.message);
      return e.code;
    }
    throw e;
  }
}
