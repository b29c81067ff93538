// The lab shell's executor against a fake kubectl: what runs, what is refused, and that nothing
// outside the workspace is read or written (the hostile-input suite).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runList, type ShellContext } from "./run";
import { findHeredocs, HeredocCollector } from "./heredoc";

const base = mkdtempSync(join(tmpdir(), "labshell-"));
const root = join(base, "workspace");
mkdirSync(root);
writeFileSync(join(base, "secret.txt"), "TOP SECRET\n");
symlinkSync(join(base, "secret.txt"), join(root, "link-out"));
writeFileSync(join(root, "pod.yaml"), "kind: Pod\nmetadata:\n  name: web\n");

function shell(over: Partial<ShellContext> = {}) {
  let out = "";
  const ctx: ShellContext = {
    ws: { root, cwd: root },
    kubectl: new URL("../testdata/fake-kubectl.sh", import.meta.url).pathname,
    kubeconfig: join(base, "kubeconfig"),
    cacheDir: join(base, "cache"),
    timeoutMs: 5000,
    interactiveTimeoutMs: 5000,
    outputBytes: 64 * 1024,
    write: (s) => (out += s),
    status: 0,
    history: [],
    ...over,
  };
  return { ctx, run: async (line: string, heredocs = new Map<string, string>()) => ({ status: await runList(ctx, line, heredocs), out: out.slice(out.length) }), output: () => out };
}

async function run(line: string, over: Partial<ShellContext> = {}) {
  const s = shell(over);
  const status = await runList(s.ctx, line, new Map());
  return { status, out: s.output() };
}

test("kubectl runs with the session's kubeconfig and cache, whatever the learner types", async () => {
  const r = await run("kubectl get pods -o wide");
  assert.equal(r.status, 0);
  assert.match(r.out, new RegExp(`ARGS: --cache-dir=${join(base, "cache")} get pods -o wide`));
  assert.match(r.out, new RegExp(`KUBECONFIG=${join(base, "kubeconfig")}`));
});

test("hostile input is refused with a clear message and an exit status, and reads nothing outside", async () => {
  const cases: [string, RegExp, number][] = [
    ["kubectl --kubeconfig=/root/.kube/config get pods", /lab: kubectl --kubeconfig: not allowed in the lab terminal/, 126],
    ["kubectl get pods --server https://10.0.0.1:6443", /lab: kubectl --server: not allowed/, 126],
    ["kubectl get pods --token=abc", /lab: kubectl --token: not allowed/, 126],
    ["kubectl get pods --as=system:admin", /lab: kubectl --as: not allowed/, 126],
    ["kubectl krew install sniff", /lab: kubectl krew: unknown command \(kubectl plugins are not available/, 126],
    ["kubectl apply -f ../secret.txt", /lab: \.\.\/secret\.txt: outside your workspace/, 126],
    ["kubectl apply -f link-out", /lab: link-out: outside your workspace/, 126],
    ["cat ../secret.txt", /lab: \.\.\/secret\.txt: outside your workspace/, 126],
    ["cat /etc/passwd", /lab: \/etc\/passwd: outside your workspace/, 126],
    ["cat link-out", /lab: link-out: outside your workspace/, 126],
    ["cat < ../secret.txt", /lab: \.\.\/secret\.txt: outside your workspace/, 126],
    ["echo pwned > ../escape.txt", /lab: \.\.\/escape\.txt: outside your workspace/, 126],
    ["cd ..", /lab: \.\.: outside your workspace/, 126],
    ["KUBECONFIG=/tmp/x kubectl get pods", /lab: KUBECONFIG=\.\.\.: environment variables cannot be set/, 2],
    ["bash -c 'cat /etc/shadow'", /lab: bash: command not found/, 127],
    ["/bin/sh", /lab: \/bin\/sh: command not found/, 127],
    ["kubectl get pods & ", /lab: &: background jobs are not available/, 2],
    ["(kubectl get pods)", /only simple commands run in the lab terminal/, 2],
    ["echo $SECRET", /lab: \$SECRET: variables are not available/, 2],
    ["kubectl get pods )", /lab: syntax error/, 2],
  ];
  const wrong: string[] = [];
  for (const [line, want, status] of cases) {
    const r = await run(line);
    if (!want.test(r.out) || r.status !== status || /TOP SECRET/.test(r.out)) wrong.push(`${line}\n   → status ${r.status}: ${r.out.trim()}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(existsSync(join(base, "escape.txt")), false);
});

test("binary garbage is an error, not a crash", async () => {
  const r = await run("\u0000\u0001\u001b[A\u00ff kubectl \u0007");
  assert.notEqual(r.status, 0);
  assert.match(r.out, /^lab: /m);
});

test("pipes, redirection into the workspace, && and || behave like a shell", async () => {
  let r = await run("kubectl get pods | grep -c ARGS");
  assert.equal(r.out, "1\n");
  r = await run("kubectl get pod web -o yaml > saved.yaml && cat saved.yaml | head -n 1");
  assert.match(r.out, /^ARGS: .* get pod web -o yaml\n$/);
  assert.match(readFileSync(join(root, "saved.yaml"), "utf8"), /ARGS/);
  r = await run("kubectl get pod fail || echo recovered");
  assert.match(r.out, /Error from server \(NotFound\): pods "nope" not found\nrecovered\n/);
  r = await run("mkdir -p manifests/dev && cd manifests && pwd && ls ..");
  assert.match(r.out, /~\/manifests\n.*manifests.*pod\.yaml/s);
});

test("here-documents feed kubectl apply -f -", async () => {
  const line = "cat <<EOF | kubectl apply -f -";
  const { line: rewritten, pending } = findHeredocs(line);
  const c = new HeredocCollector(pending);
  for (const l of ["apiVersion: v1", "kind: Namespace", "metadata:", "  name: lab", "EOF"]) c.push(l);
  assert.equal(c.needsMore, false);
  const s = shell();
  const status = await runList(s.ctx, rewritten, c.bodies);
  assert.equal(status, 0);
  assert.match(s.output(), /ARGS: .* apply -f -\n.*STDIN:\napiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: lab\n/s);
  assert.deepEqual(findHeredocs(`echo '<<not a heredoc'`).pending, []);
  assert.equal(findHeredocs("kubectl apply -f - <<'YAML'").pending[0].delimiter, "YAML");
});

test("a command that prints too much or runs too long is stopped with a message", async () => {
  let r = await run("kubectl logs big");
  assert.match(r.out, /lab: output stopped after 64 KiB/);
  assert.equal(r.status, 124);
  r = await run("kubectl logs hang", { timeoutMs: 300 });
  assert.match(r.out, /lab: stopped after 0 s|lab: stopped after/);
  assert.equal(r.status, 124);
});

test("$(...) runs a command and substitutes its output", async () => {
  const r = await run("echo got $(echo 10.244.1.5)");
  assert.equal(r.out, "got 10.244.1.5\n");
});
