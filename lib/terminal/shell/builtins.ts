// The lab shell's own commands: the few file and text tools a kubectl user reaches for (ls, cat,
// echo, pwd, cd, mkdir, rm, grep, head, tail, wc), plus clear, help and history. Every path goes
// through policy.ts workspacePath, so nothing outside the session's workspace is read or written.
// Messages follow coreutils' wording ("cat: x: No such file or directory").
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { relative } from "node:path";
import { workspacePath } from "../policy";
import type { ShellContext } from "./run";

export interface BuiltinIO {
  stdin: string | undefined;
  out(s: string): void;
  err(s: string): void;
}

export interface Builtin {
  summary: string;
  run(ctx: ShellContext, args: string[], io: BuiltinIO): Promise<number>;
}

const flagsAndOperands = (args: string[]) => ({
  flags: args.filter((a) => /^-[a-zA-Z]+$/.test(a)).flatMap((a) => [...a.slice(1)]),
  operands: args.filter((a) => !/^-[a-zA-Z]+$/.test(a)),
});

const notFound = (cmd: string, p: string) => `${cmd}: ${p}: No such file or directory\n`;

/** Reads a workspace file (for `< file` redirections too). */
export async function readText(ctx: ShellContext, p: string): Promise<string> {
  return readFile(workspacePath(ctx.ws, p), "utf8");
}

/** Lines of the operands' files, or of stdin when there are none. */
async function inputLines(ctx: ShellContext, cmd: string, operands: string[], io: BuiltinIO): Promise<{ text: string; status: number }> {
  if (operands.length === 0) return { text: io.stdin ?? "", status: 0 };
  let text = "";
  let status = 0;
  for (const p of operands) {
    try {
      text += await readText(ctx, p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") io.err(notFound(cmd, p));
      else if ((e as NodeJS.ErrnoException).code === "EISDIR") io.err(`${cmd}: ${p}: Is a directory\n`);
      else throw e;
      status = 1;
    }
  }
  return { text, status };
}

const splitLines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

export const BUILTINS: Record<string, Builtin> = {
  help: {
    summary: "what this terminal can do",
    async run(_ctx, _args, io) {
      io.out(
        [
          "This lab terminal runs kubectl against your own lab cluster, plus a few file commands:",
          "",
          ...Object.entries(BUILTINS).map(([name, b]) => `  ${name.padEnd(8)} ${b.summary}`),
          "  kubectl  the real kubectl, already pointed at your lab cluster",
          "",
          "Pipes (kubectl get pods | grep web), && and ||, redirection into files (> pod.yaml) and",
          "here-documents (cat <<EOF | kubectl apply -f -) work. Tab completes kubectl commands and names.",
          "Files live in your workspace; edit them in the editor panel. Ctrl-C stops a command.",
          "",
        ].join("\n"),
      );
      return 0;
    },
  },
  clear: {
    summary: "clear the screen",
    async run(_ctx, _args, io) {
      io.out("\x1b[H\x1b[2J\x1b[3J");
      return 0;
    },
  },
  history: {
    summary: "commands typed so far",
    async run(ctx, _args, io) {
      ctx.history.forEach((h, i) => io.out(`${String(i + 1).padStart(5)}  ${h}\n`));
      return 0;
    },
  },
  echo: {
    summary: "print its arguments",
    async run(_ctx, args, io) {
      const n = args[0] === "-n";
      io.out((n ? args.slice(1) : args).join(" ") + (n ? "" : "\n"));
      return 0;
    },
  },
  pwd: {
    summary: "the current folder",
    async run(ctx, _args, io) {
      io.out(`~/${relative(ctx.ws.root, ctx.ws.cwd)}`.replace(/\/$/, "") + "\n");
      return 0;
    },
  },
  cd: {
    summary: "change folder (inside the workspace)",
    async run(ctx, args, io) {
      const target = workspacePath(ctx.ws, args[0] && args[0] !== "~" ? args[0].replace(/^~\/?/, "") || "." : ctx.ws.root);
      try {
        if (!(await stat(target)).isDirectory()) {
          io.err(`cd: ${args[0]}: Not a directory\n`);
          return 1;
        }
      } catch {
        io.err(`cd: ${args[0]}: No such file or directory\n`);
        return 1;
      }
      ctx.ws.cwd = target;
      return 0;
    },
  },
  ls: {
    summary: "list files",
    async run(ctx, args, io) {
      const { flags, operands } = flagsAndOperands(args);
      const all = flags.includes("a");
      const long = flags.includes("l");
      let status = 0;
      for (const p of operands.length ? operands : ["."]) {
        const abs = workspacePath(ctx.ws, p);
        let names: string[];
        try {
          const st = await stat(abs);
          names = st.isDirectory() ? (await readdir(abs)).sort() : [p];
        } catch {
          io.err(`ls: cannot access '${p}': No such file or directory\n`);
          status = 2;
          continue;
        }
        if (operands.length > 1) io.out(`${p}:\n`);
        const shown = names.filter((n) => all || !n.startsWith("."));
        if (long) {
          for (const n of shown) {
            const st = await stat(names.length === 1 && n === p ? abs : `${abs}/${n}`);
            io.out(`${st.isDirectory() ? "d" : "-"}rw------- ${String(st.size).padStart(8)} ${st.mtime.toISOString().slice(0, 16).replace("T", " ")} ${n}${st.isDirectory() ? "/" : ""}\n`);
          }
        } else if (shown.length) io.out(shown.join("  ") + "\n");
      }
      return status;
    },
  },
  cat: {
    summary: "print files",
    async run(ctx, args, io) {
      const { text, status } = await inputLines(ctx, "cat", args.filter((a) => a !== "-"), io);
      io.out(text);
      return status;
    },
  },
  mkdir: {
    summary: "make a folder (-p: with parents)",
    async run(ctx, args, io) {
      const { flags, operands } = flagsAndOperands(args);
      if (!operands.length) {
        io.err("mkdir: missing operand\n");
        return 1;
      }
      let status = 0;
      for (const p of operands) {
        try {
          await mkdir(workspacePath(ctx.ws, p), { recursive: flags.includes("p") });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          io.err(`mkdir: cannot create directory '${p}': ${code === "EEXIST" ? "File exists" : "No such file or directory"}\n`);
          status = 1;
        }
      }
      return status;
    },
  },
  rm: {
    summary: "remove files (-r: folders)",
    async run(ctx, args, io) {
      const { flags, operands } = flagsAndOperands(args);
      if (!operands.length) {
        io.err("rm: missing operand\n");
        return 1;
      }
      let status = 0;
      for (const p of operands) {
        const abs = workspacePath(ctx.ws, p);
        if (abs === ctx.ws.root) {
          io.err(`rm: refusing to remove the workspace itself\n`);
          status = 1;
          continue;
        }
        try {
          const st = await stat(abs);
          if (st.isDirectory() && !flags.includes("r") && !flags.includes("R")) {
            io.err(`rm: cannot remove '${p}': Is a directory\n`);
            status = 1;
            continue;
          }
          await rm(abs, { recursive: true, force: false });
        } catch {
          if (!flags.includes("f")) {
            io.err(`rm: cannot remove '${p}': No such file or directory\n`);
            status = 1;
          }
        }
      }
      return status;
    },
  },
  grep: {
    summary: "keep matching lines (-i -v -c -n -E)",
    async run(ctx, args, io) {
      const { flags, operands } = flagsAndOperands(args);
      const [pattern, ...files] = operands;
      if (pattern === undefined) {
        io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
        return 2;
      }
      let re: RegExp;
      try {
        re = new RegExp(flags.includes("E") ? pattern : pattern.replace(/[.+?^${}()|[\]\\]/g, (c) => (c === "." ? "." : `\\${c}`)), flags.includes("i") ? "i" : "");
      } catch {
        io.err(`grep: invalid pattern: ${pattern}\n`);
        return 2;
      }
      const { text, status } = await inputLines(ctx, "grep", files, io);
      const hits = splitLines(text)
        .map((l, i) => ({ l, n: i + 1 }))
        .filter(({ l }) => re.test(l) !== flags.includes("v"));
      if (flags.includes("c")) io.out(`${hits.length}\n`);
      else for (const h of hits) io.out(`${flags.includes("n") ? `${h.n}:` : ""}${h.l}\n`);
      return status || (hits.length ? 0 : 1);
    },
  },
  head: {
    summary: "first lines (-n N)",
    async run(ctx, args, io) {
      return headTail(ctx, "head", args, io);
    },
  },
  tail: {
    summary: "last lines (-n N)",
    async run(ctx, args, io) {
      return headTail(ctx, "tail", args, io);
    },
  },
  wc: {
    summary: "count lines (-l), words (-w), bytes (-c)",
    async run(ctx, args, io) {
      const { flags, operands } = flagsAndOperands(args);
      const { text, status } = await inputLines(ctx, "wc", operands, io);
      const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
      const pick = flags.length ? (["l", "w", "c"] as const).filter((f) => flags.includes(f)) : (["l", "w", "c"] as const);
      io.out(pick.map((f) => String(counts[f])).join(" ") + "\n");
      return status;
    },
  },
};

async function headTail(ctx: ShellContext, cmd: "head" | "tail", args: string[], io: BuiltinIO): Promise<number> {
  let n = 10;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^-n?(\d+)$/.exec(args[i]);
    if (args[i] === "-n") n = Number(args[++i]);
    else if (m) n = Number(m[1]);
    else rest.push(args[i]);
  }
  if (!Number.isFinite(n)) {
    io.err(`${cmd}: invalid number of lines\n`);
    return 1;
  }
  const { text, status } = await inputLines(ctx, cmd, rest, io);
  const lines = splitLines(text);
  const picked = cmd === "head" ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n));
  if (picked.length) io.out(picked.join("\n") + "\n");
  return status;
}
