// The grader against a real sandbox cluster through the real kubectl: messages a learner can act on,
// and connectivity cells explained by the policy and rule that decided them.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxBackend } from "../clusters/sandbox";
import { loadLab } from "../labs/load";
import { runSteps } from "../labs/steps";
import { gradeLab } from ".";
import { ensureProbes } from "./probes";

const backend = new SandboxBackend();
after(() => backend.close());

async function cluster(id: string) {
  const dir = mkdtempSync(join(tmpdir(), `grader-${id}-`));
  const h = await backend.create({ id, kubeconfigPath: join(dir, "kubeconfig"), addons: [] });
  return { kubeconfig: h.kubeconfigPath, cacheDir: join(dir, "cache") };
}

test("a broken Service is explained by its selector, not just 'failed'", async () => {
  const lab = loadLab("broken-service");
  const target = await cluster("grader-broken");
  await runSteps(target, lab.setup);
  const [t] = await gradeLab(target, lab, { taskIds: ["endpoints"] });
  assert.equal(t.checks[0].status, "failed");
  assert.equal(t.checks[0].message, "Service api should have 2 ready endpoint(s); Service api selects no pods: its selector app=api-server matches none in namespace default");
});

test("policy cells name the policy and rule that decided them", async () => {
  const lab = loadLab("netpol-ingress");
  const target = await cluster("grader-netpol");
  await runSteps(target, lab.setup);
  assert.equal(await ensureProbes(target, lab.probes), undefined);
  await runSteps(target, [lab.solution[0]]); // default deny only
  const [t] = await gradeLab(target, lab, { taskIds: ["allow-frontend"] });
  const check = t.checks[0];
  assert.equal(check.status, "failed");
  const cell = check.matrix!.find((c) => c.source === "frontend" && c.destination === "backend-8080")!;
  assert.equal(cell.observed, "timeout");
  assert.equal(cell.ok, false);
  assert.match(cell.explanation ?? "", /Ingress: .*isolated by policy default-deny-ingress/);
  assert.match(check.message, /^frontend → backend:8080 was blocked \(the connection timed out\), but the task expects it allowed/);

  await runSteps(target, [lab.solution[1]]);
  const [after] = await gradeLab(target, lab, { taskIds: ["allow-frontend"] });
  assert.equal(after.checks[0].status, "passed");
  const allowed = after.checks[0].matrix!.find((c) => c.source === "frontend" && c.destination === "backend-8080")!;
  assert.match(allowed.explanation ?? "", /allowed by policy allow-frontend-to-backend, ingress rule 0/);
});
