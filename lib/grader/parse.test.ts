// The grader's readers of real tool output: bind's nslookup (which agnhost ships), agnhost connect's
// verdict words, and learners' typed answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseNslookup } from "./dns";
import { classifyConnect } from "./connectivity";
import { normaliseAnswer } from "./answer";

test("nslookup output is read the way bind prints it", () => {
  const cases: [number, string, string, string[]][] = [
    [0, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n", "answer", ["10.96.12.3"]],
    [0, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tdb.default.svc.cluster.local\nAddress: 10.244.1.4\nName:\tdb.default.svc.cluster.local\nAddress: 10.244.2.7\n", "answer", ["10.244.1.4", "10.244.2.7"]],
    [1, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n", "nxdomain", []],
    [1, ";; connection timed out; no servers could be reached\n\n", "timeout", []],
    [1, "garbage", "error", []],
  ];
  const wrong = cases.flatMap(([code, out, outcome, addrs]) => {
    const r = parseNslookup(code, out);
    return r.outcome === outcome && JSON.stringify(r.addresses) === JSON.stringify(addrs) ? [] : [`${JSON.stringify(out)} → ${r.outcome} ${r.addresses}`];
  });
  assert.deepEqual(wrong, []);
});

test("agnhost connect's verdicts", () => {
  const cases: [number, string, string][] = [
    [0, "", "connected"],
    [1, "TIMEOUT\n", "timeout"],
    [1, "REFUSED\n", "refused"],
    [1, "DNS: lookup nope on 10.96.0.10:53: no such host\n", "dns"],
    [1, "OTHER: something else\n", "error"],
  ];
  assert.deepEqual(cases.filter(([c, o, want]) => classifyConnect(c, o) !== want), []);
});

test("answers compare without case, quotes or list spacing", () => {
  const same: [string, string][] = [
    ["10.244.1.7", " 10.244.1.7 "],
    ["kind-worker", "Kind-Worker"],
    ["10.244.2.0/24", "'10.244.2.0/24'"],
    ["a, b", "a,b"],
  ];
  assert.deepEqual(same.filter(([a, b]) => normaliseAnswer(a) !== normaliseAnswer(b)), []);
  assert.notEqual(normaliseAnswer("10.244.1.7"), normaliseAnswer("10.244.1.70"));
});
