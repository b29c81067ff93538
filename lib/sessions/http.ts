// Shapes lab sessions for the browser and maps the lab layer's errors to HTTP errors, so route
// handlers stay thin. A session's kubeconfig and paths never leave the server.
import type { LabSession } from "../db/client";
import { HttpError } from "../server/http-error";
import type { LabSessionService, SessionError } from "./service";

export function publicSession(s: LabSession, service: LabSessionService) {
  const idleEndsAt = s.state === "ready" ? new Date(s.lastActiveAt.getTime() + service.limits.idleMs).toISOString() : null;
  return {
    id: s.id,
    labId: s.labId,
    backend: s.backend,
    state: s.state,
    step: s.step,
    error: s.error,
    createdAt: s.createdAt.toISOString(),
    readyAt: s.readyAt?.toISOString() ?? null,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    idleEndsAt,
    warnMs: service.limits.warnMs,
  };
}

export type PublicSession = ReturnType<typeof publicSession>;

/**
 * Runs a lab-layer call, turning its known errors into HTTP errors with the same message. Errors are
 * recognised by name, not instanceof: Next may load lib/ modules once per route bundle, while the lab
 * runtime (and so the class that threw) is shared by the whole process.
 */
export async function asHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as Partial<SessionError> & Error;
    if (err?.name === "SessionError" && typeof err.status === "number") throw new HttpError(err.status, err.message);
    if (err?.name === "LabFormatError" && /^no lab/.test(err.message)) throw new HttpError(404, "There is no such lab.");
    throw e;
  }
}
