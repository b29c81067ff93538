// Structured logs (pino, JSON lines on stdout). Usage:
//
//   import { log, requestLog, logErrorOnce } from "@/lib/log";
//   log.info({ labId }, "lab started");
//   const rlog = requestLog(request);               // child logger carrying the request's reqId
//   logErrorOnce(rlog, err, { route: "/api/x" });   // an error is logged once, with its context, however
//                                                   // many layers catch and rethrow it
//
// LOG_LEVEL sets the level (default "info"; "silent" turns logs off). Secrets never go in: cookies,
// passwords, tokens and authorization headers are redacted by path.
import pino, { type Logger } from "pino";

const holder = globalThis as unknown as { __platformLog?: Logger };

function create(): Logger {
  return pino({
    level: process.env.LOG_LEVEL?.trim() || "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["password", "*.password", "cookie", "*.cookie", "headers.cookie", "headers.authorization", 'headers["x-csrf-token"]', "token", "*.token"],
      censor: "[redacted]",
    },
    serializers: { err: pino.stdSerializers.err },
  });
}

// One logger per process, also shared by the code Next bundles (same process, separate module instances).
export const log: Logger = (holder.__platformLog ??= create());

type HeaderBag = { get(name: string): string | null };

export function requestLog(request: { headers: HeaderBag }): Logger {
  const reqId = request.headers.get("x-request-id");
  return reqId ? log.child({ reqId }) : log;
}

const logged = new WeakSet<object>();

/** Logs an error at "error" level unless this same error object was already logged. Returns the error. */
export function logErrorOnce(logger: Logger, err: unknown, context: Record<string, unknown> = {}, msg = "request failed"): unknown {
  if (typeof err === "object" && err !== null) {
    if (logged.has(err)) return err;
    logged.add(err);
  }
  logger.error({ ...context, err }, msg);
  return err;
}
