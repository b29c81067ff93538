// The HTTP plumbing every API handler shares: reading a bounded request body, writing JSON and
// Status replies, Warning headers, and reading what the client accepts. Kept free of routing and
// cluster logic so handlers stay small.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, tooLarge, type Status } from "../errors";

/** The API server's default request body limit (3 MiB, apiserver's MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole request body; 413 past the limit (the rest of the upload is drained, not buffered). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/** Per-request response state: warnings collected while handling become `Warning: 299` headers. */
export interface Reply {
  res: ServerResponse;
  warnings: string[];
}

function warningHeaders(warnings: string[]): string[] | undefined {
  if (!warnings.length) return undefined;
  // RFC 7234 warn-code 299 with the text quoted, as the API server writes them (kubectl prints "Warning: <text>").
  return [...new Set(warnings)].map((w) => `299 - ${JSON.stringify(w)}`);
}

export function sendJSON(r: Reply, code: number, body: unknown, contentType = "application/json", extraHeaders: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string | string[] | number> = {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
    ...extraHeaders,
  };
  const w = warningHeaders(r.warnings);
  if (w) headers["Warning"] = w;
  r.res.writeHead(code, headers);
  r.res.end(text);
}

export function sendText(r: Reply, code: number, text: string, contentType = "text/plain"): void {
  r.res.writeHead(code, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache, private" });
  r.res.end(text);
}

/** Writes any thrown value as a Status; unexpected errors become 500 InternalError (and are logged). */
export function sendError(r: Reply, err: unknown): void {
  const status = toStatus(err);
  if (r.res.headersSent) {
    r.res.end();
    return;
  }
  const extra: Record<string, string> = {};
  if (status.code === 429) extra["Retry-After"] = String(status.details?.retryAfterSeconds ?? 1);
  sendJSON(r, status.code, status, "application/json", extra);
}

export function toStatus(err: unknown): Status {
  if (err instanceof ApiError) return err.toStatus();
  console.error("sandbox api: unexpected error:", err);
  const msg = err instanceof Error ? err.message : String(err);
  return new ApiError(500, "InternalError", `Internal error occurred: ${msg}`).toStatus();
}

/** The success Status some deletes return. */
export function successStatus(details?: Record<string, unknown>): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", ...(details ? { details } : {}) };
}

/** What representation the client asked for in Accept. */
export interface AcceptInfo {
  table: boolean;
  aggregatedDiscovery: boolean;
}

export function parseAccept(header: string | undefined): AcceptInfo {
  const h = header ?? "";
  // Clients list preferences in order; a Table (or aggregated discovery) listed anywhere is what
  // kubectl means, since its fallbacks are the plain JSON forms we always can serve.
  return {
    table: h.includes("as=Table"),
    aggregatedDiscovery: h.includes("as=APIGroupDiscoveryList"),
  };
}

/** The media type of a request body, lower-cased without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/** Boolean query flags are "true"/"1" upstream (kubectl sends "true"). */
export const queryFlag = (q: URLSearchParams, name: string): boolean => {
  const v = q.get(name);
  return v === "true" || v === "1";
};

export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ApiError(400, "BadRequest", `invalid value for ${name}: ${JSON.stringify(v)}: must be an integer`);
  return n;
}
