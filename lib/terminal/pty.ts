// One lab shell per lab session, running under a pseudo-terminal (node-pty). The terminal outlives
// its WebSocket: a reload or a network blip reconnects to the same shell, and the recent output is
// replayed so the screen comes back as it was. It ends with the session.
import { spawn, type IPty } from "node-pty";
import { build } from "esbuild";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { dataDir } from "../auth/keys";

export interface TerminalPaths {
  workspace: string;
  kubeconfig: string;
  cacheDir: string;
  historyFile: string;
}

/** Output kept for replay on reconnect. */
const SCROLLBACK_BYTES = 200_000;

let bundle: Promise<string> | undefined;
/**
 * The lab shell as one JavaScript file, bundled once per process with esbuild: starting it is then
 * plain `node file.mjs` (about 50 ms) rather than compiling TypeScript on every lab start.
 */
export function labShellBundle(outDir = join(dataDir(), "cache")): Promise<string> {
  bundle ??= (async () => {
    const src = resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/terminal/shell/main.ts");
    const out = join(outDir, "lab-shell.mjs");
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs || process.env.NODE_ENV !== "production") {
      mkdirSync(outDir, { recursive: true });
      await build({ entryPoints: [src], bundle: true, platform: "node", format: "esm", target: "node20", outfile: out, logLevel: "error" });
    }
    return out;
  })();
  return bundle;
}

let kubectlPath: string | undefined;
/** The kubectl the lab terminal runs: $KUBECTL, else the one on PATH, resolved to an absolute path. */
export function resolveKubectl(): string {
  kubectlPath ??= process.env.KUBECTL?.startsWith("/") ? process.env.KUBECTL : execFileSync("sh", ["-c", `command -v ${process.env.KUBECTL || "kubectl"}`]).toString().trim();
  if (!kubectlPath) throw new Error("kubectl was not found on PATH; install kubectl or set KUBECTL");
  return kubectlPath;
}

export class LabTerminal {
  private readonly listeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(code: number) => void>();
  private scrollback = "";
  exited = false;

  private constructor(private readonly pty: IPty) {
    pty.onData((d) => {
      this.scrollback = (this.scrollback + d).slice(-SCROLLBACK_BYTES);
      for (const l of this.listeners) l(d);
    });
    pty.onExit(({ exitCode }) => {
      this.exited = true;
      for (const l of this.exitListeners) l(exitCode);
    });
  }

  static async start(paths: TerminalPaths, size = { cols: 100, rows: 30 }): Promise<LabTerminal> {
    const shell = await labShellBundle();
    const pty = spawn(process.execPath, [shell, "--workspace", paths.workspace, "--kubeconfig", paths.kubeconfig, "--cache", paths.cacheDir, "--kubectl", resolveKubectl(), "--history", paths.historyFile], {
      name: "xterm-256color",
      cols: size.cols,
      rows: size.rows,
      cwd: paths.workspace,
      // Nothing of the server's environment reaches the lab shell but what it needs.
      env: {
        PATH: "/usr/bin:/bin",
        LANG: "C.UTF-8",
        TERM: "xterm-256color",
        NODE_ENV: process.env.NODE_ENV ?? "production",
        ...(process.env.LAB_COMMAND_TIMEOUT_SECONDS ? { LAB_COMMAND_TIMEOUT_SECONDS: process.env.LAB_COMMAND_TIMEOUT_SECONDS } : {}),
        ...(process.env.LAB_OUTPUT_KIB ? { LAB_OUTPUT_KIB: process.env.LAB_OUTPUT_KIB } : {}),
      },
    });
    return new LabTerminal(pty);
  }

  /** Subscribes to output; the scrollback is delivered first. Returns unsubscribe. */
  attach(onData: (data: string) => void, onExit: (code: number) => void): () => void {
    if (this.scrollback) onData(this.scrollback);
    this.listeners.add(onData);
    this.exitListeners.add(onExit);
    return () => {
      this.listeners.delete(onData);
      this.exitListeners.delete(onExit);
    };
  }

  get clients(): number {
    return this.listeners.size;
  }

  write(data: string): void {
    if (!this.exited) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.pty.resize(Math.max(20, Math.min(cols, 500)), Math.max(5, Math.min(rows, 200)));
  }

  kill(): void {
    if (!this.exited) this.pty.kill("SIGHUP");
  }
}
