// Runs the real kubectl against one lab cluster. Everything the lab runner and the grader do to a
// learner's cluster goes through here (and so through a kubeconfig), which is what lets one lab run
// the same on kind and on the sandbox. Each cluster gets its own cache directory so discovery
// caches are never shared between learners.
import { execa } from "execa";

export interface KubectlTarget {
  kubeconfig: string;
  /** kubectl's --cache-dir (discovery and HTTP caches) for this cluster. */
  cacheDir: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The kubectl binary: $KUBECTL, else `kubectl` on PATH. */
export const kubectlBinary = (): string => process.env.KUBECTL || "kubectl";

export async function kubectl(target: KubectlTarget, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
  const r = await execa(kubectlBinary(), [`--kubeconfig=${target.kubeconfig}`, `--cache-dir=${target.cacheDir}`, ...args], {
    input: opts.input,
    reject: false,
    timeout: opts.timeoutMs ?? 60_000,
    // A learner's or the host's kubectl settings must not leak into grading.
    extendEnv: false,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: target.cacheDir, KUBECTL_REMOTE_COMMAND_WEBSOCKETS: "true" },
    stripFinalNewline: false,
  });
  return {
    exitCode: typeof r.exitCode === "number" ? r.exitCode : 1,
    stdout: String(r.stdout ?? ""),
    stderr: String(r.stderr ?? ""),
    timedOut: Boolean(r.timedOut),
  };
}

/** kubectl's own error line ("Error from server (NotFound): ..."), without trailing noise. */
export const errorLine = (r: KubectlResult): string =>
  r.timedOut ? "kubectl did not answer in time" : (r.stderr.trim().split("\n").filter(Boolean).pop() ?? `kubectl exited with ${r.exitCode}`);
