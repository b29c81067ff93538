// The platform's one Node process: a plain http server that hands every request to Next (App Router) and
// every WebSocket upgrade to the handler mounted for its path (lib/server/upgrade.ts), or else to Next (hot
// reload in development). Before listening it checks configuration, applies migrations (lib/db/migrate.ts)
// and loads the mounts (lib/server/mounts.ts). It assigns each request an id (x-request-id, echoed in the
// response and in every log line), records the client address for rate limits, logs one line per request,
// and shuts down gracefully on SIGTERM/SIGINT. scripts/start.ts is the command-line entry point.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import next from "next";
import { deleteExpiredSessions } from "../auth/sessions";
import { serverKey } from "../auth/keys";
import { closeDb, getDb } from "../db/client";
import { migrate } from "../db/migrate";
import { log, logErrorOnce } from "../log";
import { labBackend, labBackendSetting } from "./backend";
import { loadMounts } from "./mounts";
import { dispatchUpgrade, runShutdownHooks, type UpgradeHandler } from "./upgrade";

export type ServerOptions = { dev: boolean; port: number; host: string; dir: string };
export type RunningServer = { url: string; server: Server; close: () => Promise<void> };

export class StartupError extends Error {
  override name = "StartupError";
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 3000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new StartupError(`PORT="${raw}" is not a port number (0-65535). Unset it to use 3000.`);
  return n;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

// Headers only this process may set: strip what a client sent, then set our own.
function stampRequest(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = id;
  const forwarded = req.headers["x-forwarded-for"];
  const fromProxy = process.env.TRUST_PROXY === "1" && typeof forwarded === "string" ? forwarded.split(",")[0].trim() : undefined;
  req.headers["x-platform-client-ip"] = fromProxy || req.socket.remoteAddress || "unknown";
  return id;
}

function accessLog(req: IncomingMessage, res: ServerResponse, id: string, started: bigint): void {
  res.on("finish", () => {
    const path = (req.url ?? "/").split("?")[0];
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Static assets are noise at info level.
    const level = path.startsWith("/_next/") || path === "/favicon.ico" ? "debug" : res.statusCode >= 500 ? "warn" : "info";
    log[level]({ reqId: id, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
  });
}

let preflightDone: Promise<void> | undefined;

/**
 * Configuration and database checks, before anything starts: LAB_BACKEND, the session key, the database
 * path, migrations. scripts/start.ts calls it before building, so a bad DATABASE_URL fails in a second with
 * the fix, not after a minute of build. Idempotent.
 */
export function preflight(): Promise<void> {
  preflightDone ??= (async () => {
    labBackendSetting();
    serverKey();
    const migrated = await migrate();
    if (migrated.applied.length) log.info({ database: migrated.database, applied: migrated.applied }, "database migrated");
    else log.info({ database: migrated.database }, "database up to date");
    const expired = await deleteExpiredSessions(getDb());
    if (expired) log.info({ expired }, "deleted expired sessions");
  })();
  return preflightDone;
}

type NextApp = ReturnType<typeof next>;

/**
 * Next's custom-server wrapper attaches its own "upgrade" listener to our http server on the first request
 * (NextCustomServer.setupWebSocketHandler), which would handle every upgrade a second time, the lab
 * terminal's included. We mark that setup done and route upgrades ourselves: mounted paths to their
 * handlers, Next's hot-reload socket (/_next/hmr, development only) to Next's router-server handler, and
 * anything else gets a 404. The two properties are Next internals (next/dist/server/next.js, Next 16);
 * if they ever disappear we say so and fall back to the public getUpgradeHandler().
 */
function nextUpgradeHandler(app: NextApp, dev: boolean): UpgradeHandler {
  const internals = app as unknown as { didWebSocketSetup?: boolean; upgradeHandler?: UpgradeHandler };
  if (typeof internals.didWebSocketSetup === "boolean") internals.didWebSocketSetup = true;
  else log.warn("Next.js internals changed: its own upgrade listener may also see WebSocket upgrades");
  const routerUpgrade = internals.upgradeHandler ?? app.getUpgradeHandler();
  return (req, socket, head) => {
    const path = (req.url ?? "/").split("?")[0];
    if (dev && path.startsWith("/_next/")) return routerUpgrade(req, socket, head);
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  await preflight();
  await loadMounts();

  const app = next({ dev: opts.dev, dir: opts.dir, hostname: opts.host, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = nextUpgradeHandler(app, opts.dev);

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const id = stampRequest(req);
    res.setHeader("x-request-id", id);
    accessLog(req, res, id, started);
    Promise.resolve(handle(req, res)).catch((err) => {
      logErrorOnce(log.child({ reqId: id }), err, { method: req.method, path: req.url });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
      }
      res.end(`Internal error (request id ${id}).`);
    });
  });

  // Upgraded sockets leave the http server's bookkeeping: track them so shutdown can close them.
  const upgraded = new Set<Socket>();
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    const id = stampRequest(req);
    socket.on("error", (err) => log.debug({ reqId: id, err }, "upgrade socket error"));
    dispatchUpgrade(req, socket, head, nextUpgrade, (err) => logErrorOnce(log.child({ reqId: id }), err, { path: req.url, upgrade: true }));
  });

  // Keep-alive sockets, so shutdown can close idle ones instead of waiting for clients.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new StartupError(`Port ${opts.port} on ${opts.host} is already in use. Stop the other server or choose another port: PORT=${opts.port + 1} npm start`));
      else if (err.code === "EACCES") reject(new StartupError(`Not allowed to listen on port ${opts.port} (ports below 1024 need privileges). Use e.g. PORT=3000.`));
      else if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") reject(new StartupError(`HOST="${opts.host}" is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or a local address.`));
      else reject(err);
    };
    server.once("error", onError);
    server.listen(opts.port, opts.host, () => {
      server.off("error", onError);
      resolve();
    });
  });

  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const shownHost = opts.host === "0.0.0.0" || opts.host === "::" ? "localhost" : opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}`;
  const backend = await labBackend();
  log.info({ url, dev: opts.dev, labBackend: backend.active, labBackendReason: backend.reason }, "server listening");

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log.info("shutting down: no new connections; waiting for requests in flight");
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await runShutdownHooks(5_000);
      // Hooks had their chance to close their WebSockets cleanly; whatever is left goes now, and requests
      // still running after 10 s are cut.
      for (const socket of upgraded) socket.destroy();
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      force.unref();
      await closed;
      clearTimeout(force);
      await app.close().catch(() => undefined);
      await closeDb().catch(() => undefined);
      log.info("server stopped");
    })());
  return { url, server, close };
}
