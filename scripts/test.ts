// `npm test`: every test the project has, in the order that fails fastest.
//   typecheck → lint → unit and integration tests (node:test, `*.test.ts` beside the code)
//   → content check → every lab on the sandbox → production build → browser tests (Playwright, Chromium)
// Prints one closing line "N passed, N failed" summed over the runners, and exits non-zero on any failure.
//   --only <phase[,phase]>   run only these phases (typecheck, lint, node, content, labs, e2e)
//   --skip <phase[,phase]>   run every phase but these
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { findChromium } from "./lib/chromium";
import { generateClients } from "../lib/db/prisma-cli";

const root = new URL("..", import.meta.url).pathname;

type Phase = { name: string; run: () => Promise<Result> };
type Result = { passed: number; failed: number; ok: boolean };

function arg(name: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1].split(",") : [];
}

/** Runs a command with inherited stdio-like streaming, and keeps the output for counting. */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      const s = chunk.toString();
      out += s;
      if (out.length > 4_000_000) out = out.slice(-2_000_000);
      to.write(s);
    };
    child.stdout.on("data", (c) => keep(c, process.stdout));
    child.stderr.on("data", (c) => keep(c, process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

function findTests(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".") || name === "generated") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, acc);
    else if (name.endsWith(".test.ts")) acc.push(relative(root, p));
  }
  return acc;
}

const bin = (name: string) => join(root, "node_modules", ".bin", name);

const phases: Phase[] = [
  {
    name: "typecheck",
    run: async () => {
      const r = await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
      return { ok: r.code === 0, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
    },
  },
  {
    name: "lint",
    run: async () => {
      const r = await run(bin("eslint"), ["--max-warnings=0", "."]);
      return { ok: r.code === 0, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
    },
  },
  {
    name: "node",
    run: async () => {
      const files = [...findTests(join(root, "lib")), ...findTests(join(root, "scripts"))].sort();
      if (files.length === 0) return { ok: false, passed: 0, failed: 1 };
      // Sped-up clock for denied probes (see lib/sandbox/clock.ts); tests that measure real time set their own.
      const r = await run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files], {
        SANDBOX_TIME_SCALE: process.env.SANDBOX_TIME_SCALE ?? "20",
      });
      const num = (re: RegExp) => Number(r.out.match(re)?.[1] ?? 0);
      const passed = num(/^ℹ pass (\d+)/m);
      const failed = num(/^ℹ fail (\d+)/m) + num(/^ℹ cancelled (\d+)/m);
      return { ok: r.code === 0, passed, failed: r.code === 0 ? failed : Math.max(failed, 1) };
    },
  },
  {
    name: "content",
    run: async () => {
      // scripts/content-check.ts: front matter, anchors, links, MDX components, the 50-question FAQ against the seed
      const r = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts"]);
      return { ok: r.code === 0, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
    },
  },
  {
    name: "labs",
    run: async () => {
      // Every lab on a fresh sandbox: checks must fail after setup and pass after the solution.
      const r = await run(process.execPath, ["--import", "tsx", "scripts/lab-test.ts"], { SANDBOX_TIME_SCALE: process.env.SANDBOX_TIME_SCALE ?? "20" });
      const passed = Number(r.out.match(/^(\d+) passed, (\d+) failed$/m)?.[1] ?? 0);
      const failed = Number(r.out.match(/^(\d+) passed, (\d+) failed$/m)?.[2] ?? 0);
      return { ok: r.code === 0, passed, failed: r.code === 0 ? failed : Math.max(failed, 1) };
    },
  },
  {
    name: "e2e",
    run: async () => {
      const chromium = await findChromium({ install: true });
      if (!chromium.path) {
        console.error(chromium.message);
        return { ok: false, passed: 0, failed: 1 };
      }
      const build = await run("npm", ["run", "build", "--silent"]);
      if (build.code !== 0) return { ok: false, passed: 0, failed: 1 };
      const r = await run(bin("playwright"), ["test", "--reporter=list"], { CHROMIUM_PATH: chromium.path });
      const passed = Number(r.out.match(/(\d+) passed/)?.[1] ?? 0);
      const failed = Number(r.out.match(/(\d+) failed/)?.[1] ?? 0);
      return { ok: r.code === 0, passed, failed: r.code === 0 ? failed : Math.max(failed, 1) };
    },
  },
];

// The Prisma clients (lib/generated/, gitignored) must exist before typecheck and tests: a fresh clone has none.
try {
  generateClients(root);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const only = arg("only");
const skip = arg("skip");
let passed = 0;
let failed = 0;
let ok = true;
for (const phase of phases) {
  if (only.length && !only.includes(phase.name)) continue;
  if (skip.includes(phase.name)) continue;
  console.log(`\n=== ${phase.name} ===`);
  const started = Date.now();
  const r = await phase.run();
  console.log(`=== ${phase.name}: ${r.ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
  passed += r.passed;
  failed += r.failed;
  ok &&= r.ok;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
