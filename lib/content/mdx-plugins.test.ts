// Heading anchors and code-fence languages, table-driven.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fenceLanguage, splitHeading } from "./mdx-plugins";
import { sectionsOf } from "./sections";

test("splitHeading reads a trailing [#anchor] and nothing else", () => {
  const cases: Array<[string, { text: string; id?: string }]> = [
    ["One IP per pod [#one-ip-per-pod]", { text: "One IP per pod", id: "one-ip-per-pod" }],
    ["ClusterIP [#clusterip]  ", { text: "ClusterIP", id: "clusterip" }],
    ["No anchor", { text: "No anchor" }],
    ["Bad [#Upper-Case]", { text: "Bad [#Upper-Case]" }],
    ["Middle [#x] text", { text: "Middle [#x] text" }],
    ["Trailing hyphen [#a-]", { text: "Trailing hyphen [#a-]" }],
  ];
  const wrong = cases.filter(([input, want]) => JSON.stringify(splitHeading(input)) !== JSON.stringify(want)).map(([i]) => i);
  assert.deepEqual(wrong, []);
});

test("fenceLanguage maps aliases and rejects languages shiki has not loaded", () => {
  const cases: Array<[unknown, string | Error]> = [
    [["language-yaml"], "yaml"],
    [["language-yml"], "yaml"],
    [["language-sh"], "bash"],
    [["language-console"], "shellsession"],
    [undefined, "text"],
    [["language-cobol"], new Error("not loaded")],
  ];
  const wrong: string[] = [];
  for (const [cls, want] of cases) {
    let got: string | Error;
    try {
      got = fenceLanguage(cls);
    } catch (err) {
      got = err as Error;
    }
    const ok = want instanceof Error ? got instanceof Error && got.message.includes(want.message) : got === want;
    if (!ok) wrong.push(`${JSON.stringify(cls)} → ${String(got)}`);
  }
  assert.deepEqual(wrong, []);
});

test("sectionsOf: an h2 runs to the next h2 and includes its h3s; fenced # lines are not headings", () => {
  const src = ["## A [#a]", "a text", "### A1 [#a1]", "a1 text", "```bash", "# not a heading [#nope]", "```", "## B [#b]", "b text"].join("\n");
  const s = sectionsOf(src);
  assert.deepEqual([...s.keys()], ["a", "a1", "b"]);
  assert.ok(s.get("a")!.text.includes("a1 text"));
  assert.ok(!s.get("a")!.text.includes("b text"));
  assert.ok(!s.get("a1")!.text.includes("b text"));
  assert.equal(s.get("b")!.title, "B");
});
