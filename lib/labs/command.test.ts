import { test } from "node:test";
import assert from "node:assert/strict";
import { kubectlArgs, splitWords } from "./command";

test("lab step command lines split like a shell would", () => {
  const cases: [string, string[]][] = [
    ["get pods -o wide", ["get", "pods", "-o", "wide"]],
    ["kubectl get pods", ["get", "pods"]],
    [`patch svc api -p '{"spec":{"x":1}}'`, ["patch", "svc", "api", "-p", '{"spec":{"x":1}}']],
    [`annotate pod a "note=two words"`, ["annotate", "pod", "a", "note=two words"]],
    [`label pod a x=a\\ b`, ["label", "pod", "a", "x=a b"]],
    [`get pod x -o jsonpath={.status.podIP}`, ["get", "pod", "x", "-o", "jsonpath={.status.podIP}"]],
  ];
  const wrong = cases.filter(([line, want]) => JSON.stringify(kubectlArgs(line)) !== JSON.stringify(want)).map(([l]) => `${l} → ${JSON.stringify(kubectlArgs(l))}`);
  assert.deepEqual(wrong, []);
});

test("pipes, redirections and unterminated quotes are refused", () => {
  for (const bad of ["get pods | grep x", "get pods > out", "get pods; rm x", "get $HOME", `get 'pods`])
    assert.throws(() => splitWords(bad), Error, bad);
});
