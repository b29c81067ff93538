// Proves a lab solvable: on a fresh cluster, run setup, assert every check FAILS (a check that
// already passes proves nothing), run the solution, assert every check PASSES. Used by
// `npm run lab:test` and by the test suite, on any backend that yields a kubeconfig.
import type { Lab } from "./schema";
import type { KubectlTarget } from "./kubectl";
import { runSteps } from "./steps";
import { ensureProbes } from "../grader/probes";
import { gradeLab, type CheckResult } from "../grader";

export interface ProofResult {
  labId: string;
  ok: boolean;
  problems: string[];
  timings: { setupMs: number; gradeBeforeMs: number; solutionMs: number; gradeAfterMs: number };
}

const flat = (tasks: { checks: CheckResult[] }[]): CheckResult[] => tasks.flatMap((t) => t.checks);

export async function proveLab(target: KubectlTarget, lab: Lab): Promise<ProofResult> {
  const problems: string[] = [];
  const timings = { setupMs: 0, gradeBeforeMs: 0, solutionMs: 0, gradeAfterMs: 0 };
  const timed = async <T>(key: keyof typeof timings, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[key] = Math.round(performance.now() - t0);
    }
  };
  try {
    await timed("setupMs", async () => {
      await runSteps(target, lab.setup);
      const probeError = await ensureProbes(target, lab.probes);
      if (probeError) throw new Error(probeError);
    });
    const before = flat(await timed("gradeBeforeMs", () => gradeLab(target, lab)));
    for (const c of before) if (c.status !== "failed") problems.push(`after setup, ${c.taskId}/${c.checkId} should fail but ${c.status === "passed" ? "passed" : `could not run: ${c.message}`}`);
    const answers = await timed("solutionMs", () => runSteps(target, lab.solution));
    const after = flat(await timed("gradeAfterMs", () => gradeLab(target, lab, { answers })));
    for (const c of after) if (c.status !== "passed") problems.push(`after the solution, ${c.taskId}/${c.checkId} ${c.status}: ${c.message}${c.details ? `\n      ${c.details.join("\n      ")}` : ""}`);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return { labId: lab.id, ok: problems.length === 0, problems, timings };
}
