// `npm run lab:test [id ...]`: proves labs solvable on fresh embedded sandbox clusters. For each
// lab: new cluster, setup, every check must FAIL, solution, every check must PASS. Prints one
// line per lab with its timings, then the problems of any lab that failed. Exit 1 on any failure.
//   LAB_TEST_CONCURRENCY (default 2): labs proved at once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxBackend } from "../lib/clusters/sandbox";
import { listLabIds, loadLab } from "../lib/labs/load";
import { proveLab, type ProofResult } from "../lib/labs/prove";
import type { Addon } from "../lib/clusters/types";

const ids = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const all = listLabIds();
const unknown = ids.filter((id) => !all.includes(id));
if (unknown.length) {
  console.error(`unknown lab(s): ${unknown.join(", ")}. Labs: ${all.join(", ")}`);
  process.exit(2);
}
const labs = (ids.length ? ids : all).map((id) => loadLab(id));
const backend = new SandboxBackend();
const work = mkdtempSync(join(tmpdir(), "lab-test-"));
const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

async function prove(labId: string): Promise<ProofResult> {
  const lab = labs.find((l) => l.id === labId)!;
  const addons: Addon[] = lab.needs.includes("ingress") ? ["ingress-nginx"] : [];
  const dir = join(work, lab.id);
  const handle = await backend.create({ id: `labtest-${lab.id}`, kubeconfigPath: join(dir, "kubeconfig"), addons });
  try {
    return await proveLab({ kubeconfig: handle.kubeconfigPath, cacheDir: join(dir, "cache") }, lab);
  } finally {
    await backend.delete(handle.name);
  }
}

const results: ProofResult[] = [];
const queue = labs.map((l) => l.id);
const concurrency = Number(process.env.LAB_TEST_CONCURRENCY || 2);
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const r = await prove(id);
      results.push(r);
      const t = r.timings;
      console.log(`${r.ok ? "ok  " : "FAIL"} ${r.labId.padEnd(16)} setup ${s(t.setupMs)} · checks fail ${s(t.gradeBeforeMs)} · solution ${s(t.solutionMs)} · checks pass ${s(t.gradeAfterMs)}`);
    }
  }),
);
for (const r of results.filter((x) => !x.ok)) console.log(`\n${r.labId}:\n  ${r.problems.join("\n  ")}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
await backend.close();
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
