// Lab-side benchmarks (wired into `npm run bench`): grading a 3×3 connectivity matrix on the sandbox
// (9 probes through kubectl exec; target ≤ 1 s with the clock sped up for denied probes), lab start
// to first prompt on the sandbox (target ≤ 1 s p50), and a keystroke's echo through WebSocket + pty.
// The sandbox clock's speed is fixed per process (SANDBOX_TIME_SCALE), so the bench runs the matrix
// in a child process per speed: `tsx scripts/bench-lab.ts matrix` prints one JSON line.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { WebSocket, WebSocketServer } from "ws";
import { SandboxBackend } from "../lib/clusters/sandbox";
import { runSteps } from "../lib/labs/steps";
import { ensureProbes } from "../lib/grader/probes";
import { checkConnectivity } from "../lib/grader/connectivity";
import type { ConnectivityCheck, Probe } from "../lib/labs/schema";
import { LabTerminal } from "../lib/terminal/pty";
import { serve } from "../lib/terminal/socket";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const probes: Probe[] = ["a", "b", "c"].map((id) => ({ id, namespace: "bench", labels: { app: id }, ports: [80] }));
const matrixCheck: ConnectivityCheck = {
  id: "m",
  title: "3x3",
  type: "connectivity",
  sources: ["a", "b", "c"],
  destinations: probes.map((p) => ({ id: p.id, probe: p.id, namespace: "bench", port: 80, protocol: "TCP" as const })),
  // a reaches everyone; b and c reach only themselves (the policy below isolates ingress).
  expect: { a: { a: "allowed", b: "allowed", c: "allowed" }, b: { a: "denied", b: "allowed", c: "denied" }, c: { a: "denied", b: "denied", c: "allowed" } },
  timeoutSeconds: 1,
};

/** Grades the 3×3 matrix once warm; returns wall milliseconds (median of 3). */
export async function benchMatrix(): Promise<{ ms: number; cells: number; correct: boolean }> {
  const backend = new SandboxBackend();
  const dir = mkdtempSync(join(tmpdir(), "bench-matrix-"));
  const h = await backend.create({ id: "bench-matrix", kubeconfigPath: join(dir, "kubeconfig"), addons: [] });
  const target = { kubeconfig: h.kubeconfigPath, cacheDir: join(dir, "cache") };
  await runSteps(target, [
    { kubectl: "create namespace bench" },
    {
      apply: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-from-a, namespace: bench}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: a}}}]
`,
    },
  ]);
  const err = await ensureProbes(target, probes);
  if (err) throw new Error(err);
  await checkConnectivity(target, matrixCheck, probes); // warm kubectl caches
  const times: number[] = [];
  let correct = true;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await checkConnectivity(target, matrixCheck, probes);
    times.push(performance.now() - t0);
    correct &&= r.status === "passed";
  }
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(times), cells: 9, correct };
}

/** Lab start (sandbox cluster + lab shell under a pty) until the first prompt is printed. */
export async function benchLabStart(n = 5): Promise<{ p50Ms: number; runs: number[] }> {
  const backend = new SandboxBackend();
  const runs: number[] = [];
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(join(tmpdir(), "bench-start-"));
    for (const d of ["workspace", "cache"]) mkdirSync(join(dir, d));
    const t0 = performance.now();
    const h = await backend.create({ id: `bench-start-${i}`, kubeconfigPath: join(dir, "kubeconfig"), addons: [] });
    const term = await LabTerminal.start({ workspace: join(dir, "workspace"), kubeconfig: h.kubeconfigPath, cacheDir: join(dir, "cache"), historyFile: join(dir, "history") });
    await new Promise<void>((resolve) => {
      let screen = "";
      const off = term.attach(
        (d) => {
          screen += d;
          if (screen.includes("learner@lab")) {
            off();
            resolve();
          }
        },
        () => resolve(),
      );
    });
    runs.push(performance.now() - t0);
    term.kill();
    await backend.delete(h.name);
    rmSync(dir, { recursive: true, force: true });
  }
  await backend.close();
  return { p50Ms: median(runs), runs };
}

/** A keystroke from a WebSocket client to the pty and its echo back, median over n keys. */
export async function benchKeystroke(n = 50): Promise<{ p50Ms: number; p99Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-keys-"));
  for (const d of ["workspace", "cache"]) mkdirSync(join(dir, d));
  const term = await LabTerminal.start({ workspace: join(dir, "workspace"), kubeconfig: join(dir, "kubeconfig"), cacheDir: join(dir, "cache"), historyFile: join(dir, "history") });
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer();
  http.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => serve(ws, term, () => {})));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const ws = new WebSocket(`ws://127.0.0.1:${(http.address() as { port: number }).port}/`);
  let screen = "";
  const waiters: { char: string; resolve: () => void }[] = [];
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m));
    if (msg.t !== "o") return;
    screen += msg.d;
    for (const w of [...waiters]) {
      if (!msg.d.includes(w.char)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  await new Promise((r) => ws.once("open", r));
  while (!screen.includes("learner@lab")) await new Promise((r) => setTimeout(r, 10));
  const times: number[] = [];
  const keys = "abcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i < n; i++) {
    const char = keys[i % keys.length];
    const echoed = new Promise<void>((resolve) => waiters.push({ char, resolve }));
    const t0 = performance.now();
    ws.send(JSON.stringify({ t: "i", d: char }));
    await echoed;
    times.push(performance.now() - t0);
  }
  ws.close();
  term.kill();
  http.close();
  rmSync(dir, { recursive: true, force: true });
  const s = [...times].sort((a, b) => a - b);
  return { p50Ms: median(times), p99Ms: s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] };
}

if (process.argv[2] === "matrix") {
  console.log(JSON.stringify(await benchMatrix()));
  process.exit(0);
}
