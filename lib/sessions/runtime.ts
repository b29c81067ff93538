// The process's lab machinery, made once and shared by route handlers, the terminal WebSocket and
// the server's shutdown hook (kept on globalThis: Next may load a module more than once).
//   LAB_BACKEND (auto|kind|sandbox), LAB_MAX_CLUSTERS, LAB_WARM_POOL, LAB_*_MINUTES (service.ts),
//   DATA_DIR (default ./data) for session workspaces and kubeconfigs.
import { resolve } from "node:path";
import { getDb } from "../db/client";
import { ClusterManager } from "../clusters/manager";
import { KindBackend } from "../clusters/kind";
import { SandboxBackend } from "../clusters/sandbox";
import { labBackend } from "../server/backend";
import { LabSessionService } from "./service";
import { dataDir } from "../auth/keys";

export interface LabRuntime {
  service: LabSessionService;
  manager: ClusterManager;
  /** Why this backend serves learners (shown on /api/health and the lab page). */
  backendReason: string;
}

const holder = globalThis as unknown as { __labRuntime?: Promise<LabRuntime> };


async function build(): Promise<LabRuntime> {
  // The same decision /api/health reports (probed once per process).
  const decision = await labBackend();
  if (!decision.usable) throw new Error(decision.reason);
  const backend = decision.active === "kind" ? new KindBackend() : new SandboxBackend();
  const reason = decision.reason;
  // The manager asks the service which clusters live sessions own; the service needs the manager.
  const late: { service?: LabSessionService } = {};
  const manager = new ClusterManager(backend, {
    maxClusters: Number(process.env.LAB_MAX_CLUSTERS ?? (backend.name === "kind" ? 4 : 200)),
    warmPool: backend.name === "kind" ? Number(process.env.LAB_WARM_POOL ?? 0) : 0,
    poolAddons: ["ingress-nginx"],
    poolDir: resolve(dataDir(), "pool"),
    reapEveryMs: 10 * 60_000,
    liveClusters: () => late.service?.liveClusters() ?? [],
  });
  const service = (late.service = new LabSessionService(getDb(), manager, dataDir()));
  await service.restore();
  await manager.start();
  service.startTimers();
  return { service, manager, backendReason: reason };
}

export function labRuntime(): Promise<LabRuntime> {
  holder.__labRuntime ??= build().catch((e) => {
    holder.__labRuntime = undefined;
    throw e;
  });
  return holder.__labRuntime;
}

/** For shutdown: snapshot sandbox sessions so a restart can restore them. */
export async function stopLabRuntime(): Promise<void> {
  if (!holder.__labRuntime) return;
  const rt = await holder.__labRuntime;
  rt.service.stopTimers();
  await rt.service.snapshotAll().catch(() => undefined);
  rt.manager.stop();
}
