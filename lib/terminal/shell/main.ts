// The lab shell: the program each lab terminal runs under a pseudo-terminal (node-pty). It is not a
// host shell: it offers a prompt, line editing, history and tab completion (Node's readline), and
// runs what run.ts allows — kubectl against this session's cluster, and workspace-confined builtins.
//   lab-shell --workspace DIR --kubeconfig FILE --cache DIR --kubectl PATH [--history FILE]
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import readline from "node:readline";
import { IncompleteInput } from "../../sandbox/exec/shell/lexer";
import { parse } from "../../sandbox/exec/shell/parser";
import { completer } from "./complete";
import { findHeredocs, HeredocCollector } from "./heredoc";
import { kubectlEnv, kubectlPathDir, runList, type ShellContext } from "./run";

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) {
    process.stderr.write(`lab-shell: --${name} is required\n`);
    process.exit(2);
  }
  return v;
}

const root = arg("workspace");
const historyFile = arg("history", "");
const ctx: ShellContext = {
  ws: { root, cwd: root },
  kubectl: arg("kubectl"),
  kubeconfig: arg("kubeconfig"),
  cacheDir: arg("cache"),
  timeoutMs: Number(process.env.LAB_COMMAND_TIMEOUT_SECONDS ?? 300) * 1000,
  interactiveTimeoutMs: Number(process.env.LAB_INTERACTIVE_TIMEOUT_SECONDS ?? 1800) * 1000,
  outputBytes: Number(process.env.LAB_OUTPUT_KIB ?? 2048) * 1024,
  write: (s) => process.stdout.write(s),
  status: 0,
  history: historyFile && existsSync(historyFile) ? readFileSync(historyFile, "utf8").split("\n").filter(Boolean).slice(-500) : [],
};

const prompt = () => {
  const rel = relative(ctx.ws.root, ctx.ws.cwd);
  return `\x1b[1;32mlearner@lab\x1b[0m:\x1b[1;34m~${rel ? `/${rel}` : ""}\x1b[0m$ `;
};

const rl = readline.createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: true,
  historySize: 500,
  history: [...ctx.history].reverse(),
  removeHistoryDuplicates: true,
  completer: completer({ kubectl: `${kubectlPathDir(ctx)}/kubectl`, env: kubectlEnv(ctx), cacheDir: ctx.cacheDir }),
});

let pending = "";
let collector: HeredocCollector | undefined;
let heredocLine = "";
let running = false;

function remember(line: string): void {
  if (!line.trim()) return;
  ctx.history.push(line);
  if (historyFile) appendFileSync(historyFile, `${line.replace(/\n/g, " ")}\n`, { mode: 0o600 });
}

async function execute(line: string, bodies: Map<string, string>): Promise<void> {
  running = true;
  // While a command runs, the terminal's keys go to kubectl (interactive exec) or only Ctrl-C matters.
  rl.pause();
  const onKey = (b: Buffer) => {
    if (b.includes(3)) ctx.current?.abort();
  };
  process.stdin.on("data", onKey);
  process.stdin.resume();
  try {
    await runList(ctx, line, bodies);
  } catch (e) {
    process.stdout.write(`lab: ${(e as Error).message}\n`);
  } finally {
    process.stdin.off("data", onKey);
    running = false;
    rl.resume();
    rl.setPrompt(prompt());
    rl.prompt();
  }
}

rl.on("line", (input) => {
  if (running) return;
  if (collector) {
    collector.push(input);
    if (collector.needsMore) return rl.prompt();
    const bodies = collector.bodies;
    collector = undefined;
    rl.setPrompt(prompt());
    return void execute(heredocLine, bodies);
  }
  const line = pending ? `${pending}\n${input}` : input;
  const { line: rewritten, pending: docs } = findHeredocs(line);
  try {
    // Unfinished quotes, a trailing | or && ask for more input, like any shell.
    runListSyntaxProbe(rewritten);
  } catch (e) {
    if (e instanceof IncompleteInput) {
      pending = line;
      rl.setPrompt("> ");
      return rl.prompt();
    }
  }
  pending = "";
  remember(line);
  if (docs.length) {
    collector = new HeredocCollector(docs);
    heredocLine = rewritten;
    rl.setPrompt("> ");
    return rl.prompt();
  }
  if (!rewritten.trim()) {
    rl.setPrompt(prompt());
    return rl.prompt();
  }
  void execute(rewritten, new Map());
});

rl.on("SIGINT", () => {
  // Ctrl-C at the prompt abandons the line (and any half-typed here-document), as bash does.
  pending = "";
  collector = undefined;
  process.stdout.write("^C\n");
  rl.setPrompt(prompt());
  rl.prompt();
});

rl.on("close", () => {
  process.stdout.write("\nThe lab terminal stays with your session; reload the page to reconnect.\n");
  process.exit(0);
});

process.on("SIGINT", () => ctx.current?.abort());
process.on("SIGHUP", () => process.exit(0));

function runListSyntaxProbe(src: string): void {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof IncompleteInput) throw e;
    // Other syntax errors are reported when the line runs.
  }
}

process.stdout.write("Connected to your lab cluster. Type kubectl commands, or help.\n");
rl.setPrompt(prompt());
rl.prompt();
