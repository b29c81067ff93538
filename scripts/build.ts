// `npm run build`: generates the Prisma clients (lib/generated/, for SQLite and PostgreSQL) and builds the
// Next.js app for production (.next/). `--generate-only` (npm run db:generate) stops after the clients.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { generateClients } from "../lib/db/prisma-cli";

const root = new URL("..", import.meta.url).pathname;

export function build(opts: { generateOnly?: boolean } = {}): boolean {
  const t0 = Date.now();
  try {
    generateClients(root);
  } catch (err) {
    console.error((err as Error).message);
    return false;
  }
  console.log(`Prisma clients generated in lib/generated/ (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (opts.generateOnly) return true;
  const r = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    console.error("next build failed (see the errors above).");
    return false;
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(build({ generateOnly: process.argv.includes("--generate-only") }) ? 0 : 1);
}
