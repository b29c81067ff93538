// Grading truth tables: every question type, the short-text normalisation edge cases, numeric tolerance and
// ranges, partial credit for multiple select, and the responses checkResponse() must refuse.
import assert from "node:assert/strict";
import { test } from "node:test";
import { QuizError } from "./errors";
import { checkResponse, grade } from "./grade";
import { normalizeText } from "./normalize";
import type { Question } from "./types";

const base = { module: "services", prompt: "?", explanation: "because", link: { lesson: "services", anchor: "x" }, file: "t.yaml" };
const opts = [
  { id: "a", text: "A" },
  { id: "b", text: "B" },
  { id: "c", text: "C" },
  { id: "d", text: "D" },
];
const Q: Record<string, Question> = {
  single: { ...base, id: "single", type: "single", options: opts, correct: "b" },
  multiple: { ...base, id: "multiple", type: "multiple", options: opts, correct: ["a", "b", "c"] },
  tf: { ...base, id: "tf", type: "truefalse", answer: false },
  clusterip: { ...base, id: "clusterip", type: "text", accepted: ["ClusterIP"] },
  fqdn: { ...base, id: "fqdn", type: "text", accepted: ["web.shop.svc.cluster.local"] },
  label: { ...base, id: "label", type: "text", accepted: ["kubernetes.io/service-name"] },
  nodeport: { ...base, id: "nodeport", type: "numeric", answer: 32767, min: 32767, max: 32767 },
  mtu: { ...base, id: "mtu", type: "numeric", answer: 1450, min: 1440, max: 1460 },
  range: { ...base, id: "range", type: "numeric", answer: 30000, min: 30000, max: 32767 },
};

test("grade: truth table over every type", () => {
  const cases: [string, unknown, boolean, number][] = [
    ["single", "b", true, 1],
    ["single", "a", false, 0],
    ["tf", false, true, 1],
    ["tf", true, false, 0],
    ["clusterip", "ClusterIP", true, 1],
    ["clusterip", "cluster ip", true, 1],
    ["clusterip", "cluster-ip", true, 1],
    ["clusterip", "Cluster_IP", true, 1],
    ["clusterip", "  CLUSTERIP  ", true, 1],
    ["clusterip", "`ClusterIP`", true, 1],
    ["clusterip", "`ClusterIP`.", true, 1],
    ["clusterip", '"clusterIP"', true, 1],
    ["clusterip", "cluster\tip", true, 1],
    ["clusterip", "cluster–ip", true, 1], // en dash from a phone keyboard
    ["clusterip", "ＣｌｕｓｔｅｒＩＰ", true, 1], // full-width, NFKC
    ["clusterip", "NodePort", false, 0],
    ["clusterip", "ClusterIPs", false, 0],
    ["clusterip", "cluster", false, 0],
    ["fqdn", "web.shop.svc.cluster.local.", true, 1], // trailing root dot
    ["fqdn", "Web.Shop.SVC.cluster.local", true, 1],
    ["fqdn", "webshop.svc.cluster.local", false, 0], // dots carry meaning
    ["fqdn", "web.shop", false, 0],
    ["label", "kubernetes.io/service-name", true, 1],
    ["label", "kubernetes.io/service name", true, 1],
    ["label", "kubernetes.io/servicename", true, 1],
    ["label", "kubernetes.io-service-name", false, 0],
    ["nodeport", 32767, true, 1],
    ["nodeport", 32768, false, 0],
    ["nodeport", 32766, false, 0],
    ["mtu", 1450, true, 1],
    ["mtu", 1440, true, 1],
    ["mtu", 1460, true, 1],
    ["mtu", 1439.9, false, 0],
    ["mtu", 1500, false, 0],
    ["range", 30000, true, 1],
    ["range", 31000, true, 1],
    ["range", 32767, true, 1],
    ["range", 29999, false, 0],
    ["multiple", ["a", "b", "c"], true, 1],
    ["multiple", ["c", "b", "a"], true, 1],
    ["multiple", ["a", "b"], false, 0.667],
    ["multiple", ["a"], false, 0.333],
    ["multiple", ["a", "b", "d"], false, 0.333],
    ["multiple", ["a", "d"], false, 0],
    ["multiple", ["a", "b", "c", "d"], false, 0.667],
    ["multiple", ["d"], false, 0],
  ];
  const wrong: string[] = [];
  for (const [qid, response, correct, points] of cases) {
    const q = Q[qid];
    const g = grade(q, checkResponse(q, response));
    if (g.correct !== correct || g.points !== points)
      wrong.push(`${qid} ${JSON.stringify(response)}: got ${g.correct}/${g.points}, want ${correct}/${points}`);
  }
  assert.deepEqual(wrong, []);
});

test("checkResponse: refuses malformed answers with invalid_answer naming the question", () => {
  const cases: [string, unknown][] = [
    ["single", ["b"]],
    ["single", "z"],
    ["single", 1],
    ["single", undefined],
    ["multiple", "a"],
    ["multiple", []],
    ["multiple", ["a", "a"]],
    ["multiple", ["a", "z"]],
    ["multiple", [1]],
    ["tf", "false"],
    ["tf", 0],
    ["clusterip", 42],
    ["clusterip", "   "],
    ["clusterip", "x".repeat(201)],
    ["nodeport", "32767"],
    ["nodeport", Number.NaN],
    ["nodeport", Number.POSITIVE_INFINITY],
    ["nodeport", null],
  ];
  const accepted: string[] = [];
  for (const [qid, response] of cases) {
    try {
      checkResponse(Q[qid], response);
      accepted.push(`${qid} ${JSON.stringify(response)}`);
    } catch (e) {
      assert.ok(e instanceof QuizError, `${qid}: ${e}`);
      assert.equal(e.code, "invalid_answer");
      assert.equal(e.status, 400);
      assert.match(e.message, new RegExp(`Question ${qid}:`));
    }
  }
  assert.deepEqual(accepted, [], "these malformed responses were accepted");
});

test("normalizeText: one rule for both sides", () => {
  const table: [string, string][] = [
    ["ClusterIP", "clusterip"],
    ["cluster ip", "clusterip"],
    ["cluster-ip", "clusterip"],
    [" Cluster - IP ", "clusterip"],
    ["10.96.0.10", "10.96.0.10"],
    ["kubectl get pods -o wide", "kubectlgetpodsowide"],
    ["/etc/cni/net.d", "/etc/cni/net.d"],
    ["'None'", "none"],
    ["Hubble!", "hubble"],
  ];
  const wrong = table.filter(([input, want]) => normalizeText(input) !== want).map(([i, w]) => `${i} → ${normalizeText(i)} (want ${w})`);
  assert.deepEqual(wrong, []);
});
