// The grader: runs a lab's checks against the learner's cluster through kubectl and returns one
// result per check. Probe pods are (re)created first; if they cannot be made ready, checks that
// need them report "error" (not counted as the learner's failure).
import type { Check, Lab, Task } from "../labs/schema";
import type { KubectlTarget } from "../labs/kubectl";
import { checkAnswer } from "./answer";
import { checkConnectivity } from "./connectivity";
import { checkDns } from "./dns";
import { checkEndpoints } from "./endpoints";
import { ensureProbes } from "./probes";
import { checkResource } from "./resource";
import type { CheckResult, TaskResult } from "./types";

export type { CheckResult, TaskResult, MatrixCell } from "./types";

const needsProbes = (c: Check) => c.type === "connectivity" || c.type === "dns";

async function runCheck(target: KubectlTarget, lab: Lab, c: Check, answers: Record<string, string>, probeError: string | undefined) {
  if (needsProbes(c) && probeError) return { status: "error" as const, message: probeError };
  switch (c.type) {
    case "resource":
      return checkResource(target, c);
    case "endpoints":
      return checkEndpoints(target, c);
    case "dns":
      return checkDns(target, c, lab.probes);
    case "connectivity":
      return checkConnectivity(target, c, lab.probes);
    case "answer":
      return checkAnswer(target, c, answers[c.id]);
  }
}

/** Grades the given tasks (all when `taskIds` is empty). `answers` maps answer-check ids to what the learner typed. */
export async function gradeLab(target: KubectlTarget, lab: Lab, opts: { taskIds?: string[]; answers?: Record<string, string> } = {}): Promise<TaskResult[]> {
  const tasks: Task[] = opts.taskIds?.length ? lab.tasks.filter((t) => opts.taskIds!.includes(t.id)) : lab.tasks;
  const probeError = tasks.some((t) => t.checks.some(needsProbes)) ? await ensureProbes(target, lab.probes) : undefined;
  const out: TaskResult[] = [];
  for (const t of tasks) {
    const checks: CheckResult[] = [];
    for (const c of t.checks) {
      const r = await runCheck(target, lab, c, opts.answers ?? {}, probeError);
      checks.push({ checkId: c.id, taskId: t.id, type: c.type, title: c.title, ...r });
    }
    out.push({ taskId: t.id, passed: checks.every((c) => c.status === "passed"), checks });
  }
  return out;
}
