// The lab terminal's WebSocket: /api/lab-sessions/<id>/terminal on the platform's own server.
// Accepted only for the session's owner (session cookie) from this site's pages (Origin), with
// heartbeats both ways. Messages are small JSON frames:
//   browser → server  {"t":"i","d":"kubectl get pods\r"}  input   {"t":"r","c":120,"r":32}  resize
//   server → browser  {"t":"o","d":"..."}  output   {"t":"x","code":0}  the shell ended
// Anything else (binary frames, bad JSON, unknown types) is ignored; a client that keeps sending
// garbage is disconnected with 1008.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { getDb } from "../db/client";
import { resolveSession, SESSION_COOKIE } from "../auth/sessions";
import { isSameOrigin } from "../auth/csrf";
import { labRuntime } from "../sessions/runtime";
import { LabTerminal } from "./pty";
import { join } from "node:path";

const PATH = /^\/api\/lab-sessions\/([A-Za-z0-9_-]{1,64})\/terminal\/?$/;
const MAX_INPUT = 64 * 1024;
const MAX_BAD_FRAMES = 20;
const HEARTBEAT_MS = 15_000;

const terminals = new Map<string, Promise<LabTerminal>>();

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function refuse(socket: Duplex, status: number, message: string): void {
  socket.write(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
  socket.destroy();
}

/** The terminal of a session, started on first connect and kept until the session ends. */
async function terminalFor(sessionId: string): Promise<LabTerminal> {
  let t = terminals.get(sessionId);
  if (!t) {
    t = (async () => {
      const { service } = await labRuntime();
      const p = service.paths(sessionId);
      const term = await LabTerminal.start({ workspace: p.workspace, kubeconfig: p.kubeconfig, cacheDir: p.cache, historyFile: join(p.dir, "history") });
      const off = service.subscribe(sessionId, (e) => {
        if (e.type === "ended" || e.type === "failed") {
          off();
          term.kill();
          terminals.delete(sessionId);
        }
      });
      term.attach(
        () => {},
        () => terminals.delete(sessionId),
      );
      return term;
    })();
    terminals.set(sessionId, t);
    t.catch(() => terminals.delete(sessionId));
  }
  return t;
}

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INPUT * 2 });

export async function handleTerminalUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const m = PATH.exec(url.pathname);
  if (!m) return refuse(socket, 404, "Not Found");
  const headers = { get: (n: string) => (req.headers[n.toLowerCase()] as string | undefined) ?? null };
  if (!isSameOrigin(headers)) return refuse(socket, 403, "Forbidden");
  const state = await resolveSession(getDb(), cookie(req, SESSION_COOKIE)).catch(() => undefined);
  const userId = state && "user" in state && state.user ? state.user.id : undefined;
  if (!userId) return refuse(socket, 401, "Unauthorized");
  const { service } = await labRuntime();
  const session = await service.get(userId, m[1]).catch(() => undefined);
  // Another learner's session looks exactly like one that does not exist.
  if (!session) return refuse(socket, 404, "Not Found");
  if (session.state !== "ready") return refuse(socket, 409, "Conflict");
  const term = await terminalFor(session.id);
  wss.handleUpgrade(req, socket, head, (ws) => serve(ws, term, () => void service.touch(session.id)));
}

/** Bridges one WebSocket to a lab terminal (exported for tests and the benchmark). */
export function serve(ws: WebSocket, term: LabTerminal, touch: () => void): void {
  let alive = true;
  let bad = 0;
  const send = (msg: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const detach = term.attach(
    (d) => send({ t: "o", d }),
    (code) => {
      send({ t: "x", code });
      ws.close(1000, "the lab shell ended");
    },
  );
  const beat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, HEARTBEAT_MS);
  ws.on("pong", () => (alive = true));
  ws.on("message", (raw, isBinary) => {
    alive = true;
    let msg: { t?: unknown; d?: unknown; c?: unknown; r?: unknown } | undefined;
    if (!isBinary) {
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        msg = undefined;
      }
    }
    if (msg?.t === "i" && typeof msg.d === "string" && msg.d.length <= MAX_INPUT) {
      term.write(msg.d);
      touch();
    } else if (msg?.t === "r" && Number.isInteger(msg.c) && Number.isInteger(msg.r)) term.resize(msg.c as number, msg.r as number);
    else if (msg?.t === "p") send({ t: "p" });
    else if (++bad > MAX_BAD_FRAMES) ws.close(1008, "unexpected messages");
  });
  ws.on("close", () => {
    clearInterval(beat);
    detach();
  });
}

/** Ends every terminal (server shutdown). */
export async function closeTerminals(): Promise<void> {
  for (const t of terminals.values()) (await t.catch(() => undefined))?.kill();
  terminals.clear();
}
