// Browser tests (e2e/*.spec.ts) in real Chromium against the production server (`tsx scripts/start.ts`,
// which builds first if the build is missing or stale), on a free port, with a throw-away SQLite database
// under data/ (deleted before the run). Chromium: $CHROMIUM_PATH (scripts/test.ts finds or installs one),
// else /usr/bin/chromium. Run: CHROMIUM_PATH=/usr/bin/chromium npx playwright test
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = new URL(".", import.meta.url).pathname;

// The config is evaluated by the runner and again by each worker: decide once, hand down through env.
if (!process.env.E2E_PORT) {
  const r = spawnSync(process.execPath, ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"], { encoding: "utf8" });
  process.env.E2E_PORT = r.stdout.trim();
  process.env.E2E_DB = join(root, "data", `e2e-${process.env.E2E_PORT}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(process.env.E2E_DB + suffix, { force: true });
  // Databases of earlier runs: removed once they are a day old (a run going on right now keeps its own).
  const dataDir = join(root, "data");
  if (existsSync(dataDir)) {
    for (const name of readdirSync(dataDir).filter((n) => /^e2e-\d+\.db/.test(n))) {
      const file = join(dataDir, name);
      if (Date.now() - statSync(file).mtimeMs > 24 * 3600_000) rmSync(file, { force: true });
    }
  }
}
const port = Number(process.env.E2E_PORT);
const chromium = process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "list" : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `${join(root, "node_modules", ".bin", "tsx")} scripts/start.ts`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${process.env.E2E_DB}`,
      LAB_BACKEND: "sandbox",
      LOG_LEVEL: "warn",
      // Every test browser shares 127.0.0.1: per-address limits would trip across unrelated tests.
      RATE_LIMIT_IP_MULTIPLIER: "50",
    },
  },
});
