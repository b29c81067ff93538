// Runs a lab's setup or solution steps through kubectl. `answer` steps read a value with a
// kubectl command, the way a learner would, and record it for the answer checks.
import type { Step } from "./schema";
import { kubectlArgs } from "./command";
import { errorLine, kubectl, type KubectlTarget } from "./kubectl";

export class StepError extends Error {}

/** `{{id}}` in a step stands for an answer recorded by an earlier step (e.g. a node name read before). */
function fillAnswers(line: string, answers: Record<string, string>): string {
  return line.replace(/\{\{([a-z0-9-]+)\}\}/g, (_, id: string) => {
    if (!(id in answers)) throw new StepError(`a step uses {{${id}}}, but no earlier step answered "${id}"`);
    return answers[id];
  });
}

export async function runSteps(target: KubectlTarget, steps: Step[], answers: Record<string, string> = {}): Promise<Record<string, string>> {
  for (const [i, step] of steps.entries()) {
    const what = "apply" in step ? "kubectl apply -f -" : "kubectl" in step ? `kubectl ${step.kubectl.replace(/^kubectl\s+/, "")}` : `answer ${step.answer}`;
    const r =
      "apply" in step
        ? await kubectl(target, ["apply", "-f", "-"], { input: step.apply })
        : await kubectl(target, kubectlArgs(fillAnswers("kubectl" in step ? step.kubectl : step.from, answers)), { timeoutMs: 180_000 });
    if (r.exitCode !== 0) throw new StepError(`step ${i + 1} (${what}) failed: ${errorLine(r)}`);
    if ("answer" in step) answers[step.answer] = r.stdout.trim();
  }
  return answers;
}

/** The solution as a learner would type it, for the "show solution" panel. */
export function stepsAsScript(steps: Step[]): string {
  return steps
    .map((s) => {
      if ("apply" in s) return `kubectl apply -f - <<'EOF'\n${s.apply.trimEnd()}\nEOF`;
      if ("kubectl" in s) return s.kubectl.startsWith("kubectl") ? s.kubectl : `kubectl ${s.kubectl}`;
      return `${s.from.startsWith("kubectl") ? s.from : `kubectl ${s.from}`}   # → your answer for "${s.answer}"`;
    })
    .join("\n\n");
}
