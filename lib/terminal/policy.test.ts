import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Refused, vetKubectl, workspacePath } from "./policy";

const root = mkdtempSync(join(tmpdir(), "ws-"));
mkdirSync(join(root, "sub"));
writeFileSync(join(root, "pod.yaml"), "kind: Pod\n");
symlinkSync("/etc", join(root, "escape"));
const ws = { root, cwd: root };

const verdict = (args: string[]): string => {
  try {
    return `ok ${vetKubectl(args, ws).join(" ")}`;
  } catch (e) {
    if (e instanceof Refused) return `refused: ${e.message}`;
    throw e;
  }
};

test("every credential, cluster and identity flag is refused, in both spellings", () => {
  const flags = ["--kubeconfig", "--server", "--token", "--as", "--as-group", "--context", "--cluster", "--user", "--certificate-authority", "--insecure-skip-tls-verify", "--cache-dir", "--client-key"];
  const wrong: string[] = [];
  for (const f of flags)
    for (const args of [["get", "pods", `${f}=x`], ["get", "pods", f, "x"], [f, "x", "get", "pods"]])
      if (!verdict(args).startsWith(`refused: kubectl ${f}: not allowed`)) wrong.push(`${args.join(" ")} → ${verdict(args)}`);
  for (const args of [["-s", "https://1.2.3.4", "get", "pods"], ["-shttps://1.2.3.4", "get", "pods"]])
    if (!verdict(args).startsWith("refused: kubectl -s: not allowed")) wrong.push(`${args.join(" ")} → ${verdict(args)}`);
  assert.deepEqual(wrong, []);
});

test("commands that reach the server machine, plugins and kubeconfig edits are refused", () => {
  const cases: [string[], RegExp][] = [
    [["proxy"], /kubectl proxy: not available/],
    [["port-forward", "svc/web", "8080:80"], /kubectl port-forward: not available/],
    [["edit", "deploy/web"], /editor panel/],
    [["krew", "install", "x"], /kubectl krew: unknown command \(kubectl plugins/],
    [["config", "set-cluster", "x", "--server=https://evil"], /kubectl config set-cluster: the lab's kubeconfig cannot be changed/],
    [["config", "use-context", "other"], /cannot be changed/],
  ];
  assert.deepEqual(cases.filter(([a, re]) => !re.test(verdict(a))).map(([a]) => `${a.join(" ")} → ${verdict(a)}`), []);
});

test("file arguments must stay inside the workspace", () => {
  const cases: [string[], string][] = [
    [["apply", "-f", "pod.yaml"], `ok apply -f ${join(root, "pod.yaml")}`],
    [["apply", "-f=pod.yaml"], `ok apply -f ${join(root, "pod.yaml")}`],
    [["apply", "--filename", "sub/new.yaml"], `ok apply --filename ${join(root, "sub/new.yaml")}`],
    [["apply", "-f", "-"], "ok apply -f -"],
    [["apply", "-f", "../../etc/passwd"], "refused: ../../etc/passwd: outside your workspace"],
    [["apply", "-f", "/etc/passwd"], "refused: /etc/passwd: outside your workspace"],
    [["apply", "-f", "escape/passwd"], "refused: escape/passwd: outside your workspace"],
    [["apply", "-f", "https://example.com/x.yaml"], "refused: kubectl -f https://example.com/x.yaml: URLs are not allowed in the lab; save the manifest into your workspace first"],
    [["create", "configmap", "c", "--from-file=key=../../etc/shadow"], "refused: ../../etc/shadow: outside your workspace"],
    [["cp", "web:/etc/hosts", "hosts"], `ok cp web:/etc/hosts ${join(root, "hosts")}`],
    [["cp", "default/web:/etc/hosts", "/tmp/x"], "refused: /tmp/x: outside your workspace"],
    [["exec", "web", "--", "cat", "/etc/passwd"], "ok exec web -- cat /etc/passwd"],
    [["get", "pods", "-o", "wide"], "ok get pods -o wide"],
  ];
  assert.deepEqual(cases.filter(([a, want]) => verdict(a) !== want).map(([a, want]) => `${a.join(" ")}\n   got  ${verdict(a)}\n   want ${want}`), []);
});

test("workspacePath refuses symlinks that lead out, even for files that do not exist yet", () => {
  assert.throws(() => workspacePath(ws, "escape/new-file"), Refused);
  assert.equal(workspacePath({ root, cwd: join(root, "sub") }, "../pod.yaml"), join(root, "pod.yaml"));
});
