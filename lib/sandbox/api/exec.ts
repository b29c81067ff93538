// The streaming pod subresources (exec, attach, portforward), which arrive as HTTP upgrades.
// exec/attach speak WebSocket `v5.channel.k8s.io` (kubectl ≥1.30): binary frames whose first byte
// is the channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 stdin closed), one Status
// on channel 3, then a close frame 1000 (kubectl reports `close 1006` otherwise); pings are
// answered by the ws library. A refused upgrade gets a Status, and kubectl's SPDY retry (a POST
// with `Upgrade: SPDY/3.1`) gets the same Status, since that is the error kubectl prints. SPDY
// itself and port-forward are not implemented; both answer with a clear error.
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket, type RawData } from "ws";
import type { Cluster } from "../cluster";
import { ApiError, badRequest, notFound, notFoundPath } from "../errors";
import { checkExecTarget, execInContainer } from "../exec";
import { ExecStartError, type ExecIO } from "../exec/types";
import type { K8sObject } from "../types";
import { toStatus } from "./http";
import { pickContainer } from "./logs";
import type { Route } from "./route";

export const EXEC_PROTOCOL = "v5.channel.k8s.io";

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false, maxPayload: 16 * 1024 * 1024 });

/** Writes an HTTP error reply on a socket that was never upgraded. */
export function refuseUpgrade(socket: Duplex, err: unknown, plainText?: string): void {
  const status = toStatus(err);
  const body = plainText ?? JSON.stringify(status);
  const type = plainText ? "text/plain; charset=utf-8" : "application/json";
  const head = `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? "Error"}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-cache, private\r\nConnection: close\r\n\r\n`;
  if (!socket.destroyed) socket.end(head + body);
}

/** A refusal kubectl should print the way it prints the kubelet's plain-text answer: "error: unable to upgrade connection: <text>". */
class PlainRefusal extends Error {
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(text);
  }
}

const isWebSocket = (req: IncomingMessage) => (req.headers.upgrade ?? "").toLowerCase() === "websocket";

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers["sec-websocket-protocol"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

interface StreamRequest {
  pod: K8sObject;
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
  sub: "exec" | "attach";
}

/** The checks the API server and kubelet make before upgrading, in their order and words. */
function prepare(cluster: Cluster, route: Extract<Route, { type: "resource" }>, query: URLSearchParams): StreamRequest {
  if (route.group !== "" || route.resource !== "pods" || !route.namespace || !route.name) throw notFoundPath();
  const sub = route.subresource;
  const pod = cluster.store.get({ group: "", resource: "pods" }, route.namespace, route.name);
  if (!pod) throw notFound("pods", "", route.name);
  if (sub === "portforward")
    throw badRequest(`port-forward is not supported in the sandbox cluster: reach pod ${route.name} from another pod instead (kubectl exec ... -- wget -qO- http://<pod IP>:<port>), or through a Service`);
  if (sub !== "exec" && sub !== "attach") throw notFoundPath();
  const command = query.getAll("command");
  if (sub === "exec" && !command.length) throw badRequest("you must specify at least 1 command");
  const container = pickContainer(pod, query.get("container"));
  const flag = (n: string) => query.get(n) === "true" || query.get(n) === "1";
  if (!flag("stdin") && !flag("stdout") && !flag("stderr")) throw badRequest("you must specify at least 1 of stdin, stdout, stderr");
  if (!pod.spec?.nodeName) throw badRequest(`pod ${route.name} does not have a host assigned`);
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw badRequest(`cannot ${sub} into a container in a completed pod; current phase is ${phase}`);
  // Whether the container runs is the runtime's call (exec/): its refusal for a container that is
  // not running is the kubelet's plain-text answer, which kubectl prints as
  // "error: unable to upgrade connection: container not found (...)".
  const refused = checkExecTarget(cluster, pod, container);
  if (refused) {
    if (refused.message.startsWith("container not found")) throw new PlainRefusal(400, refused.message);
    throw new ApiError(refused.code, refused.reason, refused.message);
  }
  return { pod, container, command, stdin: flag("stdin"), tty: flag("tty"), sub };
}

/** Handles an upgrade request for pods/<name>/{exec,attach,portforward}. */
export function handleStreamUpgrade(cluster: Cluster, route: Extract<Route, { type: "resource" }>, query: URLSearchParams, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  let s: StreamRequest;
  try {
    s = prepare(cluster, route, query);
    if (!isWebSocket(req))
      throw badRequest(`the sandbox cluster streams ${route.subresource} over WebSocket (${EXEC_PROTOCOL}) only: use kubectl v1.30 or newer and do not set KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false`);
    if (!offeredProtocols(req).includes(EXEC_PROTOCOL)) throw badRequest(`unable to upgrade: the sandbox cluster supports only the ${EXEC_PROTOCOL} streaming protocol`);
  } catch (err) {
    if (err instanceof PlainRefusal) refuseUpgrade(socket, new ApiError(err.code, "BadRequest", err.text), err.text);
    else refuseUpgrade(socket, err);
    return;
  }
  // ws echoes the first protocol handleProtocols picks; kubectl falls back to v1 framing without it.
  const protoReq = req as IncomingMessage & { headers: Record<string, string> };
  protoReq.headers["sec-websocket-protocol"] = EXEC_PROTOCOL;
  wss.handleUpgrade(req, socket, head, (ws) => {
    runSession(cluster, ws, s).catch((err) => console.error("sandbox exec session failed:", err));
  });
}

/** stdin as an async iterable fed by channel-0 frames, ended by channel 255 or the socket closing. */
function stdinQueue(): { iterable: AsyncIterable<Buffer>; push(b: Buffer): void; end(): void } {
  const chunks: Buffer[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(b) {
      if (ended) return;
      chunks.push(b);
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    iterable: {
      async *[Symbol.asyncIterator]() {
        while (true) {
          if (chunks.length) {
            yield chunks.shift()!;
            continue;
          }
          if (ended) return;
          await new Promise<void>((r) => (wake = r));
        }
      },
    },
  };
}

const statusSuccess = { metadata: {}, status: "Success" };

function exitStatus(code: number): Record<string, unknown> {
  if (code === 0) return statusSuccess;
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [...], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

async function runSession(cluster: Cluster, ws: WebSocket, s: StreamRequest): Promise<void> {
  const ac = new AbortController();
  const stdin = s.stdin ? stdinQueue() : undefined;
  const resizeListeners: ((size: { width: number; height: number }) => void)[] = [];
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    const payload = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    ws.send(Buffer.concat([Buffer.from([channel]), payload]), { binary: true });
  };
  ws.on("message", (raw: RawData) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
    if (!data.length) return;
    const channel = data[0];
    const payload = data.subarray(1);
    if (channel === 0) stdin?.push(Buffer.from(payload));
    else if (channel === 4) {
      try {
        const { Width, Height } = JSON.parse(payload.toString("utf8"));
        for (const l of resizeListeners) l({ width: Number(Width), height: Number(Height) });
      } catch {
        // A malformed resize message is ignored, as the kubelet does.
      }
    } else if (channel === 255 && payload[0] === 0) stdin?.end();
  });
  ws.on("close", () => {
    ac.abort();
    stdin?.end();
  });
  ws.on("error", () => ac.abort());

  const io: ExecIO = {
    stdin: stdin?.iterable ?? null,
    stdout: (d) => send(1, d),
    stderr: (d) => send(s.tty ? 1 : 2, d),
    tty: s.tty,
    onResize: (l) => resizeListeners.push(l),
    signal: ac.signal,
  };

  let status: Record<string, unknown>;
  try {
    const code = s.sub === "exec" ? await execInContainer(cluster, s.pod, s.container, s.command, io) : await attach(cluster, s, io);
    status = exitStatus(code);
  } catch (err) {
    if (err instanceof ExecStartError) status = { metadata: {}, status: "Failure", message: err.message, reason: err.reason, code: err.code };
    else {
      console.error("sandbox exec failed:", err);
      status = { metadata: {}, status: "Failure", message: `Internal error occurred: ${(err as Error).message}`, reason: "InternalError", code: 500 };
    }
  }
  send(3, JSON.stringify(status));
  if (ws.readyState === ws.OPEN) ws.close(1000);
}

/**
 * attach: the kubelet's attach reports no exit code (a Success Status once the streams end), so
 * this resolves to 0. A container started with stdin (kubectl run -i[t]) is attached to its main
 * process when the image's process supports it (ContainerProcess.attach); otherwise the session
 * runs the container's command itself and, for `stdinOnce`, the main process is stopped when the
 * session ends, so the pod completes as kubectl run waits for. Any other container streams its
 * output until the client leaves.
 */
async function attach(cluster: Cluster, s: StreamRequest, io: ExecIO): Promise<number> {
  const spec = (s.pod.spec?.containers ?? []).find((c: { name: string }) => c.name === s.container) ?? {};
  const state = cluster.runtime.container(s.pod.metadata.uid!, s.container);
  const proc = state?.process;
  if (proc?.attach) {
    await proc.attach(io);
    return 0;
  }
  if (spec.stdin && s.stdin) {
    const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
    await execInContainer(cluster, s.pod, s.container, argv.length ? argv : ["sh"], io);
    if (spec.stdinOnce) proc?.stop?.();
    return 0;
  }
  if (!state) return 0;
  const onLine = (line: string) => io.stdout(line + (io.tty ? "\r\n" : "\n"));
  state.followers.add(onLine);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  state.followers.delete(onLine);
  return 0;
}
