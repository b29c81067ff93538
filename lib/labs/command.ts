// Splits one kubectl command line of a lab step into arguments. The syntax is the same shell syntax
// the lab terminal reads (the sandbox's shell parser), so quoting works as a learner expects; but a
// step is exactly one command of literal words: pipes, redirections, variables, substitutions and
// `;` are refused, so a step means the same on every backend.
import { parse } from "../sandbox/exec/shell/parser";
import { IncompleteInput, ShellSyntaxError } from "../sandbox/exec/shell/lexer";

export class CommandSyntaxError extends Error {}

export function splitWords(line: string): string[] {
  const refuse = (why: string) => new CommandSyntaxError(`a lab step is one kubectl command (${why}): ${line}`);
  let list;
  try {
    list = parse(line);
  } catch (e) {
    if (e instanceof IncompleteInput || e instanceof ShellSyntaxError) throw refuse(e.message);
    throw e;
  }
  if (list.length !== 1 || list[0].background || list[0].rest.length) throw refuse("no ;, &, && or ||");
  const { commands, negate } = list[0].first;
  const cmd = commands[0];
  if (negate || commands.length !== 1 || cmd.type !== "simple") throw refuse("no pipes or compound commands");
  if (cmd.assigns.length || cmd.redirects.length) throw refuse("no variables or redirections");
  return cmd.words.map((w) =>
    w
      .map((p) => {
        if (p.t !== "lit") throw refuse("no $ expansions or substitutions");
        return p.v;
      })
      .join(""),
  );
}

/** "kubectl get pods" → ["get", "pods"]; the leading "kubectl" is optional. */
export function kubectlArgs(line: string): string[] {
  const w = splitWords(line);
  return w[0] === "kubectl" ? w.slice(1) : w;
}
