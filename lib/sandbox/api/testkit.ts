// Test support for driving the real kubectl against an in-process sandbox server: a session per
// sandbox (its own kubeconfig, HOME and discovery cache), and table-driven steps that check
// kubectl's exit code, stdout and stderr and report every disagreement at once.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxInfo, SandboxServer } from "../server";

/** The kubectl builds installed on this machine (BRIEF: v1.30, v1.32 via the dispatcher, v1.33). */
export const KUBECTLS: Record<string, string> = {
  "1.30": "/usr/lib/google-cloud-sdk/bin/kubectl.1.30",
  "1.32": "/usr/bin/kubectl",
  "1.33": "/usr/lib/google-cloud-sdk/bin/kubectl.1.33",
};

export const haveKubectl = (v: string): boolean => existsSync(KUBECTLS[v]);

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Session {
  sandbox: SandboxInfo;
  dir: string;
  kubeconfig: string;
  kubectl(args: string[], opts?: { stdin?: string; timeoutMs?: number; env?: Record<string, string> }): Promise<Result>;
  file(name: string, content: string): Promise<string>;
  close(): Promise<void>;
}

export async function newSession(server: SandboxServer, version: string, id?: string): Promise<Session> {
  const sandbox = await server.createSandbox(id ? { id } : {});
  const dir = await mkdtemp(join(tmpdir(), `kubectl-${version}-`));
  const kubeconfig = join(dir, "kubeconfig");
  await writeFile(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const bin = KUBECTLS[version];
  return {
    sandbox,
    dir,
    kubeconfig,
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          bin,
          args,
          { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, KUBECONFIG: kubeconfig, ...opts.env, NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : -1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
          },
        );
        if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
        else child.stdin?.end();
      });
    },
    async file(name, content) {
      const p = join(dir, name);
      await writeFile(p, content);
      return p;
    },
    async close() {
      server.deleteSandbox(sandbox.id);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Expect = RegExp | string;

export interface Step {
  /** kubectl arguments; a string is split on spaces. `{dir}` is replaced by the session's folder. */
  args: string[] | string;
  exit?: number;
  stdout?: Expect | Expect[];
  stderr?: Expect | Expect[];
  /** Must NOT appear in stdout. */
  notStdout?: Expect | Expect[];
  stdin?: string;
  /** Only for these kubectl versions. */
  only?: string[];
  /** Retry until it matches (for state the controllers reach shortly), up to this many ms. */
  eventuallyMs?: number;
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const hit = (text: string, e: Expect) => (typeof e === "string" ? text.includes(e) : e.test(text));

function disagreements(step: Step, r: Result): string[] {
  const out: string[] = [];
  const want = step.exit ?? 0;
  if (r.code !== want) out.push(`exit ${r.code}, want ${want}`);
  for (const e of list(step.stdout)) if (!hit(r.stdout, e)) out.push(`stdout lacks ${e}`);
  for (const e of list(step.stderr)) if (!hit(r.stderr, e)) out.push(`stderr lacks ${e}`);
  for (const e of list(step.notStdout)) if (hit(r.stdout, e)) out.push(`stdout has ${e}`);
  return out;
}

/** Runs steps in order; returns one line per disagreeing step (empty = all agree). */
export async function runSteps(s: Session, version: string, steps: Step[]): Promise<string[]> {
  const failures: string[] = [];
  for (const step of steps) {
    if (step.only && !step.only.includes(version)) continue;
    const args = (typeof step.args === "string" ? step.args.split(" ") : step.args).map((a) => a.replaceAll("{dir}", s.dir));
    const deadline = Date.now() + (step.eventuallyMs ?? 0);
    let r: Result;
    let bad: string[];
    while (true) {
      r = await s.kubectl(args, { stdin: step.stdin });
      bad = disagreements(step, r);
      if (!bad.length || Date.now() >= deadline) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    if (bad.length) failures.push(`kubectl ${version} ${args.join(" ")}: ${bad.join("; ")}\n  stdout: ${r.stdout.trim().slice(0, 800)}\n  stderr: ${r.stderr.trim().slice(0, 800)}`);
  }
  return failures;
}
