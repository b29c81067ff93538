// Starting a container's main process: Kubernetes' command/args rules against the image's
// ENTRYPOINT/CMD, $(VAR) expansion, and — for anything that is not the image's own server — running
// the command through the exec shell and tools as PID 1, its output going to the container log.
// `sleep 3600` keeps running, `sh -c "exit 1"` ends with 1, busybox's default `sh` without a tty
// reads an empty stdin and exits 0 at once (so restartPolicy Always gives CrashLoopBackOff).
import type { ContainerContext, ContainerProcess, ImageProfile } from "./types";
import type { Writer } from "../exec/shell/io";
import { Input } from "../exec/shell/io";
import { buildSystem, type ContainerSystem } from "../exec/system";
import { runExternal } from "../exec/runner";

/** The argv the runtime starts (k8s.io/kubernetes pkg/kubelet/kuberuntime: command/args vs ENTRYPOINT/CMD). */
export function effectiveArgv(container: any, entrypoint: string[], cmd: string[]): string[] {
  const command: string[] | undefined = container?.command?.length ? container.command : undefined;
  const args: string[] | undefined = container?.args?.length ? container.args : undefined;
  if (command) return [...command, ...(args ?? [])];
  if (args) return [...entrypoint, ...args];
  return [...entrypoint, ...cmd];
}

/** $(VAR) in command/args expands from the container's env; $$ escapes; unknown refs stay as written. */
export function expandRefs(argv: string[], env: Record<string, string>): string[] {
  return argv.map((a) => a.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name) => (all === "$$" ? "$" : name in env ? env[name] : all)));
}

/** Splits written text into log lines. */
export class LineLog implements Writer {
  private partial = "";
  constructor(private readonly log: (line: string) => void) {}
  write(s: string): void {
    const text = this.partial + s;
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    for (const p of parts) this.log(p);
  }
  flush(): void {
    if (this.partial) this.log(this.partial);
    this.partial = "";
  }
}

/** The system view of this container for its main process (same files layer exec will see). */
export function mainSystem(ctx: ContainerContext, profile: ImageProfile, argv: string[], files: Map<string, string>): ContainerSystem {
  if (!ctx.cluster) throw new Error("the kubelet must pass ContainerContext.cluster to start a container that runs a command");
  return buildSystem(ctx.cluster, ctx.pod, ctx.container.name, profile, { files, mainArgv: argv });
}

export function startError(argv0: string): ContainerProcess {
  const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`;
  const end = { code: 128, reason: "StartError", message };
  return { listeners: [], startupLogs: [], exit: { ...end, afterMs: 0 }, done: Promise.resolve(end) };
}

/** Runs argv as PID 1 through the exec tools. */
export function runCommand(ctx: ContainerContext, profile: ImageProfile, argv: string[], files = new Map<string, string>()): ContainerProcess {
  const sys = mainSystem(ctx, profile, argv, files);
  const expanded = expandRefs(argv, sys.env);
  if (!expanded.length || !sys.which(expanded[0])) return startError(expanded[0] ?? "");
  const abort = new AbortController();
  const out = new LineLog(ctx.log);
  // `stdin: true` (kubectl run -it): the process's stdin stays open, waiting for an attach, so a
  // shell there waits instead of reading end-of-file and exiting.
  const stdin = ctx.container.stdin ? new Input(() => new Promise<null>((resolve) => abort.signal.addEventListener("abort", () => resolve(null), { once: true }))) : Input.empty();
  const done = runExternal({
    argv: expanded,
    stdin,
    stdout: out,
    stderr: out,
    env: sys.env,
    cwd: ctx.container.workingDir ?? profile.workdir ?? "/",
    signal: abort.signal,
    sys,
    tty: false,
  }).then(
    (code) => {
      out.flush();
      return { code, reason: code === 0 ? "Completed" : "Error" };
    },
    (err) => {
      out.flush();
      ctx.log(String(err?.message ?? err));
      return { code: 1, reason: "Error" };
    },
  );
  return { listeners: [], startupLogs: [], done, stop: () => abort.abort(), files };
}

/** The pod's hostname/IP helpers images print. */
export function nowLog(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** [27/Nov/2026:06:30:00 +0000] as nginx's $time_local and Apache's %t write it. */
export function clfTime(d: Date): string {
  const M = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${M[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 7231 Date header. */
export const httpDate = (d: Date) => d.toUTCString();

export const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };
