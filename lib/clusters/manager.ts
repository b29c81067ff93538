// Capacity for lab clusters: at most `maxClusters` exist at once (warm ones included), learners
// beyond that wait in a queue that tells them their position, a warm pool of ready clusters hides
// kind's 30-60 s start, and a reaper deletes clusters with the platform's prefix that no live
// session owns (after a crash, or when a delete failed).
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Addon, ClusterBackend, ClusterHandle, ProvisionStep } from "./types";
import { BackendError } from "./types";

export interface ManagerOptions {
  maxClusters: number;
  /** Ready clusters kept waiting for learners (0 = none). */
  warmPool: number;
  /** Addons every warm cluster gets, so any lab needing only these can take one. */
  poolAddons: Addon[];
  /** Where warm clusters' kubeconfigs live until a session takes them. */
  poolDir: string;
  /** Reaper period; 0 disables the periodic run (it still runs at start). */
  reapEveryMs: number;
  /** Names of clusters that live sessions own (the reaper keeps these). */
  liveClusters(): Promise<string[]> | string[];
  log?(msg: string, fields?: Record<string, unknown>): void;
}

export interface AcquireOptions {
  id: string;
  kubeconfigPath: string;
  addons: Addon[];
  onStep?(step: ProvisionStep, detail?: string): void;
  /** Called whenever the learner's place in the queue changes (1 = next). */
  onQueue?(position: number): void;
  signal?: AbortSignal;
}

interface Waiter {
  opts: AcquireOptions;
  resolve(): void;
  reject(e: Error): void;
}

export class ClusterManager {
  private readonly warm: ClusterHandle[] = [];
  /** Clusters that exist or are being created (warm, in use, provisioning). */
  private count = 0;
  private readonly queue: Waiter[] = [];
  private refilling = 0;
  /** Names of clusters being created right now (not yet owned by a session or the pool). */
  private readonly creating = new Set<string>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly backend: ClusterBackend,
    private readonly opts: ManagerOptions,
  ) {}

  async start(): Promise<void> {
    await this.reap();
    if (this.opts.reapEveryMs > 0) {
      this.timer = setInterval(() => void this.reap().catch((e) => this.opts.log?.("reaper failed", { err: String(e) })), this.opts.reapEveryMs);
      this.timer.unref();
    }
    this.refill();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const w of this.queue.splice(0)) w.reject(new BackendError("the platform is shutting down", "The platform is restarting; please start the lab again in a moment."));
  }

  get stats() {
    return { clusters: this.count, warm: this.warm.length, queued: this.queue.length, max: this.opts.maxClusters };
  }

  /** A ready cluster for one session: a warm one when it fits, else a new one (after queueing if at capacity). */
  async acquire(opts: AcquireOptions): Promise<ClusterHandle> {
    const fits = opts.addons.every((a) => this.opts.poolAddons.includes(a));
    const warm = fits ? this.warm.shift() : undefined;
    if (warm) {
      copyFileSync(/*turbopackIgnore: true*/ warm.kubeconfigPath, opts.kubeconfigPath);
      rmSync(/*turbopackIgnore: true*/ warm.kubeconfigPath, { force: true });
      opts.onStep?.("preparing lab", "using a cluster from the warm pool");
      this.refill();
      return { ...warm, kubeconfigPath: opts.kubeconfigPath };
    }
    if (this.count >= this.opts.maxClusters) {
      // Make room by giving up a warm cluster that does not fit, before making the learner wait.
      const spare = this.warm.pop();
      if (spare) await this.destroy(spare);
      else await this.wait(opts);
    }
    this.count++;
    const name = this.backend.clusterName(opts.id);
    this.creating.add(name);
    try {
      return await this.backend.create({ id: opts.id, kubeconfigPath: opts.kubeconfigPath, addons: opts.addons, onStep: opts.onStep, signal: opts.signal });
    } catch (e) {
      this.count--;
      this.next();
      throw e;
    } finally {
      this.creating.delete(name);
    }
  }

  /** Deletes a session's cluster and gives its capacity to the next learner in line. */
  async release(handle: ClusterHandle): Promise<void> {
    try {
      await this.backend.delete(handle.name);
    } finally {
      this.count--;
      this.next();
      this.refill();
    }
  }

  private wait(opts: AcquireOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const w: Waiter = { opts, resolve, reject };
      this.queue.push(w);
      opts.onStep?.("queued");
      this.announce();
      opts.signal?.addEventListener(
        "abort",
        () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) {
            this.queue.splice(i, 1);
            this.announce();
            reject(new BackendError("the learner left the queue", "You left the queue."));
          }
        },
        { once: true },
      );
    });
  }

  private announce(): void {
    this.queue.forEach((w, i) => w.opts.onQueue?.(i + 1));
  }

  private next(): void {
    if (this.count < this.opts.maxClusters) {
      const w = this.queue.shift();
      if (w) {
        this.announce();
        w.resolve();
      }
    }
  }

  /** Keeps the warm pool full while there is capacity no learner is waiting for. */
  private refill(): void {
    while (!this.closed && this.queue.length === 0 && this.warm.length + this.refilling < this.opts.warmPool && this.count < this.opts.maxClusters) {
      this.refilling++;
      this.count++;
      const id = `pool-${randomBytes(4).toString("hex")}`;
      const name = this.backend.clusterName(id);
      this.creating.add(name);
      this.backend
        .create({ id, kubeconfigPath: join(this.opts.poolDir, `${id}.kubeconfig`), addons: this.opts.poolAddons })
        .then((h) => {
          if (this.closed) return this.destroy(h);
          this.warm.push(h);
        })
        .catch((e) => {
          this.count--;
          this.opts.log?.("warm pool cluster failed", { err: String(e) });
        })
        .finally(() => {
          this.creating.delete(name);
          this.refilling--;
          this.next();
        });
    }
  }

  private async destroy(h: ClusterHandle): Promise<void> {
    try {
      await this.backend.delete(h.name);
    } finally {
      rmSync(/*turbopackIgnore: true*/ h.kubeconfigPath, { force: true });
      this.count--;
    }
  }

  /** Deletes every cluster with the platform's prefix that neither a live session nor the pool owns. */
  async reap(): Promise<string[]> {
    const live = new Set([...(await this.opts.liveClusters()), ...this.warm.map((w) => w.name), ...this.creating]);
    const orphans = (await this.backend.list()).filter((n) => !live.has(n));
    for (const name of orphans) {
      try {
        await this.backend.delete(name);
        this.opts.log?.("reaped orphaned cluster", { name });
      } catch (e) {
        this.opts.log?.("could not reap cluster", { name, err: String(e) });
      }
    }
    return orphans;
  }
}
