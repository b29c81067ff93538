// The filesystem a simulated container shows to exec: the files the kubelet writes into every pod
// (/etc/resolv.conf, /etc/hosts, /etc/hostname, the service account's namespace), the image's own
// files and directories, and a writable layer (the container process's `files`) that exec writes
// to and servers read from (nginx serves /usr/share/nginx/html from it).
import type { Writer } from "./shell/io";

export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith("/") ? p : `${cwd.replace(/\/$/, "")}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

const parentOf = (p: string) => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

export class ContainerFs {
  private readonly dirs = new Set<string>(["/"]);

  /**
   * @param generated files written by the kubelet/runtime (read-only for our purposes, but a write
   *   shadows them in the layer, as a bind mount would not allow; close enough for labs)
   * @param layer the container's writable layer (shared with its main process)
   */
  constructor(
    private readonly generated: Map<string, string>,
    readonly layer: Map<string, string>,
    dirs: Iterable<string>,
  ) {
    for (const d of dirs) this.addDir(d);
    for (const p of [...generated.keys(), ...layer.keys()]) this.addDir(parentOf(p));
  }

  private addDir(d: string): void {
    let cur = d;
    while (!this.dirs.has(cur)) {
      this.dirs.add(cur);
      cur = parentOf(cur);
    }
  }

  isDir(p: string): boolean {
    return this.dirs.has(p);
  }

  /** File content; undefined when missing or a directory. */
  read(p: string): string | undefined {
    if (p === "/dev/null") return "";
    if (this.layer.has(p)) return this.layer.get(p);
    return this.generated.get(p);
  }

  exists(p: string): boolean {
    return this.isDir(p) || this.read(p) !== undefined;
  }

  /** Names directly inside a directory, sorted as `ls` sorts them (C locale). */
  list(dir: string): string[] | undefined {
    if (!this.isDir(dir)) return undefined;
    const prefix = dir === "/" ? "/" : `${dir}/`;
    const names = new Set<string>();
    for (const p of [...this.dirs, ...this.generated.keys(), ...this.layer.keys()]) {
      if (p !== dir && p.startsWith(prefix)) names.add(p.slice(prefix.length).split("/")[0]);
    }
    return [...names].sort();
  }

  /** A writer for `>`/`>>`, or why not: ENOENT (no such directory) or EISDIR. */
  openWrite(p: string, append: boolean): Writer | "ENOENT" | "EISDIR" {
    if (p === "/dev/null") return { write() {} };
    if (this.isDir(p)) return "EISDIR";
    if (!this.isDir(parentOf(p))) return "ENOENT";
    if (!append || !this.layer.has(p)) this.layer.set(p, append ? (this.read(p) ?? "") : "");
    const layer = this.layer;
    return {
      write(s: string) {
        layer.set(p, (layer.get(p) ?? "") + s);
      },
    };
  }

  write(p: string, content: string): boolean {
    const w = this.openWrite(p, false);
    if (typeof w === "string") return false;
    w.write(content);
    return true;
  }

  mkdir(p: string): "ok" | "EEXIST" | "ENOENT" {
    if (this.exists(p)) return "EEXIST";
    if (!this.isDir(parentOf(p))) return "ENOENT";
    this.dirs.add(p);
    return "ok";
  }

  remove(p: string): boolean {
    if (this.layer.delete(p)) return true;
    if (this.generated.has(p)) {
      this.generated.delete(p);
      return true;
    }
    return false;
  }
}
