// tar, for `kubectl cp` (which runs `tar cf - <path>` to copy out of a pod and `tar -xmf - -C
// <dir>` to copy in, after `test -d <dir>`): ustar archives of the container's (text) files,
// read from stdin or written to stdout. Only regular files and directories; file contents are
// UTF-8 text, as the simulated filesystem holds them.
import type { Tool, ToolContext } from "./types";
import { resolvePath } from "../fs";

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, dir: boolean, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name.slice(0, 100), 0, "utf8");
  h.write(octal(dir ? 0o755 : 0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(mtime, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write(dir ? "5" : "0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("root", 265, "ascii");
  h.write("root", 297, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

/** Builds an archive of `paths` (relative names, without the leading "/", as tar stores them). */
export function createArchive(ctx: ToolContext, paths: string[], mtime: number): { archive: Buffer; missing: string[] } {
  const parts: Buffer[] = [];
  const missing: string[] = [];
  const fs = ctx.sys.fs;
  const add = (full: string, name: string) => {
    if (fs.isDir(full)) {
      parts.push(header(`${name.replace(/\/$/, "")}/`, 0, true, mtime));
      for (const child of fs.list(full) ?? []) add(resolvePath(full, child), `${name.replace(/\/$/, "")}/${child}`);
      return;
    }
    const content = Buffer.from(fs.read(full) ?? "", "utf8");
    parts.push(header(name, content.length, false, mtime), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK, 0));
  };
  for (const p of paths) {
    const full = resolvePath(ctx.cwd, p);
    if (!fs.exists(full)) {
      missing.push(p);
      continue;
    }
    add(full, p.replace(/^\/+/, "") || ".");
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return { archive: Buffer.concat(parts), missing };
}

export function readArchive(data: Buffer): { name: string; dir: boolean; content: string }[] | undefined {
  const out: { name: string; dir: boolean; content: string }[] = [];
  let off = 0;
  while (off + BLOCK <= data.length) {
    const h = data.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, n: number) => h.subarray(a, a + n).toString("utf8").replace(/\0.*$/s, "");
    if (str(257, 5) !== "ustar" && !/^[0-7 \0]+$/.test(h.subarray(124, 136).toString("latin1"))) return undefined;
    const size = parseInt(str(124, 12).trim() || "0", 8);
    const type = str(156, 1) || "0";
    const prefix = str(345, 155);
    const name = (prefix ? `${prefix}/` : "") + str(0, 100);
    off += BLOCK;
    const content = data.subarray(off, off + size).toString("utf8");
    off += Math.ceil(size / BLOCK) * BLOCK;
    if (type === "5") out.push({ name, dir: true, content: "" });
    else if (type === "0" || type === "\0") out.push({ name, dir: false, content });
  }
  return out;
}

export const tar: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  let mode: "c" | "x" | "t" | undefined;
  let file: string | undefined;
  let dir = ctx.cwd;
  let verbose = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-C" || a === "--directory") {
      dir = resolvePath(ctx.cwd, args[++i] ?? ".");
      continue;
    }
    if (a.startsWith("--")) continue; // --no-same-permissions, --no-same-owner
    if (i === 0 || a.startsWith("-")) {
      const flags = a.replace(/^-/, "");
      let takesFile = false;
      for (const f of flags) {
        if (f === "c" || f === "x" || f === "t") mode = f;
        else if (f === "f") takesFile = true;
        else if (f === "v") verbose = true;
      }
      if (takesFile) file = args[++i];
      continue;
    }
    paths.push(a);
  }
  const busybox = ctx.sys.variant("ps") === "busybox" || ctx.sys.profile.shell === "ash";
  if (!mode) {
    ctx.stderr.write(busybox ? "tar: need -c, -x or -t\n" : "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
    return busybox ? 1 : 2;
  }
  if (file !== undefined && file !== "-") {
    ctx.stderr.write(`tar: ${file}: only "-" (stdin/stdout) is supported in the sandbox\n`);
    return 2;
  }
  if (mode === "c") {
    const { archive, missing } = createArchive({ ...ctx, cwd: dir }, paths, Math.floor(ctx.sys.clock.now().getTime() / 1000));
    for (const m of missing) ctx.stderr.write(busybox ? `tar: ${m}: No such file or directory\n` : `tar: ${m}: Cannot stat: No such file or directory\n`);
    if (paths.some((p) => p.startsWith("/")) && !busybox) ctx.stderr.write("tar: Removing leading `/' from member names\n");
    ctx.stdout.write(archive.toString("utf8"));
    if (missing.length && !busybox) ctx.stderr.write("tar: Exiting with failure status due to previous errors\n");
    return missing.length ? (busybox ? 1 : 2) : 0;
  }
  const data = Buffer.from(await ctx.stdin.readAll(), "utf8");
  const entries = readArchive(data);
  if (!entries) {
    ctx.stderr.write(busybox ? "tar: invalid tar magic\n" : "tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n");
    return busybox ? 1 : 2;
  }
  for (const e of entries) {
    if (mode === "t" || verbose) ctx.stdout.write(`${e.name}\n`);
    if (mode !== "x") continue;
    const target = resolvePath(dir, e.name);
    if (e.dir) ctx.sys.fs.mkdir(target);
    else {
      const segs = target.split("/").filter(Boolean).slice(0, -1);
      for (let i = 1; i <= segs.length; i++) ctx.sys.fs.mkdir(`/${segs.slice(0, i).join("/")}`);
      ctx.sys.fs.write(target, e.content);
    }
  }
  return 0;
};
