// What the lab shell lets a learner ask kubectl to do. The terminal is not a host shell: kubectl
// runs with the session's kubeconfig and cache only, so every flag that would point it at other
// credentials, another cluster or another identity is refused, as are commands that open ports on
// the server (proxy, port-forward), run host programs (edit's $EDITOR, plugins, credential
// plugins via config), or read files outside the session's workspace.
import { realpathSync, existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

export class Refused extends Error {}

/** Global flags that choose credentials, cluster or identity. `=value` and separate-value forms are both refused. */
const REFUSED_FLAGS = new Map<string, string>([
  ["--kubeconfig", "the lab's kubeconfig is already set"],
  ["--server", "the lab's cluster is already set"],
  ["-s", "the lab's cluster is already set"],
  ["--token", "the lab's credentials are already set"],
  ["--username", "the lab's credentials are already set"],
  ["--password", "the lab's credentials are already set"],
  ["--as", "impersonation is not available in the lab"],
  ["--as-group", "impersonation is not available in the lab"],
  ["--as-uid", "impersonation is not available in the lab"],
  ["--context", "the lab has one context"],
  ["--cluster", "the lab has one cluster"],
  ["--user", "the lab has one user"],
  ["--certificate-authority", "the lab's certificates are already set"],
  ["--client-certificate", "the lab's certificates are already set"],
  ["--client-key", "the lab's certificates are already set"],
  ["--insecure-skip-tls-verify", "TLS settings are fixed in the lab"],
  ["--tls-server-name", "TLS settings are fixed in the lab"],
  ["--cache-dir", "the lab's cache is already set"],
  ["--profile-output", "profiling writes files outside the workspace"],
]);

/** Subcommands that would act on the server machine rather than the cluster. */
const REFUSED_COMMANDS = new Map<string, string>([
  ["proxy", "it would open a port on the platform's server; use kubectl get/exec instead"],
  ["port-forward", "it would open a port on the platform's server; reach Services from a pod with kubectl exec instead"],
  ["edit", "it needs a text editor on the server; use the editor panel: kubectl get <thing> -o yaml > thing.yaml, edit thing.yaml, kubectl apply -f thing.yaml"],
  ["plugin", "kubectl plugins are not available in the lab"],
  ["completion", "completion is built into the lab terminal (press Tab)"],
  ["kuberc", "kubectl preferences are fixed in the lab"],
]);

/** kubectl's own subcommands (anything else would be looked up as a plugin on the server's PATH). */
const KNOWN_COMMANDS = new Set([
  "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate", "cluster-info", "completion", "config",
  "cordon", "cp", "create", "debug", "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose", "get", "help",
  "kustomize", "label", "logs", "options", "patch", "plugin", "port-forward", "proxy", "replace", "rollout", "run", "scale", "set", "taint",
  "top", "uncordon", "version", "wait", "__complete", "__completeNoDesc", "kuberc",
]);

/** `kubectl config` subcommands that only read. The others would rewrite the lab's kubeconfig. */
const CONFIG_READONLY = new Set(["view", "current-context", "get-contexts", "get-clusters", "get-users"]);

/** Flags whose value is a local path. */
const PATH_FLAGS = new Set(["-f", "--filename", "-k", "--kustomize", "--from-file", "--from-env-file", "--env-file"]);

export interface Workspace {
  /** Absolute path of the session's workspace folder. */
  root: string;
  /** The shell's current directory (inside root). */
  cwd: string;
}

/** Resolves a path the learner typed, refusing anything outside the workspace (`..`, absolute paths, symlinks out). */
export function workspacePath(ws: Workspace, p: string): string {
  const abs = isAbsolute(p) ? resolve(p) : resolve(ws.cwd, p);
  const inside = (x: string) => {
    const rel = relative(ws.root, x);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
  };
  if (!inside(abs)) throw new Refused(`${p}: outside your workspace`);
  // A symlink inside the workspace must not lead outside it: check the real path of the deepest existing part.
  let probe = abs;
  while (!existsSync(probe) && probe !== ws.root) probe = dirname(probe);
  const real = realpathSync(probe);
  const realRoot = realpathSync(ws.root);
  const relReal = relative(realRoot, real);
  if (relReal.startsWith("..") || isAbsolute(relReal)) throw new Refused(`${p}: outside your workspace`);
  return abs;
}

function flagName(arg: string): string {
  const eq = arg.indexOf("=");
  return eq > 0 ? arg.slice(0, eq) : arg;
}

/**
 * Checks one kubectl invocation (arguments after "kubectl") and returns them with local paths
 * resolved inside the workspace. Throws Refused with a message in the learner's terms.
 */
export function vetKubectl(args: string[], ws: Workspace): string[] {
  const out: string[] = [];
  let command: string | undefined;
  let sub: string | undefined;
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (afterDashDash) {
      // Everything after `--` is the command run inside a container (exec, run, debug): not ours to vet.
      out.push(a);
      continue;
    }
    if (a === "--") {
      afterDashDash = true;
      out.push(a);
      continue;
    }
    if (a.startsWith("-")) {
      const name = flagName(a);
      // Short flags may be glued to their value: -sHOST is --server HOST.
      const short = /^-[a-zA-Z]/.test(a) && !a.startsWith("--") ? a.slice(0, 2) : undefined;
      const why = REFUSED_FLAGS.get(name) ?? (short === "-s" ? REFUSED_FLAGS.get("-s") : undefined);
      if (why) throw new Refused(`kubectl ${REFUSED_FLAGS.has(name) ? name : short}: not allowed in the lab terminal (${why})`);
      const pathFlag = PATH_FLAGS.has(name) ? name : short && PATH_FLAGS.has(short) ? short : undefined;
      if (pathFlag) {
        let value: string | undefined;
        if (a.includes("=")) value = a.slice(a.indexOf("=") + 1);
        else if (short && a.length > 2) value = a.slice(2);
        else value = args[++i];
        if (value === undefined) throw new Refused(`kubectl ${pathFlag}: a file name is needed`);
        out.push(pathFlag, vetPathValue(pathFlag, value, ws));
        continue;
      }
      out.push(a);
      continue;
    }
    if (!command) {
      command = a;
      if (!KNOWN_COMMANDS.has(a)) throw new Refused(`kubectl ${a}: unknown command (kubectl plugins are not available in the lab). Try "kubectl help".`);
      const why = REFUSED_COMMANDS.get(a);
      if (why) throw new Refused(`kubectl ${a}: not available in the lab terminal (${why})`);
    } else if (!sub) {
      sub = a;
      if (command === "config" && !CONFIG_READONLY.has(a)) throw new Refused(`kubectl config ${a}: the lab's kubeconfig cannot be changed (read it with kubectl config view)`);
      if (command === "cp") {
        out.push(vetCpOperand(a, ws));
        continue;
      }
    } else if (command === "cp") {
      out.push(vetCpOperand(a, ws));
      continue;
    }
    out.push(a);
  }
  return out;
}

function vetPathValue(flag: string, value: string, ws: Workspace): string {
  if (value === "-") return value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Refused(`kubectl ${flag} ${value}: URLs are not allowed in the lab; save the manifest into your workspace first`);
  // --from-file=key=path: only the path part is a file.
  if (flag === "--from-file" && value.includes("=")) {
    const [key, path] = [value.slice(0, value.indexOf("=")), value.slice(value.indexOf("=") + 1)];
    return `${key}=${workspacePath(ws, path)}`;
  }
  return value.split(",").map((p) => workspacePath(ws, p)).join(",");
}

/** `kubectl cp pod:/path local` — the local side must be in the workspace. */
function vetCpOperand(a: string, ws: Workspace): string {
  if (/^([a-z0-9-]+\/)?[a-z0-9][a-z0-9.-]*:/.test(a)) return a; // pod:path or namespace/pod:path
  return workspacePath(ws, a);
}
