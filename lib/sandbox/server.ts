// The sandbox API server: one HTTPS listener serving many sandbox clusters. A request's bearer
// token chooses its sandbox (compared in constant time; an unknown token is 401 like any API
// server's), so a token can only ever reach its own cluster. Each sandbox has its own request
// rate limit and object quotas, and is deleted after being idle for a configurable time.
// Everything immutable (discovery, OpenAPI, the serving certificate) is shared by all sandboxes.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Cluster } from "./cluster";
import { unauthorized, notFoundPath, ApiError } from "./errors";
import { DEFAULT_QUOTAS, type Quotas, type RequestContext } from "./api/context";
import { handleStreamUpgrade, refuseUpgrade } from "./api/exec";
import { sendError, type Reply } from "./api/http";
import { kubeconfigFor } from "./api/kubeconfig";
import { newBucket, takeToken, type RateBucket } from "./api/limits";
import { isPublic, serveDiscoveryOrOpenAPI, servePublic } from "./api/meta";
import { handleResource } from "./api/resources";
import { parseRoute } from "./api/route";
import { makeServingCert } from "./api/tls";
import { createCluster as defaultCreateCluster, newSandboxId, type Addon, type CreateClusterOptions } from "./sandbox";

export interface SandboxServerOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** A sandbox with no request for this long is deleted (default 2 h; 0 disables). */
  idleTimeoutMs?: number;
  quotas?: Partial<Quotas>;
  /** How sandboxes' clusters are made (tests pass their own clock); default sandbox.ts createCluster. */
  createCluster?: (opts: CreateClusterOptions) => Cluster;
  /**
   * Called once per authenticated API request when its response ends, e.g. to attribute API calls to
   * a learner's commands (kubectl sends `Kubectl-Command` and one `Kubectl-Session` per invocation).
   */
  onRequest?: (e: RequestRecord) => void;
  /** Called after a sandbox is gone: deleted by deleteSandbox, reaped for idleness, or at close(). */
  onSandboxDeleted?: (id: string, why: "deleted" | "idle" | "closed") => void;
}

export interface RequestRecord {
  sandboxId: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** Milliseconds from arrival to the end of the response (long for watches and log follows). */
  ms: number;
  /** The Kubectl-Command header ("kubectl get"), when the client is kubectl. */
  command?: string;
  /** The Kubectl-Session header: one id per kubectl invocation. */
  session?: string;
}

export interface SandboxInfo {
  id: string;
  token: string;
  /** A complete kubeconfig (YAML) for this sandbox. */
  kubeconfig: string;
  cluster: Cluster;
}

export interface SandboxServer {
  url: string;
  port: number;
  /** The CA that signed the serving certificate (PEM). */
  caPem: string;
  createSandbox(opts?: { id?: string; addons?: Addon[] }): Promise<SandboxInfo>;
  getSandbox(id: string): SandboxInfo | undefined;
  deleteSandbox(id: string): boolean;
  /** Ids of the sandboxes alive now. */
  sandboxIds(): string[];
  close(): Promise<void>;
}

interface Entry extends SandboxInfo {
  tokenDigest: Buffer;
  lastUsed: number;
  /** Requests and streams in flight: a sandbox with an open watch or exec is not idle. */
  open: number;
  bucket: RateBucket;
  /** Aborted when the sandbox is deleted: ends its watches, log follows and exec sessions. */
  lifetime: AbortController;
}

const DEFAULT_IDLE_MS = 2 * 60 * 60 * 1000;
// Abort reasons given explicitly: the default reason is a DOMException, costly to build per request.
const REQUEST_DONE = new Error("request finished");
const SANDBOX_DELETED = new Error("sandbox deleted");
const digest = (token: string) => createHash("sha256").update(token).digest();

export async function createSandboxServer(opts: SandboxServerOptions = {}): Promise<SandboxServer> {
  const host = opts.host ?? "127.0.0.1";
  const quotas: Quotas = { ...DEFAULT_QUOTAS, ...opts.quotas };
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const makeCluster = opts.createCluster ?? defaultCreateCluster;
  const cert = await makeServingCert(host === "0.0.0.0" || host === "::" ? [] : [host]);

  const byId = new Map<string, Entry>();
  const byDigest = new Map<string, Entry>();

  /** The sandbox a request's bearer token names, or undefined. */
  function authenticate(req: IncomingMessage): Entry | undefined {
    const h = req.headers.authorization;
    if (!h) return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m) return undefined;
    const d = digest(m[1]);
    const e = byDigest.get(d.toString("hex"));
    // The map is keyed by a digest, so no timing leaks the token; compare again in constant time anyway.
    if (!e || !timingSafeEqual(d, e.tokenDigest)) return undefined;
    return e;
  }

  function report(sandboxId: string, req: IncomingMessage, status: number, ms: number): void {
    const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
    try {
      opts.onRequest!({ sandboxId, method: req.method ?? "GET", url: req.url ?? "/", status, ms, command: header(req.headers["kubectl-command"]), session: header(req.headers["kubectl-session"]) });
    } catch (err) {
      console.error("sandbox server: onRequest hook failed:", err);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply: Reply = { res, warnings: [] };
    let entry: Entry | undefined;
    try {
      const url = new URL(req.url ?? "/", "https://sandbox");
      const route = parseRoute(url.pathname);
      if (isPublic(route)) return servePublic(reply, route, url.searchParams);
      entry = authenticate(req);
      if (!entry) {
        req.resume();
        throw unauthorized();
      }
      entry.lastUsed = Date.now();
      takeToken(entry.bucket, quotas);
      entry.open++;
      const ac = new AbortController();
      const onLifetimeEnd = () => ac.abort(SANDBOX_DELETED);
      entry.lifetime.signal.addEventListener("abort", onLifetimeEnd, { once: true });
      const e = entry;
      const started = performance.now();
      res.once("close", () => {
        e.open--;
        e.lastUsed = Date.now();
        e.lifetime.signal.removeEventListener("abort", onLifetimeEnd);
        ac.abort(REQUEST_DONE);
        if (opts.onRequest) report(e.id, req, res.statusCode, performance.now() - started);
      });
      const ctx: RequestContext = { ...reply, cluster: entry.cluster, req, res, url, query: url.searchParams, signal: ac.signal };
      if (route.type === "resource") await handleResource(ctx, route);
      else serveDiscoveryOrOpenAPI(ctx, route);
    } catch (err) {
      if (err instanceof ApiError && err.code >= 400) req.resume();
      sendError(reply, err);
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    try {
      const url = new URL(req.url ?? "/", "https://sandbox");
      const route = parseRoute(url.pathname);
      const entry = authenticate(req);
      if (!entry) throw unauthorized();
      entry.lastUsed = Date.now();
      takeToken(entry.bucket, quotas);
      if (route.type !== "resource" || !route.subresource) throw notFoundPath();
      entry.open++;
      const end = () => socket.destroy();
      entry.lifetime.signal.addEventListener("abort", end, { once: true });
      socket.once("close", () => {
        entry.open--;
        entry.lastUsed = Date.now();
        entry.lifetime.signal.removeEventListener("abort", end);
      });
      handleStreamUpgrade(entry.cluster, route, url.searchParams, req, socket, head);
    } catch (err) {
      refuseUpgrade(socket, err);
    }
  }

  const server: Server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    onRequest(req, res).catch((err) => sendError({ res, warnings: [] }, err));
  });
  server.on("upgrade", onUpgrade);
  server.on("clientError", (_err, socket: Socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  // Keep-alive a little longer than kubectl's own idle connection reuse within one command.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const url = `https://${urlHost}:${port}`;

  function deleteSandbox(id: string, why: "deleted" | "idle" | "closed" = "deleted"): boolean {
    const e = byId.get(id);
    if (!e) return false;
    byId.delete(id);
    byDigest.delete(e.tokenDigest.toString("hex"));
    e.lifetime.abort();
    try {
      e.cluster.close();
    } catch (err) {
      console.error(`sandbox ${id}: close failed:`, err);
    }
    try {
      opts.onSandboxDeleted?.(id, why);
    } catch (err) {
      console.error("sandbox server: onSandboxDeleted hook failed:", err);
    }
    return true;
  }

  const reaper =
    idleMs > 0
      ? setInterval(
          () => {
            const now = Date.now();
            for (const e of [...byId.values()]) if (e.open === 0 && now - e.lastUsed > idleMs) deleteSandbox(e.id, "idle");
          },
          Math.max(50, Math.min(idleMs / 4, 60_000)),
        )
      : undefined;
  reaper?.unref();

  const info = (e: Entry): SandboxInfo => ({ id: e.id, token: e.token, kubeconfig: e.kubeconfig, cluster: e.cluster });

  return {
    url,
    port,
    caPem: cert.caPem,
    async createSandbox(o = {}) {
      const id = o.id ?? newSandboxId();
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id) || id.length > 63) throw new Error(`invalid sandbox id "${id}": use lower-case letters, digits and '-' (at most 63)`);
      if (byId.has(id)) throw new Error(`sandbox "${id}" already exists`);
      const token = randomBytes(32).toString("base64url");
      const cluster = makeCluster({ id, addons: o.addons, quotas, caCert: cert.caPem });
      const e: Entry = {
        id,
        token,
        tokenDigest: digest(token),
        kubeconfig: kubeconfigFor({ name: id, server: url, caPem: cert.caPem, token }),
        cluster,
        lastUsed: Date.now(),
        open: 0,
        bucket: newBucket(quotas),
        lifetime: new AbortController(),
      };
      byId.set(id, e);
      byDigest.set(e.tokenDigest.toString("hex"), e);
      return info(e);
    },
    getSandbox(id) {
      const e = byId.get(id);
      return e ? info(e) : undefined;
    },
    deleteSandbox: (id) => deleteSandbox(id),
    sandboxIds: () => [...byId.keys()],
    async close() {
      if (reaper) clearInterval(reaper);
      for (const id of [...byId.keys()]) deleteSandbox(id, "closed");
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
