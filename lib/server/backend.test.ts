import assert from "node:assert/strict";
import { test } from "node:test";
import { decideLabBackend, labBackendSetting } from "./backend";
import type { Availability } from "../clusters/types";

test("LAB_BACKEND decides the lab backend; auto probes for Docker and kind", async () => {
  const usable = async (): Promise<Availability> => ({ ok: true });
  const noDocker = async (): Promise<Availability> => ({ ok: false, reason: "kind backend unavailable: the Docker engine is not running or not reachable (`docker info` failed)" });
  const table: Array<[string | undefined, () => Promise<Availability>, string, boolean]> = [
    [undefined, usable, "kind", true],
    [undefined, noDocker, "sandbox", true],
    ["auto", usable, "kind", true],
    [" AUTO ", noDocker, "sandbox", true],
    ["sandbox", usable, "sandbox", true],
    ["kind", noDocker, "kind", false],
  ];
  const wrong: string[] = [];
  for (const [env, probe, want, usableWant] of table) {
    const d = await decideLabBackend(labBackendSetting({ LAB_BACKEND: env }), probe);
    if (d.active !== want || d.usable !== usableWant) wrong.push(`LAB_BACKEND=${env}: ${d.active} (usable ${d.usable}), want ${want} (${usableWant})`);
  }
  assert.deepEqual(wrong, []);
  const d = await decideLabBackend("auto", noDocker);
  assert.match(d.reason, /Docker engine is not running.*embedded sandbox/);
  assert.match((await decideLabBackend("kind", noDocker)).reason, /^LAB_BACKEND=kind, but kind backend unavailable/);
  assert.throws(() => labBackendSetting({ LAB_BACKEND: "minikube" }), /LAB_BACKEND="minikube" is not one of auto, kind, sandbox/);
});
