// The everyday commands (busybox applets / GNU coreutils): echo, printf, cat, ls, env, hostname,
// sleep, date, id, uname, ps, head, tail, wc, grep, test, mkdir, rm, touch, sort, uniq, cut, tr,
// tee, seq, basename, dirname, which, timeout, nproc. Error wording follows busybox for
// busybox-based images ("cat: can't open 'x': No such file or directory") and GNU otherwise
// ("cat: x: No such file or directory").
import type { Tool, ToolContext } from "./types";
import { resolvePath } from "../fs";
import { lookupHost, sleepLong } from "./net";

const isBusybox = (ctx: ToolContext) => ctx.sys.profile.shell === "ash";
const base = (argv0: string) => argv0.slice(argv0.lastIndexOf("/") + 1);

function noFile(ctx: ToolContext, cmd: string, file: string, open = true): void {
  const dir = ctx.sys.fs.isDir(resolvePath(ctx.cwd, file));
  if (isBusybox(ctx)) ctx.stderr.write(dir ? `${cmd}: read error: Is a directory\n` : `${cmd}: can't ${open ? "open" : "stat"} '${file}': No such file or directory\n`);
  else ctx.stderr.write(`${cmd}: ${file}: ${dir ? "Is a directory" : "No such file or directory"}\n`);
}

/** Reads the named files (or stdin for none / "-"); reports missing ones. */
async function inputs(ctx: ToolContext, cmd: string, files: string[]): Promise<{ texts: { name: string; text: string }[]; failed: boolean }> {
  const texts: { name: string; text: string }[] = [];
  let failed = false;
  if (files.length === 0) files = ["-"];
  for (const f of files) {
    if (f === "-") {
      texts.push({ name: "-", text: await ctx.stdin.readAll() });
      continue;
    }
    const t = ctx.sys.fs.read(resolvePath(ctx.cwd, f));
    if (t === undefined) {
      noFile(ctx, cmd, f);
      failed = true;
    } else texts.push({ name: f, text: t });
  }
  return { texts, failed };
}

const lines = (t: string) => (t === "" ? [] : t.replace(/\n$/, "").split("\n"));

/** Backslash escapes of echo -e / printf %b. Returns [text, stop] (\c stops output). */
function escapes(s: string): [string, boolean] {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\" || i + 1 >= s.length) {
      out += s[i];
      continue;
    }
    const c = s[++i];
    const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", e: "\x1b" };
    if (c in map) out += map[c];
    else if (c === "c") return [out, true];
    else if (c === "0" || /[0-7]/.test(c)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(c === "0" ? i + 1 : i))!;
      const digits = m ? m[0] : "";
      out += String.fromCharCode(parseInt(digits || "0", 8));
      i += digits.length - (c === "0" ? 0 : 1);
    } else out += `\\${c}`;
  }
  return [out, false];
}

export const echo: Tool = async (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  // dash's builtin echo always interprets escapes and knows only -n (POSIX XSI echo).
  let interpret = ctx.builtinOf === "dash";
  if (ctx.builtinOf === "dash") {
    if (args[0] === "-n") {
      newline = false;
      args = args.slice(1);
    }
  } else {
    while (args.length && /^-[neE]+$/.test(args[0])) {
      for (const f of args[0].slice(1)) {
        if (f === "n") newline = false;
        else if (f === "e") interpret = true;
        else interpret = false;
      }
      args = args.slice(1);
    }
  }
  let text = args.join(" ");
  if (interpret) {
    const [t, stop] = escapes(text);
    text = t;
    if (stop) newline = false;
  }
  ctx.stdout.write(text + (newline ? "\n" : ""));
  return 0;
};

/** printf FORMAT [ARG]...: %s %d %i %u %x %X %o %c %b %f %e %g %%, widths and flags; reuses FORMAT for extra args. */
export function formatPrintf(fmt: string, args: string[], onBadNumber: (a: string) => void): string {
  let out = "";
  let ai = 0;
  const next = () => args[ai++] ?? "";
  do {
    let usedArg = false;
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i];
      if (c === "\\") {
        const [t] = escapes(fmt.slice(i, i + 4).replace(/^(\\[0-7]{1,3}|\\.).*/s, "$1"));
        const m = /^\\([0-7]{1,3}|.)/s.exec(fmt.slice(i))!;
        out += t;
        i += m[0].length - 1;
        continue;
      }
      if (c !== "%") {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdiuxXocbfeEgG%])/.exec(fmt.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, p, conv] = m;
      if (conv === "%") {
        out += "%";
        continue;
      }
      usedArg = true;
      const width = w === "*" ? Number(next()) : w ? Number(w) : 0;
      const prec = p === "*" ? Number(next()) : p !== undefined ? Number(p) : undefined;
      const a = next();
      let s: string;
      const num = () => {
        if (a === "") return 0;
        const n = /^'./.test(a) || /^"./.test(a) ? a.charCodeAt(1) : Number(a);
        if (!Number.isFinite(n)) {
          onBadNumber(a);
          return 0;
        }
        return n;
      };
      switch (conv) {
        case "s": s = prec !== undefined ? a.slice(0, prec) : a; break;
        case "b": s = escapes(a)[0]; break;
        case "c": s = a.slice(0, 1); break;
        case "d": case "i": case "u": s = String(Math.trunc(num())); if (flags.includes("+") && !s.startsWith("-")) s = `+${s}`; break;
        case "x": s = Math.trunc(num()).toString(16); break;
        case "X": s = Math.trunc(num()).toString(16).toUpperCase(); break;
        case "o": s = Math.trunc(num()).toString(8); break;
        case "e": case "E": s = num().toExponential(prec ?? 6); if (conv === "E") s = s.toUpperCase(); s = s.replace(/e([+-])(\d)$/, "e$10$2"); break;
        case "g": case "G": s = String(Number(num().toPrecision(prec ?? 6))); break;
        default: s = num().toFixed(prec ?? 6);
      }
      if (s.length < width) s = flags.includes("-") ? s.padEnd(width) : flags.includes("0") && /[diuxXofe]/.test(conv) ? (s.startsWith("-") ? "-" + s.slice(1).padStart(width - 1, "0") : s.padStart(width, "0")) : s.padStart(width);
      out += s;
    }
    if (!usedArg) break;
  } while (ai < args.length);
  return out;
}

export const printf: Tool = async (ctx) => {
  const [fmt, ...args] = ctx.argv.slice(1);
  if (fmt === undefined) {
    ctx.stderr.write(ctx.builtinOf === "bash" ? "printf: usage: printf [-v var] format [arguments]\n" : isBusybox(ctx) ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n" : "printf: missing operand\n");
    return ctx.builtinOf === "bash" ? 2 : 1;
  }
  let code = 0;
  ctx.stdout.write(
    formatPrintf(fmt, args, (a) => {
      code = 1;
      ctx.stderr.write(ctx.builtinOf === "dash" ? `printf: ${a}: expected numeric value\n` : `printf: ${a}: invalid number\n`);
    }),
  );
  return code;
};

export const cat: Tool = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a === "-" || !a.startsWith("-"));
  let failed = false;
  for (const f of files.length ? files : ["-"]) {
    const { texts, failed: bad } = await inputs(ctx, "cat", [f]);
    failed ||= bad;
    for (const t of texts) ctx.stdout.write(t.text);
  }
  return failed ? 1 : 0;
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const p2 = (n: number) => String(n).padStart(2, "0");

export const ls: Tool = async (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith("-") && a !== "-").join("");
  const long = flags.includes("l");
  const all = flags.includes("a") || flags.includes("A");
  const paths = ctx.argv.slice(1).filter((a) => !a.startsWith("-") || a === "-");
  const fs = ctx.sys.fs;
  const now = ctx.sys.clock.now();
  const stamp = `${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2)} ${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}`;
  const entry = (full: string, name: string) => {
    if (!long) return name;
    const dir = fs.isDir(full);
    const size = dir ? 4096 : Buffer.byteLength(fs.read(full) ?? "");
    return isBusybox(ctx)
      ? `${dir ? "drwxr-xr-x" : "-rw-r--r--"}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${stamp} ${name}`
      : `${dir ? "drwxr-xr-x" : "-rw-r--r--"} ${dir ? 2 : 1} root root ${String(size).padStart(4)} ${stamp} ${name}`;
  };
  let code = 0;
  const targets = paths.length ? paths : ["."];
  const blocks: string[] = [];
  for (const t of targets) {
    const full = resolvePath(ctx.cwd, t);
    if (!fs.exists(full)) {
      ctx.stderr.write(isBusybox(ctx) ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`);
      code = isBusybox(ctx) ? 1 : 2;
      continue;
    }
    if (!fs.isDir(full)) {
      blocks.push(entry(full, t) + "\n");
      continue;
    }
    let names = fs.list(full) ?? [];
    if (!all) names = names.filter((n) => !n.startsWith("."));
    else if (flags.includes("a")) names = [".", "..", ...names];
    const body = names.map((n) => entry(resolvePath(full, n), n));
    const text = long ? `total ${names.length * 4}\n${body.map((l) => l + "\n").join("")}` : ctx.tty && !flags.includes("1") ? (body.length ? body.join("  ") + "\n" : "") : body.map((l) => l + "\n").join("");
    blocks.push(targets.length > 1 ? `${t}:\n${text}` : text);
  }
  ctx.stdout.write(blocks.join(targets.length > 1 ? "\n" : ""));
  return code;
};

export const env: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const vars = { ...ctx.env };
  let i = 0;
  if (args[0] === "-i" || args[0] === "-") {
    for (const k of Object.keys(vars)) delete vars[k];
    i++;
  }
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
    const eq = args[i].indexOf("=");
    vars[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  if (i < args.length && ctx.exec) return ctx.exec(args.slice(i), { env: vars });
  for (const [k, v] of Object.entries(vars)) ctx.stdout.write(`${k}=${v}\n`);
  return 0;
};

export const printenv: Tool = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    for (const [k, v] of Object.entries(ctx.env)) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  let code = 0;
  for (const n of names) {
    if (n in ctx.env) ctx.stdout.write(`${ctx.env[n]}\n`);
    else code = 1;
  }
  return code;
};

export const hostname: Tool = async (ctx) => {
  const a = ctx.argv[1];
  if (a === "-i" || a === "-I") ctx.stdout.write(a === "-I" ? `${ctx.sys.podIP} \n` : `${ctx.sys.podIP}\n`);
  else if (a === "-f" || a === "--fqdn") {
    const sub = ctx.sys.pod.spec?.subdomain;
    ctx.stdout.write(sub ? `${ctx.sys.hostname}.${sub}.${ctx.sys.namespace}.svc.cluster.local\n` : `${ctx.sys.hostname}\n`);
  } else if (a === "-d") ctx.stdout.write(ctx.sys.pod.spec?.subdomain ? `${ctx.sys.pod.spec.subdomain}.${ctx.sys.namespace}.svc.cluster.local\n` : "\n");
  else if (a && !a.startsWith("-")) {
    ctx.stderr.write(isBusybox(ctx) ? "hostname: sethostname: Operation not permitted\n" : "hostname: you must be root to change the host name\n");
    return 1;
  } else ctx.stdout.write(`${ctx.sys.hostname}\n`);
  return 0;
};

/** sleep N[smhd] (several add up), or "infinity". */
export function parseSleep(args: string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === "infinity" || a === "inf") return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += Number(m[1]) * { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s"];
  }
  return total;
}

export const sleep: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const ms = parseSleep(args);
  if (args.length === 0 || ms === undefined) {
    if (args.length === 0) ctx.stderr.write(isBusybox(ctx) ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n" : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    else ctx.stderr.write(isBusybox(ctx) ? `sleep: invalid number '${args.find((a) => parseSleep([a]) === undefined)}'\n` : `sleep: invalid time interval '${args.find((a) => parseSleep([a]) === undefined)}'\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  return (await sleepLong(ctx.sys.clock, ms, ctx.signal)) ? 0 : 130;
};

export function dateString(d: Date, fmt?: string): string {
  const Y = d.getUTCFullYear(), M = d.getUTCMonth(), D = d.getUTCDate(), h = d.getUTCHours(), m = d.getUTCMinutes(), s = d.getUTCSeconds();
  if (!fmt) return `${DAYS[d.getUTCDay()]} ${MONTHS[M]} ${String(D).padStart(2)} ${p2(h)}:${p2(m)}:${p2(s)} UTC ${Y}`;
  const map: Record<string, string> = { Y: String(Y), m: p2(M + 1), d: p2(D), H: p2(h), M: p2(m), S: p2(s), s: String(Math.floor(d.getTime() / 1000)), a: DAYS[d.getUTCDay()], b: MONTHS[M], Z: "UTC", z: "+0000", F: `${Y}-${p2(M + 1)}-${p2(D)}`, T: `${p2(h)}:${p2(m)}:${p2(s)}`, N: String(d.getUTCMilliseconds() * 1e6).padStart(9, "0"), "%": "%", n: "\n" };
  return fmt.replace(/%([a-zA-Z%])/g, (all, c) => map[c] ?? all);
}

export const date: Tool = async (ctx) => {
  const fmt = ctx.argv.slice(1).find((a) => a.startsWith("+"));
  ctx.stdout.write(dateString(ctx.sys.clock.now(), fmt?.slice(1)) + "\n");
  return 0;
};

function user(ctx: ToolContext): { uid: number; gid: number; name?: string; group?: string } {
  const sc = { ...(ctx.sys.pod.spec?.securityContext ?? {}), ...(ctx.sys.container.securityContext ?? {}) };
  const img = ctx.sys.profile.user ?? { uid: 0, gid: 0, name: "root", group: "root" };
  const uid = sc.runAsUser ?? img.uid;
  const gid = sc.runAsGroup ?? (sc.runAsUser !== undefined ? 0 : img.gid);
  const name = uid === img.uid ? img.name : uid === 0 ? "root" : undefined;
  const group = gid === img.gid ? img.group : gid === 0 ? "root" : undefined;
  return { uid, gid, name, group };
}

export const id: Tool = async (ctx) => {
  const u = user(ctx);
  const fmt = (n: number, name?: string) => (name ? `${n}(${name})` : String(n));
  if (ctx.argv[1] === "-u") ctx.stdout.write(`${u.uid}\n`);
  else if (ctx.argv[1] === "-g") ctx.stdout.write(`${u.gid}\n`);
  else if (ctx.argv[1] === "-un") ctx.stdout.write(`${u.name ?? u.uid}\n`);
  else {
    const extra = u.uid === 0 && isBusybox(ctx) ? ",1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)" : "";
    ctx.stdout.write(`uid=${fmt(u.uid, u.name)} gid=${fmt(u.gid, u.group)} groups=${fmt(u.gid, u.group)}${extra}\n`);
  }
  return 0;
};

export const whoami: Tool = async (ctx) => {
  const u = user(ctx);
  if (!u.name) {
    ctx.stderr.write(isBusybox(ctx) ? `whoami: unknown uid ${u.uid}\n` : `whoami: cannot find name for user ID ${u.uid}\n`);
    return 1;
  }
  ctx.stdout.write(`${u.name}\n`);
  return 0;
};

const KERNEL = { release: "6.8.0-48-generic", version: "#48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024" };

export const uname: Tool = async (ctx) => {
  const f = ctx.argv.slice(1).join("");
  const parts: string[] = [];
  const all = f.includes("a");
  if (all || f.includes("s") || !f) parts.push("Linux");
  if (all || f.includes("n")) parts.push(ctx.sys.hostname);
  if (all || f.includes("r")) parts.push(KERNEL.release);
  if (all || f.includes("v")) parts.push(KERNEL.version);
  if (all || f.includes("m")) parts.push("x86_64");
  if (all || f.includes("o")) parts.push(isBusybox(ctx) ? "GNU/Linux" : "GNU/Linux");
  ctx.stdout.write(parts.join(" ") + "\n");
  return 0;
};

export const ps: Tool = async (ctx) => {
  const main = ctx.sys.mainArgv.join(" ") || "/pause";
  const u = user(ctx);
  const name = (u.name ?? String(u.uid)).slice(0, 8).padEnd(8);
  if (isBusybox(ctx) || ctx.sys.variant("ps") === "busybox") {
    ctx.stdout.write(`PID   USER     TIME  COMMAND\n    1 ${name}  0:00 ${main}\n   ${String(7 + (ctx.argv.length % 5)).padStart(2)} ${name}  0:00 ${ctx.argv.join(" ")}\n`);
  } else {
    ctx.stdout.write(`    PID TTY          TIME CMD\n      1 ?        00:00:00 ${base(ctx.sys.mainArgv[0] ?? "pause")}\n     13 ${ctx.tty ? "pts/0   " : "?       "} 00:00:00 ps\n`);
  }
  return 0;
};

function countArg(args: string[], def: number): { n: number; files: string[]; fromStart?: boolean } {
  let n = def;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-n" || a === "-c") {
      const v = args[++i] ?? "";
      fromStart = v.startsWith("+");
      n = Number(v.replace(/^[+-]/, ""));
    } else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ""));
    else if (a.startsWith("-n")) {
      fromStart = a[2] === "+";
      n = Number(a.slice(2).replace(/^\+/, ""));
    } else if (a === "-f" || a === "-q") continue;
    else files.push(a);
  }
  return { n, files, fromStart };
}

export const head: Tool = async (ctx) => {
  const { n, files } = countArg(ctx.argv.slice(1), 10);
  if (files.length === 0) {
    // Reads only what it needs, then stops reading (the writer then gets SIGPIPE).
    for (let i = 0; i < n; i++) {
      const l = await ctx.stdin.readLine();
      if (l === null) break;
      ctx.stdout.write(`${l}\n`);
    }
    return 0;
  }
  const { texts, failed } = await inputs(ctx, "head", files);
  texts.forEach((t, i) => {
    if (texts.length > 1) ctx.stdout.write(`${i ? "\n" : ""}==> ${t.name} <==\n`);
    for (const l of lines(t.text).slice(0, n)) ctx.stdout.write(`${l}\n`);
  });
  return failed ? 1 : 0;
};

export const tail: Tool = async (ctx) => {
  const { n, files, fromStart } = countArg(ctx.argv.slice(1), 10);
  const follow = ctx.argv.includes("-f") || ctx.argv.includes("-F");
  const { texts, failed } = await inputs(ctx, "tail", files);
  for (const t of texts) {
    const ls = lines(t.text);
    for (const l of fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n))) ctx.stdout.write(`${l}\n`);
  }
  if (follow && !failed) return (await sleepLong(ctx.sys.clock, Infinity, ctx.signal)) ? 0 : 130;
  return failed ? 1 : 0;
};

export const wc: Tool = async (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith("-") && a !== "-").join("");
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith("-") || a === "-");
  const { texts, failed } = await inputs(ctx, "wc", files);
  const cols = (t: string) => {
    const c: number[] = [];
    const all = !/[lwc]/.test(flags);
    if (all || flags.includes("l")) c.push((t.match(/\n/g) ?? []).length);
    if (all || flags.includes("w")) c.push(t.split(/\s+/).filter(Boolean).length);
    if (all || flags.includes("c")) c.push(Buffer.byteLength(t));
    return c;
  };
  for (const t of texts) {
    const c = cols(t.text);
    const single = c.length === 1 && (files.length === 0 || t.name === "-");
    ctx.stdout.write(single ? `${c[0]}\n` : `${c.map((n) => String(n).padStart(isBusybox(ctx) ? 9 : c.length === 1 ? 0 : 7)).join(" ").trimStart()}${t.name === "-" ? "" : ` ${t.name}`}\n`);
  }
  return failed ? 1 : 0;
};

export const grep: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  let flags = "";
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-e") pattern = args[++i];
    else if (a.startsWith("-") && a.length > 1 && pattern === undefined && files.length === 0) flags += a.slice(1);
    else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) {
    ctx.stderr.write(isBusybox(ctx) ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n" : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  let src = flags.includes("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : flags.includes("E") ? pattern : pattern.replace(/\\([|(){}+?])/g, "\u0000$1").replace(/([|(){}+?])/g, "\\$1").replace(/\u0000([|(){}+?])/g, "$1");
  if (flags.includes("w")) src = `\\b(?:${src})\\b`;
  if (flags.includes("x")) src = `^(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, flags.includes("i") ? "i" : "");
  } catch {
    ctx.stderr.write(`grep: bad regex '${pattern}'\n`);
    return 2;
  }
  const { texts, failed } = await inputs(ctx, "grep", files);
  let matched = 0;
  for (const t of texts) {
    let count = 0;
    lines(t.text).forEach((l, idx) => {
      if (re.test(l) === flags.includes("v")) return;
      count++;
      matched++;
      if (flags.includes("q") || flags.includes("c") || flags.includes("l")) return;
      const prefix = (texts.length > 1 ? `${t.name}:` : "") + (flags.includes("n") ? `${idx + 1}:` : "");
      if (flags.includes("o")) for (const m of l.match(new RegExp(re.source, re.flags + "g")) ?? []) ctx.stdout.write(`${prefix}${m}\n`);
      else ctx.stdout.write(`${prefix}${l}\n`);
    });
    if (flags.includes("c")) ctx.stdout.write(`${texts.length > 1 ? `${t.name}:` : ""}${count}\n`);
    if (flags.includes("l") && count) ctx.stdout.write(`${t.name === "-" ? "(standard input)" : t.name}\n`);
  }
  if (failed) return 2;
  return matched ? 0 : 1;
};

/** test / [ : string, integer and file tests, ! -a -o. */
export const test: Tool = async (ctx) => {
  let args = ctx.argv.slice(1);
  const name = base(ctx.argv[0]);
  if (name === "[") {
    if (args[args.length - 1] !== "]") {
      ctx.stderr.write(ctx.builtinOf === "bash" ? "bash: [: missing `]'\n" : "[: missing ]\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const fs = ctx.sys.fs;
  const file = (p: string) => resolvePath(ctx.cwd, p);
  const int = (s: string) => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new Error(`${s}`);
    return Number(s);
  };
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case "-z": return a.length === 0;
      case "-n": return a.length > 0;
      case "-e": case "-a": return fs.exists(file(a));
      case "-f": return fs.read(file(a)) !== undefined && !fs.isDir(file(a));
      case "-d": return fs.isDir(file(a));
      case "-s": return (fs.read(file(a)) ?? "").length > 0;
      case "-r": case "-w": return fs.exists(file(a));
      case "-x": return fs.isDir(file(a)) || ctx.sys.which(file(a)) !== undefined;
      case "-L": case "-h": case "-p": case "-S": case "-b": case "-c": return false;
      case "-t": return ctx.tty;
    }
    throw new Error(`${op}: unary operator expected`);
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    switch (op) {
      case "=": case "==": return a === b;
      case "!=": return a !== b;
      case "-eq": return int(a) === int(b);
      case "-ne": return int(a) !== int(b);
      case "-lt": return int(a) < int(b);
      case "-le": return int(a) <= int(b);
      case "-gt": return int(a) > int(b);
      case "-ge": return int(a) >= int(b);
      case "<": return a < b;
      case ">": return a > b;
    }
    return undefined;
  };
  const evalExpr = (xs: string[]): boolean => {
    const oi = xs.lastIndexOf("-o");
    if (oi > 0 && oi < xs.length - 1) return evalExpr(xs.slice(0, oi)) || evalExpr(xs.slice(oi + 1));
    const ai = xs.lastIndexOf("-a");
    if (ai > 0 && ai < xs.length - 1 && xs.length !== 2) return evalExpr(xs.slice(0, ai)) && evalExpr(xs.slice(ai + 1));
    if (xs[0] === "!" && xs.length > 1) return !evalExpr(xs.slice(1));
    if (xs[0] === "(" && xs[xs.length - 1] === ")") return evalExpr(xs.slice(1, -1));
    if (xs.length === 0) return false;
    if (xs.length === 1) return xs[0].length > 0;
    if (xs.length === 2) return unary(xs[0], xs[1]);
    if (xs.length === 3) {
      const r = binary(xs[0], xs[1], xs[2]);
      if (r !== undefined) return r;
    }
    throw new Error(`${xs[1] ?? xs[0]}: binary operator expected`);
  };
  try {
    return evalExpr(args) ? 0 : 1;
  } catch (e: any) {
    const msg: string = e.message;
    if (/^-?\S*$/.test(msg) && !msg.includes(":")) ctx.stderr.write(ctx.builtinOf === "bash" ? `bash: ${name}: ${msg}: integer expression expected\n` : ctx.builtinOf === "dash" ? `sh: 1: ${name}: Illegal number: ${msg}\n` : `sh: ${name}: ${msg}: integer expected\n`);
    else ctx.stderr.write(`${ctx.builtinOf === "bash" ? "bash: " : "sh: "}${name}: ${msg}\n`);
    return 2;
  }
};

export const mkdir: Tool = async (ctx) => {
  const parents = ctx.argv.includes("-p");
  let code = 0;
  for (const d of ctx.argv.slice(1).filter((a) => !a.startsWith("-"))) {
    const full = resolvePath(ctx.cwd, d);
    if (parents) {
      const segs = full.split("/").filter(Boolean);
      for (let i = 1; i <= segs.length; i++) ctx.sys.fs.mkdir(`/${segs.slice(0, i).join("/")}`);
      continue;
    }
    const r = ctx.sys.fs.mkdir(full);
    if (r !== "ok") {
      code = 1;
      ctx.stderr.write(isBusybox(ctx) ? `mkdir: can't create directory '${d}': ${r === "EEXIST" ? "File exists" : "No such file or directory"}\n` : `mkdir: cannot create directory '${d}': ${r === "EEXIST" ? "File exists" : "No such file or directory"}\n`);
    }
  }
  return code;
};

export const rm: Tool = async (ctx) => {
  const force = ctx.argv.slice(1).some((a) => a.startsWith("-") && a.includes("f"));
  let code = 0;
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith("-"))) {
    if (!ctx.sys.fs.remove(resolvePath(ctx.cwd, f)) && !force) {
      code = 1;
      ctx.stderr.write(isBusybox(ctx) ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
    }
  }
  return code;
};

export const touch: Tool = async (ctx) => {
  let code = 0;
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith("-"))) {
    const full = resolvePath(ctx.cwd, f);
    if (ctx.sys.fs.exists(full)) continue;
    if (!ctx.sys.fs.write(full, "")) {
      code = 1;
      ctx.stderr.write(isBusybox(ctx) ? `touch: ${f}: No such file or directory\n` : `touch: cannot touch '${f}': No such file or directory\n`);
    }
  }
  return code;
};

export const sort: Tool = async (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith("-")).join("");
  const { texts, failed } = await inputs(ctx, "sort", ctx.argv.slice(1).filter((a) => !a.startsWith("-")));
  let ls = texts.flatMap((t) => lines(t.text));
  ls.sort(flags.includes("n") ? (a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes("r")) ls.reverse();
  if (flags.includes("u")) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  for (const l of ls) ctx.stdout.write(`${l}\n`);
  return failed ? 2 : 0;
};

export const uniq: Tool = async (ctx) => {
  const count = ctx.argv.includes("-c");
  const { texts } = await inputs(ctx, "uniq", ctx.argv.slice(1).filter((a) => !a.startsWith("-")));
  const ls = texts.flatMap((t) => lines(t.text));
  for (let i = 0; i < ls.length; ) {
    let j = i;
    while (j < ls.length && ls[j] === ls[i]) j++;
    ctx.stdout.write(count ? `${String(j - i).padStart(7)} ${ls[i]}\n` : `${ls[i]}\n`);
    i = j;
  }
  return 0;
};

export const cut: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  let delim = "\t";
  let fields = "";
  let chars = "";
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("-d")) delim = a.length > 2 ? a.slice(2) : (args[++i] ?? "\t");
    else if (a.startsWith("-f")) fields = a.length > 2 ? a.slice(2) : (args[++i] ?? "");
    else if (a.startsWith("-c")) chars = a.length > 2 ? a.slice(2) : (args[++i] ?? "");
    else files.push(a);
  }
  const pick = (spec: string, n: number) =>
    spec.split(",").flatMap((r) => {
      const [a, b] = r.split("-");
      const lo = a ? Number(a) : 1;
      const hi = r.includes("-") ? (b ? Number(b) : n) : lo;
      const out: number[] = [];
      for (let k = lo; k <= Math.min(hi, n); k++) out.push(k);
      return out;
    });
  const { texts } = await inputs(ctx, "cut", files);
  for (const l of texts.flatMap((t) => lines(t.text))) {
    if (chars) ctx.stdout.write(pick(chars, l.length).map((k) => l[k - 1]).join("") + "\n");
    else {
      const parts = l.split(delim);
      if (parts.length === 1) ctx.stdout.write(`${l}\n`);
      else ctx.stdout.write(pick(fields, parts.length).map((k) => parts[k - 1]).join(delim) + "\n");
    }
  }
  return 0;
};

function trSet(s: string): string {
  const classes: Record<string, string> = { "[:lower:]": "abcdefghijklmnopqrstuvwxyz", "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:digit:]": "0123456789", "[:space:]": " \t\n\r\v\f" };
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  s = escapes(s)[0];
  return s.replace(/(.)-(.)/g, (_, a: string, b: string) => {
    let out = "";
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out += String.fromCharCode(c);
    return out;
  });
}

export const tr: Tool = async (ctx) => {
  const del = ctx.argv[1] === "-d";
  const sets = ctx.argv.slice(del ? 2 : 1).filter((a) => !a.startsWith("-") || a.length === 1);
  const input = await ctx.stdin.readAll();
  const a = trSet(sets[0] ?? "");
  const b = trSet(sets[1] ?? "");
  let out = "";
  for (const ch of input) {
    const i = a.indexOf(ch);
    if (i < 0) out += ch;
    else if (!del) out += b[Math.min(i, b.length - 1)] ?? ch;
  }
  ctx.stdout.write(out);
  return 0;
};

export const tee: Tool = async (ctx) => {
  const append = ctx.argv.includes("-a");
  const writers = ctx.argv.slice(1).filter((a) => !a.startsWith("-")).map((f) => ctx.sys.fs.openWrite(resolvePath(ctx.cwd, f), append));
  for (;;) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    ctx.stdout.write(chunk);
    for (const w of writers) if (typeof w !== "string") w.write(chunk);
  }
  return writers.some((w) => typeof w === "string") ? 1 : 0;
};

export const seq: Tool = async (ctx) => {
  const nums = ctx.argv.slice(1).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (!step) return 1;
  let out = "";
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) out += `${n}\n`;
  ctx.stdout.write(out);
  return 0;
};

export const basename: Tool = async (ctx) => {
  const [p = "", suffix] = ctx.argv.slice(1);
  let b = p.replace(/\/+$/, "").split("/").pop() || "/";
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  ctx.stdout.write(`${b}\n`);
  return 0;
};

export const dirname: Tool = async (ctx) => {
  const p = (ctx.argv[1] ?? "").replace(/\/+$/, "");
  const i = p.lastIndexOf("/");
  ctx.stdout.write(`${i < 0 ? "." : i === 0 ? "/" : p.slice(0, i)}\n`);
  return 0;
};

export const which: Tool = async (ctx) => {
  let code = 0;
  for (const n of ctx.argv.slice(1).filter((a) => !a.startsWith("-"))) {
    const p = ctx.sys.which(n);
    if (p) ctx.stdout.write(`${p}\n`);
    else code = 1;
  }
  return code;
};

export const timeout: Tool = async (ctx) => {
  // Leading options (-s SIG, -k SECS, -t SECS for busybox) come before the duration.
  let args = ctx.argv.slice(1);
  while (args.length && args[0].startsWith("-")) args = args.slice(["-s", "-k", "-t"].includes(args[0]) ? 2 : 1);
  const ms = parseSleep([args[0] ?? ""]);
  if (ms === undefined || args.length < 2 || !ctx.exec) {
    ctx.stderr.write(isBusybox(ctx) ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n" : `timeout: invalid time interval '${args[0] ?? ""}'\nTry 'timeout --help' for more information.\n`);
    return 125;
  }
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const cancel = ctx.sys.clock.after(ms, () => {
    timedOut = true;
    ac.abort();
  });
  try {
    const code = await ctx.exec(args.slice(1), { signal: ac.signal });
    // coreutils exits 124 on timeout; busybox's timeout reports the child's SIGTERM (143).
    return timedOut ? (isBusybox(ctx) ? 143 : 124) : code;
  } finally {
    cancel();
    ctx.signal.removeEventListener("abort", onAbort);
  }
};

export const nproc: Tool = async (ctx) => {
  ctx.stdout.write("4\n");
  return 0;
};

export const trueTool: Tool = async () => 0;
export const falseTool: Tool = async () => 1;

export const pwd: Tool = async (ctx) => {
  ctx.stdout.write(`${ctx.cwd}\n`);
  return 0;
};

/** clear: home the cursor and erase the screen (busybox writes ESC[H ESC[J; ncurses' adds ESC[3J). */
export const clear: Tool = async (ctx) => {
  ctx.stdout.write(isBusybox(ctx) ? "\x1b[H\x1b[J" : "\x1b[H\x1b[2J\x1b[3J");
  return 0;
};

/** getent hosts NAME (glibc images): /etc/hosts, then DNS; "IP<pad to 15> NAME", exit 2 when unknown. */
export const getent: Tool = async (ctx) => {
  const [db, ...keys] = ctx.argv.slice(1);
  if (db !== "hosts" && db !== "ahosts" && db !== "ahostsv4") {
    ctx.stderr.write(db ? `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n` : "getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n");
    return 1;
  }
  let code = 0;
  for (const key of keys) {
    const look = await lookupHost(ctx.sys, key, ctx.signal);
    if (!look.ok) {
      if (look.error === "aborted") return 130;
      code = 2;
      continue;
    }
    const name = look.fromHosts ? key : look.canonical.replace(/\.$/, "");
    for (const ip of db === "hosts" ? look.ips.slice(0, 1) : look.ips) {
      if (db === "hosts") ctx.stdout.write(`${ip.padEnd(15)} ${name}\n`);
      else ctx.stdout.write(`${ip.padEnd(15)} STREAM ${name}\n${ip.padEnd(15)} DGRAM  \n${ip.padEnd(15)} RAW    \n`);
    }
  }
  return code;
};
