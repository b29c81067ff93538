// Which lab backend serves learners, for /api/health, the footer and start-up: the decision itself
// lives in lib/clusters/select.ts (one place); this module computes it once per process (the kind
// probe runs `docker info`, `kind version` and `kubectl version`) and shares it.
import { decideBackend, parseChoice, type BackendChoice, type BackendDecision } from "../clusters/select";

export type LabBackendSetting = BackendChoice;
export type LabBackendDecision = BackendDecision;

export function labBackendSetting(env: Record<string, string | undefined> = process.env): LabBackendSetting {
  return parseChoice(env.LAB_BACKEND);
}

export const decideLabBackend = decideBackend;

const holder = globalThis as unknown as { __platformLabBackend?: Promise<LabBackendDecision> };

/** The process's decision (computed on first use). */
export function labBackend(): Promise<LabBackendDecision> {
  holder.__platformLabBackend ??= decideBackend(labBackendSetting());
  return holder.__platformLabBackend;
}
