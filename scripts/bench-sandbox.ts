// The sandbox API server's benchmark (wired into `npm run bench`): how much slower a warm
// `kubectl get pods` against a sandbox is than `kubectl version --client` (kubectl's own floor),
// how much memory one idle sandbox costs, and the API's p99 latency with 500 sandboxes open.
// Targets (issue 3): ratio ≤ 1.3, ≤ 2 MB per idle sandbox, p99 ≤ 50 ms.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { createSandboxServer, type SandboxServer } from "../lib/sandbox";

const run = promisify(execFile);

export interface SandboxBenchResult {
  /** Median wall time of a warm `kubectl get pods` (ms). */
  kubectlGetPodsMs: number;
  /** Median wall time of `kubectl version --client` (ms). */
  kubectlVersionClientMs: number;
  /** kubectlGetPodsMs ÷ kubectlVersionClientMs (target ≤ 1.3). */
  kubectlRatio: number;
  /** Heap growth per idle sandbox, measured over `idleSandboxes` sandboxes (bytes; target ≤ 2 MB). */
  bytesPerIdleSandbox: number;
  idleSandboxes: number;
  /** API latency percentiles over `requests` direct HTTPS requests with `openSandboxes` sandboxes open (ms; p99 target ≤ 50). */
  p50Ms: number;
  p99Ms: number;
  requests: number;
  openSandboxes: number;
}

export interface SandboxBenchOptions {
  kubectl?: string;
  idleSandboxes?: number;
  openSandboxes?: number;
  requests?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** A full garbage collection, so heap figures compare like with like. */
function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g();
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function timeCommand(bin: string, args: string[], env: NodeJS.ProcessEnv, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(bin, args, { env });
    times.push(performance.now() - t);
  }
  return median(times);
}

async function measureKubectl(server: SandboxServer, kubectl: string): Promise<{ get: number; version: number }> {
  const dir = await mkdtemp(join(tmpdir(), "sandbox-bench-"));
  try {
    const sb = await server.createSandbox({ id: "bench-kubectl" });
    const kubeconfig = join(dir, "kubeconfig");
    await writeFile(kubeconfig, sb.kubeconfig, { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig, NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv;
    await run(kubectl, ["get", "pods"], { env }); // warm the discovery cache
    const version = await timeCommand(kubectl, ["version", "--client"], env, 15);
    const get = await timeCommand(kubectl, ["get", "pods"], env, 15);
    server.deleteSandbox(sb.id);
    return { get, version };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measureIdleMemory(server: SandboxServer, n: number): Promise<number> {
  // One sandbox first, so module loading and shared documents are not counted.
  const warm = await server.createSandbox({ id: "bench-warm" });
  await sleep(2000);
  gc();
  const before = process.memoryUsage().heapUsed;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await server.createSandbox({ id: `bench-idle-${i}` })).id);
  // Let the controllers bring every sandbox to rest (pods Running, endpoints written).
  await waitQuiet();
  gc();
  const after = process.memoryUsage().heapUsed;
  server.deleteSandbox(warm.id);
  return (after - before) / n;
}

/**
 * Waits until the controllers of freshly made sandboxes have converged: the event loop busy less
 * than `busy` of the time over a second (or `maxMs` passed).
 */
async function waitQuiet(busy = 0.15, maxMs = 180_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const start = performance.eventLoopUtilization();
    await sleep(1000);
    if (performance.eventLoopUtilization(start).utilization < busy) return;
  }
}

// The load generator runs in a worker thread, so its own HTTPS client work does not queue behind
// (or count as) the server's. Plain JavaScript: workers do not go through tsx.
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const { request, Agent } = require("node:https");
const { url, ca, tokens, paths, requests, concurrency } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca });
const accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
const get = (path, token) => new Promise((resolve, reject) => {
  const t = performance.now();
  const req = request(url + path, { agent, headers: { Authorization: "Bearer " + token, Accept: accept } }, (res) => {
    res.resume();
    res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error("HTTP " + res.statusCode + " from " + path))));
  });
  req.on("error", reject);
  req.end();
});
(async () => {
  const times = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      times.push(await get(paths[i % paths.length], tokens[(i * 7919) % tokens.length]));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  parentPort.postMessage(times);
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

async function measureLatency(server: SandboxServer, open: number, requests: number): Promise<{ p50: number; p99: number }> {
  for (let i = server.sandboxIds().length; i < open; i++) await server.createSandbox({ id: `bench-open-${i}` });
  const tokens = server.sandboxIds().map((id) => server.getSandbox(id)!.token);
  await waitQuiet();
  const paths = ["/api/v1/namespaces/default/pods", "/api/v1/namespaces/kube-system/pods", "/api/v1/namespaces/default/services", "/api/v1/namespaces"];
  const worker = new Worker(CLIENT, { eval: true, workerData: { url: server.url, ca: server.caPem, tokens, paths, requests, concurrency: 8 } });
  const times = await new Promise<number[]>((resolve, reject) => {
    worker.once("message", (m: number[] | { error: string }) => (Array.isArray(m) ? resolve(m) : reject(new Error(m.error))));
    worker.once("error", reject);
  });
  await worker.terminate();
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export async function benchSandbox(opts: SandboxBenchOptions = {}): Promise<SandboxBenchResult> {
  const kubectl = opts.kubectl ?? "/usr/bin/kubectl";
  const idle = opts.idleSandboxes ?? 200;
  const open = opts.openSandboxes ?? 500;
  const requests = opts.requests ?? 2000;
  const log = opts.log ?? (() => {});
  const server = await createSandboxServer({ idleTimeoutMs: 0, quotas: { requestsPerSecond: 1e6, burst: 1e6 } });
  try {
    log("kubectl: warm get pods vs version --client");
    const k = await measureKubectl(server, kubectl);
    log(`memory: ${idle} idle sandboxes`);
    const bytes = await measureIdleMemory(server, idle);
    log(`latency: ${requests} requests over ${open} open sandboxes`);
    const lat = await measureLatency(server, open, requests);
    return {
      kubectlGetPodsMs: round(k.get),
      kubectlVersionClientMs: round(k.version),
      kubectlRatio: round(k.get / k.version, 2),
      bytesPerIdleSandbox: Math.round(bytes),
      idleSandboxes: idle,
      p50Ms: round(lat.p50),
      p99Ms: round(lat.p99),
      requests,
      openSandboxes: open,
    };
  } finally {
    await server.close();
  }
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

// Run directly: `npx tsx scripts/bench-sandbox.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchSandbox({ log: (l) => console.error(l) })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
