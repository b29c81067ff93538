// `kubectl exec` into a simulated container: checks the target the way the kubelet and runtime do,
// then runs argv with the image's own tools. Errors are worded as containerd/runc word them
// because kubectl prints them verbatim:
//   error: unable to upgrade connection: container not found ("web")
//   error: Internal error occurred: error executing command in container: failed to exec in
//     container: failed to start exec "…": OCI runtime exec failed: exec failed: unable to start
//     container process: exec: "curl": executable file not found in $PATH: unknown
import { createHash } from "node:crypto";
import type { Cluster } from "../cluster";
import type { K8sObject } from "../types";
import { lookupImage } from "../images";
import type { ImageProfile } from "../images/types";
import { ExecStartError, type ExecIO } from "./types";
import { buildSystem } from "./system";
import { runExternal } from "./runner";
import { Input, type Writer } from "./shell/io";
import { cookedInput, crlf } from "./interactive";
import { ExitShell, Interrupted } from "./shell/interp";

export { ExecStartError } from "./types";
export type { ExecIO } from "./types";

/**
 * Why exec into this container cannot start, checked before the API server upgrades the
 * connection (undefined = it can). The API server answers the upgrade with this Status.
 */
export function checkExecTarget(cluster: Cluster, pod: K8sObject, container: string): ExecStartError | undefined {
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((c: any) => c.name === container);
  if (!spec) return new ExecStartError(400, "BadRequest", `container ${container} is not valid for pod ${pod.metadata.name}`);
  const state = cluster.runtime.container(pod.metadata.uid ?? "", container);
  if (!state?.process || state.process.exit) return new ExecStartError(500, "InternalError", `container not found ("${container}")`);
  return undefined;
}

function execId(pod: K8sObject, container: string, argv: string[]): string {
  return createHash("sha256").update(`${pod.metadata.uid}/${container}/${argv.join(" ")}/${Date.now()}`).digest("hex");
}

export async function execInContainer(cluster: Cluster, pod: K8sObject, container: string, argv: string[], io: ExecIO): Promise<number> {
  const refused = checkExecTarget(cluster, pod, container);
  if (refused) throw refused;
  const state = cluster.runtime.container(pod.metadata.uid ?? "", container)!;
  // Images the catalogue does not describe (kind's preloaded CoreDNS, kube-proxy, ...) are
  // distroless as far as exec is concerned: nothing to run inside.
  const profile: ImageProfile = state.profile ?? lookupImage(state.image) ?? { repository: state.image, tools: [], digest: "", start: () => ({ listeners: [], startupLogs: [] }) };
  if (!state.process!.files) state.process!.files = new Map();
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === container);
  const mainArgv = [...(spec?.command ?? []), ...(spec?.args ?? [])];
  const sys = buildSystem(cluster, pod, container, profile, { files: state.process!.files, tty: io.tty, mainArgv: mainArgv.length ? mainArgv : [profile.repository.split("/").pop()!] });
  if (argv.length === 0) throw new ExecStartError(400, "BadRequest", "you must specify at least one command for the container");
  const path = sys.which(argv[0]);
  if (!path) {
    const why = argv[0].includes("/") ? `exec: "${argv[0]}": stat ${argv[0]}: no such file or directory` : `exec: "${argv[0]}": executable file not found in $PATH`;
    throw new ExecStartError(
      500,
      "InternalError",
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(pod, container, argv)}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`,
      "stream",
    );
  }
  const toWriter = (f: (d: string) => void): Writer => ({ write: (s: string) => f(s) });
  // With a tty there is one stream and the terminal turns "\n" into "\r\n".
  const stdout = io.tty ? crlf(toWriter((s) => io.stdout(s))) : toWriter((s) => io.stdout(s));
  const stderr = io.tty ? stdout : toWriter((s) => io.stderr(s));
  let stdin = io.stdin ? Input.fromAsync(io.stdin) : Input.empty();
  let signal = io.signal;
  // An interactive shell (`-- sh`, `-- bash -l`) runs its own line discipline; anything else on a
  // tty (including `sh -c '...'`) gets the terminal's cooked input and Ctrl-C.
  const interactiveShell = ["sh", "bash", "ash", "zsh"].includes(path.slice(path.lastIndexOf("/") + 1)) && argv.slice(1).every((a) => a.startsWith("-") && !a.includes("c"));
  if (io.tty && io.stdin && !interactiveShell) {
    // A program run directly on a tty: the terminal cooks its input and Ctrl-C interrupts it.
    const ac = new AbortController();
    io.signal.addEventListener("abort", () => ac.abort(), { once: true });
    stdin = cookedInput(stdin, toWriter((s) => io.stdout(s)), () => ac.abort());
    signal = ac.signal;
  }
  try {
    return await runExternal({
      argv,
      stdin,
      stdout,
      stderr,
      env: sys.env,
      cwd: pod.spec?.containers?.find((c: any) => c.name === container)?.workingDir ?? profile.workdir ?? "/",
      signal,
      sys,
      tty: io.tty,
    });
  } catch (e) {
    if (e instanceof ExitShell) return e.code;
    if (e instanceof Interrupted) return 130;
    throw e;
  }
}
