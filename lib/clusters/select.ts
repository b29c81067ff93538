// LAB_BACKEND=auto|kind|sandbox: which backend serves learners, decided in one place. `auto` uses
// kind when Docker, kind >= 0.24 and kubectl are all usable (KindBackend.available), and the
// embedded sandbox otherwise; the reason is kept so /api/health, the footer and every lab page can
// say which backend is in use and why.
import { KindBackend } from "./kind";
import { SandboxBackend } from "./sandbox";
import type { Availability, BackendName, ClusterBackend } from "./types";

export type BackendChoice = "auto" | BackendName;

export interface BackendDecision {
  configured: BackendChoice;
  active: BackendName;
  reason: string;
  /** False when LAB_BACKEND=kind but kind cannot run here (labs then fail to start, saying why). */
  usable: boolean;
}

const CHOICES: BackendChoice[] = ["auto", "kind", "sandbox"];

export function parseChoice(raw: string | undefined): BackendChoice {
  const v = (raw ?? "auto").trim().toLowerCase() || "auto";
  if (!CHOICES.includes(v as BackendChoice)) throw new Error(`LAB_BACKEND="${raw}" is not one of ${CHOICES.join(", ")}. Unset it to pick automatically.`);
  return v as BackendChoice;
}

export async function decideBackend(choice: BackendChoice, probe: () => Promise<Availability> = () => new KindBackend().available()): Promise<BackendDecision> {
  if (choice === "sandbox") return { configured: choice, active: "sandbox", reason: "LAB_BACKEND=sandbox", usable: true };
  const a = await probe();
  if (choice === "kind") return { configured: choice, active: "kind", reason: a.ok ? "LAB_BACKEND=kind" : `LAB_BACKEND=kind, but ${a.reason}`, usable: a.ok };
  return a.ok
    ? { configured: choice, active: "kind", reason: "auto: Docker and kind are available", usable: true }
    : { configured: choice, active: "sandbox", reason: `auto: ${a.reason}; using the embedded sandbox cluster`, usable: true };
}

/** A backend instance for a choice (tests and scripts; the server goes through lib/server/backend.ts). */
export interface Selected {
  backend: ClusterBackend;
  reason: string;
}

export async function selectBackend(choice: BackendChoice, make = { kind: () => new KindBackend(), sandbox: () => new SandboxBackend() }): Promise<Selected> {
  const kind = make.kind();
  const d = await decideBackend(choice, () => kind.available());
  if (!d.usable) throw new Error(d.reason);
  return { backend: d.active === "kind" ? kind : make.sandbox(), reason: d.reason };
}
