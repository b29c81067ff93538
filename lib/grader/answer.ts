// answer checks: the learner types a value they found (a pod IP, a node's pod CIDR, a Service's
// ClusterIP); it is compared with the live cluster, read with kubectl's JSONPath at Check time.
import type { AnswerCheck } from "../labs/schema";
import { errorLine, kubectl, type KubectlTarget } from "../labs/kubectl";
import type { CheckResult } from "./types";

type Outcome = Pick<CheckResult, "status" | "message">;

/** Case, surrounding spaces and quotes do not matter; inner spacing of lists does not either. */
export const normaliseAnswer = (s: string): string =>
  s
    .trim()
    .replace(/^["'](.*)["']$/, "$1")
    .replace(/\s*,\s*/g, ",")
    .replace(/\s+/g, " ")
    .toLowerCase();

export async function checkAnswer(target: KubectlTarget, c: AnswerCheck, given: string | undefined): Promise<Outcome> {
  if (given === undefined || given.trim() === "") return { status: "failed", message: `no answer yet: ${c.prompt}` };
  let name: string;
  if (typeof c.name === "string") name = c.name;
  else {
    const ref = await kubectl(target, ["get", c.name.kind, c.name.name, "-n", c.name.namespace, "-o", `jsonpath=${c.name.jsonpath}`]);
    if (ref.exitCode !== 0 || !ref.stdout.trim()) return { status: "error", message: `could not read ${c.name.jsonpath} of ${c.name.kind} ${c.name.name}: ${errorLine(ref)}` };
    name = ref.stdout.trim();
  }
  const r = await kubectl(target, ["get", c.kind, name, "-n", c.namespace, "-o", `jsonpath=${c.jsonpath}`]);
  if (r.exitCode !== 0) return { status: "error", message: `could not read the true value from ${c.kind} ${name}: ${errorLine(r)}` };
  const truth = r.stdout.trim();
  if (normaliseAnswer(given) === normaliseAnswer(truth)) return { status: "passed", message: `${given.trim()} is right` };
  return { status: "failed", message: `${given.trim()} is not right: look again at ${c.kind} ${name} in namespace ${c.namespace}` };
}
