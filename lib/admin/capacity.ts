// Cluster capacity as the running process sees it: the backend serving learners and why it was chosen,
// clusters in use out of the maximum, the warm pool and the queue (lib/sessions/runtime.ts). When the
// lab runtime cannot start (LAB_BACKEND=kind without Docker), the reason is returned instead, so the
// overview still renders and says what is wrong.
import { labRuntime } from "../sessions/runtime";

export type Capacity =
  | { ok: true; backend: string; reason: string; clusters: number; max: number; warm: number; queued: number; idleMs: number }
  | { ok: false; error: string };

export async function getCapacity(): Promise<Capacity> {
  try {
    const { manager, service, backendReason } = await labRuntime();
    const s = manager.stats;
    return { ok: true, backend: manager.backend.name, reason: backendReason, clusters: s.clusters, max: s.max, warm: s.warm, queued: s.queued, idleMs: service.limits.idleMs };
  } catch (e) {
    return { ok: false, error: `The lab runtime is not running: ${(e as Error).message}` };
  }
}
