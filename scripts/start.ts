// `npm start`: the one command that serves the platform on a fresh machine. Builds when the production build
// is missing or older than the sources, applies database migrations, starts the server (lib/server/main.ts)
// and prints its URL. `--dev` (npm run dev) serves with Next's development mode and hot reload instead.
// Configuration (README "Configuration"): PORT, HOST, DATABASE_URL, LAB_BACKEND, LOG_LEVEL, SESSION_SECRET, ...
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);
const dev = process.argv.includes("--dev");
// Next reads NODE_ENV when it loads: set it before importing the server.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { build } = await import("./build");
const { buildState } = await import("../lib/server/build-state");
const { generateClients } = await import("../lib/db/prisma-cli");

function startupFailed(err: unknown): never {
  const e = err as Error;
  console.error(`\nThe server could not start: ${e.message}\n`);
  const known = ["StartupError", "DatabaseOpenError", "MigrationError"].includes(e.name) || /LAB_BACKEND|SESSION_SECRET|session key|DATABASE_URL/.test(e.message);
  if (!known) console.error(e.stack);
  process.exit(1);
}

// The generated Prisma client must exist before anything that touches the database is imported.
if (!existsSync(join(root, "lib", "generated", "prisma", "client.ts")) || !existsSync(join(root, "lib", "generated", "prisma-pg", "client.ts"))) {
  generateClients(root);
}
const { startServer, parsePort, preflight } = await import("../lib/server/main");
const { log } = await import("../lib/log");

// Configuration and database first: a bad DATABASE_URL should fail now, not after a minute of build.
let port = 3000;
try {
  port = parsePort(process.env.PORT);
  await preflight();
} catch (err) {
  startupFailed(err);
}

if (!dev) {
  const state = buildState(root);
  if (state.state !== "fresh") {
    console.log(state.state === "missing" ? "No production build yet: building (about a minute)..." : "Sources changed since the last build: rebuilding...");
    if (!build()) {
      console.error("The build failed, so the server was not started. Fix the errors above and run npm start again.");
      process.exit(1);
    }
  }
}

try {
  const running = await startServer({ dev, dir: root, port, host: process.env.HOST?.trim() || "0.0.0.0" });
  console.log(`\n  Kubernetes networking course ready on ${running.url}  (health: ${running.url}/api/health)\n`);
  let signals = 0;
  const stop = (signal: string) => {
    if (++signals > 1) {
      console.error(`${signal} again: exiting immediately.`);
      process.exit(1);
    }
    // A shutdown that hangs (a stuck request, a dev bundler) must not keep the port forever.
    setTimeout(() => {
      console.error("Shutdown took longer than 20 s: exiting anyway.");
      process.exit(1);
    }, 20_000).unref();
    running.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "error during shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (err) {
  startupFailed(err);
}
