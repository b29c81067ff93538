// `npm run bench`: the performance budgets, measured in one run and reported as figures and ratios
// against their targets (never asserted in tests: these machines are noisy).
import { execFileSync } from "node:child_process";
import { benchSandbox } from "./bench-sandbox";
import { policyBenchReport } from "../lib/sandbox/network/bench";
import { benchKeystroke, benchLabStart } from "./bench-lab";

const line = (name: string, value: string, target: string) => console.log(`${name.padEnd(58)} ${value.padStart(14)}   target ${target}`);
const ms = (x: number) => `${x.toFixed(1)} ms`;

console.log("Sandbox API server");
const s = await benchSandbox({ log: () => {} });
line("warm `kubectl get pods` ÷ `kubectl version --client`", `${s.kubectlRatio.toFixed(2)} (${ms(s.kubectlGetPodsMs)} / ${ms(s.kubectlVersionClientMs)})`, "≤ 1.3");
line(`memory per idle sandbox (${s.idleSandboxes} sandboxes)`, `${(s.bytesPerIdleSandbox / 1024 / 1024).toFixed(2)} MB`, "≤ 2 MB");
line(`API latency with ${s.openSandboxes} sandboxes open (${s.requests} requests)`, `p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}`, "p99 ≤ 50 ms");

console.log("\nNetwork");
for (const l of policyBenchReport()) console.log(l);
const matrix = (scale: string) => JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "scripts/bench-lab.ts", "matrix"], { env: { ...process.env, SANDBOX_TIME_SCALE: scale } }).toString().trim().split("\n").pop()!);
const fast = matrix("20");
const real = matrix("1");
line("grading a 3×3 connectivity matrix (9 kubectl exec probes), clock ×20", `${ms(fast.ms)}${fast.correct ? "" : " (WRONG)"}`, "≤ 1000 ms");
line("the same in real time (4 denied probes wait their 1 s timeout)", `${ms(real.ms)}${real.correct ? "" : " (WRONG)"}`, "reported");

console.log("\nLab terminal");
const start = await benchLabStart(5);
line("lab start to first prompt on the sandbox (5 starts)", `p50 ${ms(start.p50Ms)}`, "p50 ≤ 1000 ms");
const keys = await benchKeystroke(50);
line("keystroke echo through WebSocket and pty (50 keys)", `p50 ${ms(keys.p50Ms)}, p99 ${ms(keys.p99Ms)}`, "reported");
process.exit(0);
