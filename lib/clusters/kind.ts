// The kind backend: one real 3-node cluster (a control-plane and two workers) per lab session,
// made with `kind create cluster` through execa. kind >= 0.24 is required because older kind's
// default CNI (kindnet) does not enforce NetworkPolicy, and half the course is about policy.
// Every cluster this platform makes is named `<prefix>-<id>`, which is how the reaper finds
// orphans after a crash.
import { execa } from "execa";
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "yaml";
import { BackendError, type Addon, type Availability, type ClusterBackend, type ClusterHandle, type CreateOptions } from "./types";

export interface KindConfig {
  /** Cluster name prefix; the reaper deletes unowned clusters with it. */
  prefix: string;
  /** Pinned node image, shown to the learner. */
  nodeImage: string;
  /** `kind create cluster --wait` (control-plane readiness). */
  waitSeconds: number;
  /** How long `kind create cluster` may take in all before it is stopped and cleaned up. */
  createTimeoutSeconds: number;
  /** The ingress-nginx manifest for kind (a path or URL), applied for labs that need Ingress. */
  ingressManifest: string;
  /** Executables (overridable for tests and unusual installs). */
  kind: string;
  docker: string;
  kubectl: string;
}

export const MIN_KIND = [0, 24, 0] as const;

export function kindConfigFromEnv(env: Record<string, string | undefined> = process.env): KindConfig {
  return {
    prefix: env.KIND_CLUSTER_PREFIX || "kubenet",
    nodeImage: env.KIND_NODE_IMAGE || "kindest/node:v1.32.2",
    waitSeconds: Number(env.KIND_WAIT_SECONDS || 120),
    createTimeoutSeconds: Number(env.KIND_CREATE_TIMEOUT_SECONDS || 360),
    ingressManifest: env.INGRESS_NGINX_MANIFEST || "https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml",
    kind: env.KIND_BINARY || "kind",
    docker: env.DOCKER_BINARY || "docker",
    kubectl: env.KUBECTL || "kubectl",
  };
}

/** "kind v0.27.0 go1.23.6 linux/amd64" → [0, 27, 0]. */
export function parseKindVersion(out: string): [number, number, number] | undefined {
  const m = /v(\d+)\.(\d+)\.(\d+)/.exec(out);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const atLeast = (v: readonly number[], min: readonly number[]) => {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
};

/** The kind cluster config: one control-plane and two workers, like the sandbox. */
export function kindClusterConfig(addons: Addon[]): string {
  const controlPlane: Record<string, unknown> = { role: "control-plane" };
  if (addons.includes("ingress-nginx")) {
    // kind's ingress-nginx manifest schedules the controller on a node labelled ingress-ready=true.
    controlPlane.kubeadmConfigPatches = ["kind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: \"ingress-ready=true\"\n"];
  }
  return stringify({ kind: "Cluster", apiVersion: "kind.x-k8s.io/v1alpha4", nodes: [controlPlane, { role: "worker" }, { role: "worker" }] });
}

export class KindBackend implements ClusterBackend {
  readonly name = "kind" as const;
  constructor(readonly config: KindConfig = kindConfigFromEnv()) {}

  /**
   * Runs a tool in its own process group: on timeout or abort the whole group is stopped, because
   * kind's own children (docker, kubeadm through docker exec) would otherwise keep running and keep
   * its output open.
   */
  private async run(file: string, args: string[], opts: { input?: string; timeoutMs?: number; signal?: AbortSignal } = {}) {
    const child = execa(file, args, { input: opts.input, reject: false, all: true, detached: true });
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    const timer = opts.timeoutMs ? setTimeout(() => ((timedOut = true), killGroup()), opts.timeoutMs) : undefined;
    opts.signal?.addEventListener("abort", killGroup, { once: true });
    try {
      const r = await child;
      return Object.assign(r, { timedOut: timedOut || r.timedOut });
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", killGroup);
    }
  }

  async available(): Promise<Availability> {
    const missing: string[] = [];
    const docker = await this.run(this.config.docker, ["info", "--format", "{{.ServerVersion}}"], { timeoutMs: 15_000 });
    if ((docker as { code?: string }).code === "ENOENT") missing.push("Docker is not installed (no `docker` on PATH)");
    else if (docker.exitCode !== 0 || !String(docker.stdout).trim()) missing.push("the Docker engine is not running or not reachable (`docker info` failed)");
    const kind = await this.run(this.config.kind, ["version"], { timeoutMs: 15_000 });
    if ((kind as { code?: string }).code === "ENOENT" || kind.exitCode !== 0) missing.push("kind is not installed (no `kind` on PATH; install kind v0.24 or newer)");
    else {
      const v = parseKindVersion(String(kind.stdout));
      if (!v || !atLeast(v, MIN_KIND)) missing.push(`kind ${String(kind.stdout).trim()} is too old: v0.24.0 or newer is needed (older kind does not enforce NetworkPolicy)`);
    }
    const kubectl = await this.run(this.config.kubectl, ["version", "--client"], { timeoutMs: 15_000 });
    if (kubectl.exitCode !== 0) missing.push("kubectl is not installed (no `kubectl` on PATH)");
    return missing.length ? { ok: false, reason: `kind backend unavailable: ${missing.join("; ")}` } : { ok: true };
  }

  clusterName(id: string): string {
    // kind names become Docker container names and DNS labels: lowercase, short.
    return `${this.config.prefix}-${id.toLowerCase().replace(/[^a-z0-9-]/g, "").slice(0, 40)}`;
  }

  async create(opts: CreateOptions): Promise<ClusterHandle> {
    const name = this.clusterName(opts.id);
    mkdirSync(/*turbopackIgnore: true*/ dirname(opts.kubeconfigPath), { recursive: true });
    opts.onStep?.("creating cluster", `kind create cluster --name ${name} (${this.config.nodeImage})`);
    const created = await this.run(
      this.config.kind,
      ["create", "cluster", "--name", name, "--config", "-", "--kubeconfig", opts.kubeconfigPath, "--image", this.config.nodeImage, "--wait", `${this.config.waitSeconds}s`],
      { input: kindClusterConfig(opts.addons), timeoutMs: this.config.createTimeoutSeconds * 1000, signal: opts.signal },
    );
    if (created.exitCode !== 0) {
      await this.cleanup(name, opts.kubeconfigPath);
      const why = created.timedOut ? "it took too long" : String(created.all ?? "").trim().split("\n").slice(-3).join(" ");
      throw new BackendError(`kind create cluster ${name} failed: ${why}`, "Your lab cluster could not be created. Please try again; if it keeps failing, tell your instructor.");
    }
    try {
      opts.onStep?.("waiting for API", "waiting for all nodes to be Ready");
      await this.kubectl(opts.kubeconfigPath, ["wait", "--for=condition=Ready", "nodes", "--all", `--timeout=${this.config.waitSeconds}s`], opts.signal);
      if (opts.addons.includes("ingress-nginx")) {
        opts.onStep?.("preparing lab", "installing the ingress-nginx controller");
        await this.kubectl(opts.kubeconfigPath, ["apply", "-f", this.config.ingressManifest], opts.signal);
        await this.kubectl(
          opts.kubeconfigPath,
          ["wait", "-n", "ingress-nginx", "--for=condition=Ready", "pod", "-l", "app.kubernetes.io/component=controller", `--timeout=${this.config.waitSeconds}s`],
          opts.signal,
        );
      }
    } catch (e) {
      await this.cleanup(name, opts.kubeconfigPath);
      throw e;
    }
    return { name, backend: "kind", kubeconfigPath: opts.kubeconfigPath, description: `kind cluster ${name}, node image ${this.config.nodeImage}` };
  }

  private async kubectl(kubeconfig: string, args: string[], signal?: AbortSignal): Promise<void> {
    const r = await this.run(this.config.kubectl, [`--kubeconfig=${kubeconfig}`, ...args], { timeoutMs: (this.config.waitSeconds + 60) * 1000, signal });
    if (r.exitCode !== 0) {
      throw new BackendError(`kubectl ${args.join(" ")} failed: ${String(r.all ?? "").trim().split("\n").pop()}`, "Your lab cluster started but did not become ready. Please try again.");
    }
  }

  private async cleanup(name: string, kubeconfigPath: string): Promise<void> {
    await this.delete(name).catch(() => undefined);
    rmSync(/*turbopackIgnore: true*/ kubeconfigPath, { force: true });
  }

  async delete(name: string): Promise<void> {
    const r = await this.run(this.config.kind, ["delete", "cluster", "--name", name], { timeoutMs: 120_000 });
    if (r.exitCode !== 0) throw new BackendError(`kind delete cluster ${name} failed: ${String(r.all ?? "").trim()}`);
  }

  async list(): Promise<string[]> {
    const r = await this.run(this.config.kind, ["get", "clusters"], { timeoutMs: 30_000 });
    if (r.exitCode !== 0) throw new BackendError(`kind get clusters failed: ${String(r.all ?? "").trim()}`);
    return String(r.stdout)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith(`${this.config.prefix}-`));
  }
}
