// The sandbox backend: the embedded Kubernetes API server (lib/sandbox) in this process, one
// sandbox cluster per lab session. It starts in milliseconds and needs no Docker; kubectl reaches
// it over HTTPS on loopback with the per-sandbox token in the session's kubeconfig.
import { createSandboxServer, type SandboxServer, type SandboxServerOptions } from "../sandbox";
import { writePrivate } from "./files";
import type { Availability, ClusterBackend, ClusterHandle, CreateOptions } from "./types";

export class SandboxBackend implements ClusterBackend {
  readonly name = "sandbox" as const;
  private server?: Promise<SandboxServer>;

  constructor(private readonly serverOptions: SandboxServerOptions = {}) {}

  /** The shared API server, started on first use. */
  private get api(): Promise<SandboxServer> {
    this.server ??= createSandboxServer({ host: "127.0.0.1", port: 0, ...this.serverOptions });
    return this.server;
  }

  async available(): Promise<Availability> {
    return { ok: true };
  }

  clusterName(id: string): string {
    return id;
  }

  async create(opts: CreateOptions): Promise<ClusterHandle> {
    opts.onStep?.("creating cluster", "starting an embedded sandbox cluster");
    const api = await this.api;
    const sb = await api.createSandbox({ id: this.clusterName(opts.id), addons: opts.addons });
    opts.onStep?.("waiting for API", `sandbox API at ${api.url}`);
    writePrivate(opts.kubeconfigPath, sb.kubeconfig);
    return { name: sb.id, backend: "sandbox", kubeconfigPath: opts.kubeconfigPath, description: "embedded sandbox cluster (Kubernetes v1.32 API, 3 simulated nodes)" };
  }

  async delete(name: string): Promise<void> {
    (await this.api).deleteSandbox(name);
  }

  async list(): Promise<string[]> {
    return this.server ? (await this.server).sandboxIds() : [];
  }

  /** Stops the embedded API server (tests, shutdown). */
  async close(): Promise<void> {
    if (this.server) await (await this.server).close();
    this.server = undefined;
  }
}
