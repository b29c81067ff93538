// Mounts the lab terminal's WebSocket and the lab machinery's shutdown on the platform server
// (loaded from lib/server/mounts.ts).
import { onShutdown, onUpgrade } from "../server/upgrade";
import { stopLabRuntime } from "../sessions/runtime";
import { closeTerminals, handleTerminalUpgrade } from "./socket";

onUpgrade("/api/lab-sessions/", handleTerminalUpgrade);
onShutdown(async () => {
  await closeTerminals();
  await stopLabRuntime();
});
