// The modules the server loads at start so they can mount WebSocket handlers (onUpgrade) and shutdown hooks
// (onShutdown) from lib/server/upgrade.ts. Add one line per part; keep each import cheap at load time.
// A mount that fails to load stops the start: a server without its lab terminal is not a working server.
export async function loadMounts(): Promise<void> {
  await import("../terminal/mount"); // issue 5: the lab terminal WebSocket (/api/lab-sessions/...) and lab shutdown
}
