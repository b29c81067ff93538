// What a tool (an executable inside a simulated container: wget, curl, nc, ls, ...) receives.
import type { Input, Writer } from "../shell/io";
import type { ContainerSystem } from "../system";

export type Flavor = "dash" | "bash" | "ash";

export interface ToolContext {
  /** argv[0] is the name as invoked (e.g. "wget" or "/usr/bin/wget"). */
  argv: string[];
  stdin: Input;
  stdout: Writer;
  stderr: Writer;
  /** Exported environment. */
  env: Record<string, string>;
  cwd: string;
  /** Aborted by Ctrl-C (interactive) or when the client goes away. */
  signal: AbortSignal;
  sys: ContainerSystem;
  tty: boolean;
  /** Runs another command the way the shell would (for `timeout`, `env CMD`, `xargs`, `nohup`). */
  exec?(argv: string[], overrides?: Partial<ToolContext>): Promise<number>;
  /** Set when a shell runs this as its own builtin (echo/printf/test differ between shells). */
  builtinOf?: Flavor;
}

export type Tool = (ctx: ToolContext) => Promise<number>;

/** Thrown by a tool's argument parser: print `message` to stderr, exit `code`. */
export class ToolExit extends Error {
  constructor(
    readonly code: number,
    message = "",
  ) {
    super(message);
  }
}
