// Lab sessions: a learner's cluster, workspace and terminal for one lab, from "Start lab" to the
// end. Provisioning runs as named steps (queued → creating cluster → waiting for API → preparing
// lab → ready) that the browser follows as a progress bar; idle and total time limits expire
// sessions, with a warning first and an extension while active; a session survives a page reload
// (same cluster, same workspace), and a sandbox session survives a server restart (its objects are
// snapshotted through kubectl and re-applied to a fresh sandbox).
import { EventEmitter } from "node:events";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Db, LabSession } from "../db/client";
import type { ClusterManager } from "../clusters/manager";
import type { Addon, ClusterHandle, ProvisionStep } from "../clusters/types";
import { BackendError } from "../clusters/types";
import { getLab } from "../labs/load";
import type { Lab } from "../labs/schema";
import type { KubectlTarget } from "../labs/kubectl";
import { runSteps } from "../labs/steps";
import { ensureProbes } from "../grader/probes";
import { restoreObjects, snapshotObjects } from "./snapshot";

export type SessionState = "queued" | "provisioning" | "ready" | "expired" | "failed" | "ended";
export const LIVE_STATES: SessionState[] = ["queued", "provisioning", "ready"];

export interface SessionLimits {
  /** Ended after this long without terminal input or checks. */
  idleMs: number;
  /** Ended this long after it became ready, unless extended. */
  maxMs: number;
  /** The UI warns this long before either limit. */
  warnMs: number;
  /** How much one "extend" adds to the time limit. */
  extendMs: number;
}

export const limitsFromEnv = (env: Record<string, string | undefined> = process.env): SessionLimits => ({
  idleMs: Number(env.LAB_IDLE_MINUTES ?? 30) * 60_000,
  maxMs: Number(env.LAB_MAX_MINUTES ?? 120) * 60_000,
  warnMs: Number(env.LAB_WARN_MINUTES ?? 5) * 60_000,
  extendMs: Number(env.LAB_EXTEND_MINUTES ?? 30) * 60_000,
});

/** What the browser is told while a session starts or runs (server-sent events). */
export type SessionEvent =
  | { type: "step"; step: ProvisionStep; detail?: string; progress: number }
  | { type: "queue"; position: number }
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "warning"; reason: "idle" | "time"; endsAt: string }
  | { type: "ended"; state: SessionState; message: string };

const STEP_PROGRESS: Record<ProvisionStep, number> = { queued: 5, "creating cluster": 25, "waiting for API": 55, "preparing lab": 80, ready: 100 };

export class SessionError extends Error {
  override name = "SessionError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionPaths {
  dir: string;
  kubeconfig: string;
  workspace: string;
  cache: string;
  snapshot: string;
}

export class LabSessionService {
  private readonly bus = new EventEmitter();
  private readonly provisioning = new Map<string, AbortController>();
  private readonly warned = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly manager: ClusterManager,
    private readonly dataDir: string,
    readonly limits: SessionLimits = limitsFromEnv(),
    private readonly labs: (id: string) => Lab = getLab,
  ) {
    this.bus.setMaxListeners(0);
  }

  get backendName() {
    return this.manager.backend.name;
  }

  paths(id: string): SessionPaths {
    const dir = resolve(this.dataDir, "sessions", id);
    return { dir, kubeconfig: join(dir, "kubeconfig"), workspace: join(dir, "workspace"), cache: join(dir, "cache"), snapshot: join(dir, "objects.json") };
  }

  target(id: string): KubectlTarget {
    const p = this.paths(id);
    return { kubeconfig: p.kubeconfig, cacheDir: p.cache };
  }

  /** Follows one session's events; returns unsubscribe. */
  subscribe(id: string, listener: (e: SessionEvent) => void): () => void {
    this.bus.on(id, listener);
    return () => this.bus.off(id, listener);
  }

  private emit(id: string, e: SessionEvent): void {
    this.bus.emit(id, e);
  }

  /** The learner's live session for this lab, or a new one (provisioning starts in the background). */
  async start(userId: string, labId: string): Promise<LabSession> {
    const lab = this.labs(labId);
    const live = await this.db.labSession.findFirst({ where: { userId, labId, state: { in: LIVE_STATES } }, orderBy: { createdAt: "desc" } });
    if (live) return live;
    const row = await this.db.labSession.create({ data: { userId, labId, backend: this.manager.backend.name, state: "queued", step: "queued" } });
    const p = this.paths(row.id);
    mkdirSync(/*turbopackIgnore: true*/ p.workspace, { recursive: true, mode: 0o700 });
    mkdirSync(/*turbopackIgnore: true*/ p.cache, { recursive: true, mode: 0o700 });
    const updated = await this.db.labSession.update({ where: { id: row.id }, data: { kubeconfigPath: p.kubeconfig, workspacePath: p.workspace } });
    void this.provision(updated, lab);
    return updated;
  }

  private async setStep(id: string, step: ProvisionStep, detail?: string, state: SessionState = "provisioning"): Promise<void> {
    await this.db.labSession.update({ where: { id }, data: { step, state } });
    this.emit(id, { type: "step", step, detail, progress: STEP_PROGRESS[step] });
  }

  private async provision(row: LabSession, lab: Lab, restore = false): Promise<void> {
    const ac = new AbortController();
    this.provisioning.set(row.id, ac);
    const p = this.paths(row.id);
    const addons: Addon[] = lab.needs.includes("ingress") ? ["ingress-nginx"] : [];
    let handle: ClusterHandle | undefined;
    try {
      handle = await this.manager.acquire({
        id: row.id,
        kubeconfigPath: p.kubeconfig,
        addons,
        signal: ac.signal,
        onStep: (step, detail) => void this.setStep(row.id, step, detail, step === "queued" ? "queued" : "provisioning"),
        onQueue: (position) => this.emit(row.id, { type: "queue", position }),
      });
      await this.db.labSession.update({ where: { id: row.id }, data: { clusterName: handle.name } });
      await this.setStep(row.id, "preparing lab", restore ? "restoring your objects" : "running the lab's setup");
      const target = this.target(row.id);
      if (restore && existsSync(/*turbopackIgnore: true*/ p.snapshot)) await restoreObjects(target, JSON.parse(readFileSync(/*turbopackIgnore: true*/ p.snapshot, "utf8")));
      else await runSteps(target, lab.setup);
      const probeError = await ensureProbes(target, lab.probes);
      if (probeError) throw new BackendError(probeError, "The lab's setup did not finish. Please reset the lab.");
      const now = new Date();
      await this.db.labSession.update({
        where: { id: row.id },
        data: { state: "ready", step: "ready", readyAt: now, lastActiveAt: now, expiresAt: new Date(now.getTime() + this.limits.maxMs), error: null },
      });
      this.emit(row.id, { type: "step", step: "ready", progress: 100 });
      this.emit(row.id, { type: "ready" });
    } catch (e) {
      const message = e instanceof BackendError ? e.learnerMessage : `The lab could not be prepared: ${(e as Error).message}`;
      await this.db.labSession.update({ where: { id: row.id }, data: { state: "failed", error: message, endedAt: new Date() } }).catch(() => undefined);
      this.emit(row.id, { type: "failed", message });
      // No cluster is left behind for a session that failed: its capacity goes to the next learner.
      if (handle) await this.manager.release(handle).catch(() => undefined);
    } finally {
      this.provisioning.delete(row.id);
    }
  }

  /** A session of this learner (404 for anyone else's: its existence is not revealed). */
  async get(userId: string, id: string): Promise<LabSession> {
    const row = await this.db.labSession.findUnique({ where: { id } });
    if (!row || row.userId !== userId) throw new SessionError(404, "no such lab session");
    return row;
  }

  /** Terminal input or a Check: the session is in use. */
  async touch(id: string): Promise<void> {
    this.warned.delete(`${id}:idle`);
    await this.db.labSession.update({ where: { id }, data: { lastActiveAt: new Date() } }).catch(() => undefined);
  }

  async extend(userId: string, id: string): Promise<LabSession> {
    const row = await this.get(userId, id);
    if (row.state !== "ready") throw new SessionError(409, `the session is ${row.state}, not running`);
    this.warned.delete(`${id}:time`);
    const base = Math.max(row.expiresAt?.getTime() ?? Date.now(), Date.now());
    return this.db.labSession.update({ where: { id }, data: { expiresAt: new Date(base + this.limits.extendMs), lastActiveAt: new Date() } });
  }

  /** Ends a session: deletes its cluster and workspace. */
  async end(userId: string, id: string, state: SessionState = "ended", message = "The lab session ended."): Promise<void> {
    const row = await this.get(userId, id);
    await this.finish(row, state, message);
  }

  private async finish(row: LabSession, state: SessionState, message: string): Promise<void> {
    this.provisioning.get(row.id)?.abort();
    await this.db.labSession.update({ where: { id: row.id }, data: { state, endedAt: new Date() } });
    if (row.clusterName) {
      await this.manager.release({ name: row.clusterName, backend: row.backend as "kind" | "sandbox", kubeconfigPath: row.kubeconfigPath ?? "", description: "" }).catch(() => undefined);
    }
    rmSync(/*turbopackIgnore: true*/ this.paths(row.id).dir, { recursive: true, force: true });
    this.emit(row.id, { type: "ended", state, message });
  }

  /** Reset: a new cluster with the lab's setup, in a new session. */
  async reset(userId: string, id: string): Promise<LabSession> {
    const row = await this.get(userId, id);
    await this.finish(row, "ended", "The lab was reset.");
    return this.start(userId, row.labId);
  }

  /** Expires idle and over-time sessions, warning first; snapshots sandbox sessions for restarts. */
  async sweep(now = Date.now()): Promise<void> {
    const rows = await this.db.labSession.findMany({ where: { state: "ready" } });
    for (const row of rows) {
      const idleEnds = row.lastActiveAt.getTime() + this.limits.idleMs;
      const timeEnds = row.expiresAt?.getTime() ?? Infinity;
      if (now >= idleEnds) await this.finish(row, "expired", "The lab session ended after a period without activity.");
      else if (now >= timeEnds) await this.finish(row, "expired", "The lab session reached its time limit.");
      else {
        if (idleEnds - now <= this.limits.warnMs && !this.warned.has(`${row.id}:idle`)) {
          this.warned.add(`${row.id}:idle`);
          this.emit(row.id, { type: "warning", reason: "idle", endsAt: new Date(idleEnds).toISOString() });
        }
        if (timeEnds - now <= this.limits.warnMs && !this.warned.has(`${row.id}:time`)) {
          this.warned.add(`${row.id}:time`);
          this.emit(row.id, { type: "warning", reason: "time", endsAt: new Date(timeEnds).toISOString() });
        }
      }
    }
  }

  /** Writes every ready sandbox session's objects to disk, so a restart can bring them back. */
  async snapshotAll(): Promise<void> {
    if (this.manager.backend.name !== "sandbox") return;
    for (const row of await this.db.labSession.findMany({ where: { state: "ready" } })) {
      const objects = await snapshotObjects(this.target(row.id)).catch(() => undefined);
      if (objects) writeFileSync(/*turbopackIgnore: true*/ this.paths(row.id).snapshot, JSON.stringify(objects), { mode: 0o600 });
    }
  }

  /**
   * At start: sessions that were live when the server stopped. Sandbox clusters lived in the old
   * process, so they are re-created from their snapshot; a kind session keeps its cluster if kind
   * still has it. Sessions that cannot come back are marked failed with a message.
   */
  async restore(): Promise<void> {
    const rows = await this.db.labSession.findMany({ where: { state: { in: LIVE_STATES } } });
    const existing = new Set(await this.manager.backend.list().catch(() => [] as string[]));
    for (const row of rows) {
      let lab: Lab;
      try {
        lab = this.labs(row.labId);
      } catch {
        await this.db.labSession.update({ where: { id: row.id }, data: { state: "failed", error: "This lab no longer exists.", endedAt: new Date() } });
        continue;
      }
      if (row.backend !== this.manager.backend.name) {
        await this.db.labSession.update({ where: { id: row.id }, data: { state: "failed", error: `The lab backend changed to ${this.manager.backend.name}; start the lab again.`, endedAt: new Date() } });
      } else if (row.backend === "kind" && row.clusterName && existing.has(row.clusterName) && row.state === "ready") {
        continue; // the cluster and kubeconfig are still there
      } else {
        await this.db.labSession.update({ where: { id: row.id }, data: { state: "provisioning", step: "creating cluster" } });
        void this.provision({ ...row, state: "provisioning" }, lab, row.state === "ready");
      }
    }
  }

  startTimers(everyMs = 30_000): void {
    this.timer = setInterval(() => {
      void this.sweep().catch(() => undefined);
      void this.snapshotAll().catch(() => undefined);
    }, everyMs);
    this.timer.unref();
  }

  stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Names of the clusters live sessions own (for the reaper). */
  async liveClusters(): Promise<string[]> {
    const rows = await this.db.labSession.findMany({ where: { state: { in: LIVE_STATES } }, select: { clusterName: true, id: true } });
    return rows.map((r) => r.clusterName ?? this.manager.backend.clusterName(r.id));
  }
}
