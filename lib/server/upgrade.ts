// WebSocket upgrades on the one HTTP server (lib/server/main.ts). Other parts mount a handler for a path
// prefix; every other upgrade (in development, Next's hot reload) goes to Next. Usage, from a module listed
// in lib/server/mounts.ts:
//
//   import { onUpgrade } from "../server/upgrade";
//   onUpgrade("/api/labs/", (req, socket, head) => { ... wss.handleUpgrade(req, socket, head, ...) });
//
// The handler owns the socket: it must complete the handshake or destroy it. It must check the session
// cookie and Origin itself (lib/auth/sessions.ts resolveSession, lib/auth/csrf.ts isSameOrigin).
// The registry lives on globalThis so a registration from any module instance in the process is seen.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
type Mount = { prefix: string; handler: UpgradeHandler };

const registry = ((globalThis as unknown as { __platformUpgrades?: Mount[] }).__platformUpgrades ??= []);

export function onUpgrade(pathPrefix: string, handler: UpgradeHandler): () => void {
  if (!pathPrefix.startsWith("/")) throw new Error(`onUpgrade: path prefix must start with "/", got "${pathPrefix}"`);
  const mount = { prefix: pathPrefix, handler };
  registry.push(mount);
  // Longest prefix first, so "/api/labs/x/terminal" can override "/api/labs/".
  registry.sort((a, b) => b.prefix.length - a.prefix.length);
  return () => {
    const i = registry.indexOf(mount);
    if (i >= 0) registry.splice(i, 1);
  };
}

export function findUpgradeHandler(pathname: string): UpgradeHandler | undefined {
  return registry.find((m) => pathname.startsWith(m.prefix))?.handler;
}

/**
 * Routes one upgrade: to the handler mounted for its path, else to `fallback` (Next's upgrade handler:
 * hot reload in development). A handler that throws or rejects gets its socket destroyed and `onError`
 * called once, so a bug never leaves a half-open connection.
 */
export function dispatchUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, fallback: UpgradeHandler, onError: (err: unknown) => void): void {
  const path = (req.url ?? "/").split("?")[0];
  const handler = findUpgradeHandler(path) ?? fallback;
  const fail = (err: unknown) => {
    onError(err);
    socket.destroy();
  };
  try {
    Promise.resolve(handler(req, socket, head)).catch(fail);
  } catch (err) {
    fail(err);
  }
}

// Shutdown hooks, run by the server on SIGTERM/SIGINT before it exits (close terminals, stop clusters' timers).
type ShutdownHook = () => void | Promise<void>;
const hooks = ((globalThis as unknown as { __platformShutdownHooks?: ShutdownHook[] }).__platformShutdownHooks ??= []);

export function onShutdown(hook: ShutdownHook): void {
  hooks.push(hook);
}

export async function runShutdownHooks(timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
  await Promise.race([Promise.allSettled(hooks.map(async (h) => h())), deadline]);
  clearTimeout(timer);
}
