// A sandbox session's objects survive a server restart: read through kubectl, created again on a
// fresh sandbox. What controllers own comes back by itself, so it is not copied.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxBackend } from "../clusters/sandbox";
import { runSteps } from "../labs/steps";
import { kubectl } from "../labs/kubectl";
import { restoreObjects, snapshotObjects } from "./snapshot";

const backend = new SandboxBackend();
after(() => backend.close());

async function cluster(id: string) {
  const dir = mkdtempSync(join(tmpdir(), `snap-${id}-`));
  const h = await backend.create({ id, kubeconfigPath: join(dir, "kubeconfig"), addons: [] });
  return { kubeconfig: h.kubeconfigPath, cacheDir: join(dir, "cache") };
}

test("a learner's namespace, deployment, service and policy come back after a restart", async () => {
  const before = await cluster("snap-before");
  await runSteps(before, [
    { kubectl: "create namespace shop" },
    { kubectl: "create deployment web -n shop --image=nginx:1.27 --replicas=2" },
    { kubectl: "expose deployment web -n shop --port=80" },
    { apply: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n" },
  ]);
  const objects = await snapshotObjects(before);
  const names = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.deepEqual(names, ["Deployment/web", "Namespace/shop", "NetworkPolicy/deny", "Service/web"]);

  const fresh = await cluster("snap-after");
  await restoreObjects(fresh, objects);
  const r = await kubectl(fresh, ["get", "deploy,svc,netpol", "-n", "shop", "-o", "name"]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n").sort(), ["deployment.apps/web", "networkpolicy.networking.k8s.io/deny", "service/web"]);
  // Restoring twice is harmless: what exists is left alone.
  await restoreObjects(fresh, objects);
});
