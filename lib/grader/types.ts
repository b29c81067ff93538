// What the grader reports for each check. "error" means the check could not run (cluster not
// ready, a probe pod missing): it is shown as such and never counted as the learner's failure.
import type { Check } from "../labs/schema";

export type CheckStatus = "passed" | "failed" | "error";

/** One cell of a connectivity matrix: what the task expects, what happened, and why. */
export interface MatrixCell {
  source: string;
  destination: string;
  expected: "allowed" | "denied";
  /** connected / refused (reached, nothing listening) / timeout (dropped) / dns (name did not resolve) / error. */
  observed: "connected" | "refused" | "timeout" | "dns" | "error";
  ok: boolean;
  /** Why, in the learner's terms: the deciding policy and rule when the policy engine could say. */
  explanation?: string;
}

export interface CheckResult {
  checkId: string;
  taskId: string;
  type: Check["type"];
  title: string;
  status: CheckStatus;
  /** One actionable sentence: what is wrong and where to look, or what passed. */
  message: string;
  /** Extra lines (e.g. each failing matrix cell). */
  details?: string[];
  matrix?: MatrixCell[];
}

export interface TaskResult {
  taskId: string;
  passed: boolean;
  checks: CheckResult[];
}
