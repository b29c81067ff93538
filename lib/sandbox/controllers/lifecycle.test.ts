// The controllers running for real: a cluster with the kinds' own write rules, the wall clock
// sped up by SANDBOX_TIME_SCALE (20 in `npm test`), and the control loop on setImmediate/timers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createClock, scaleFromEnv } from "../clock";
import type { Cluster } from "../cluster";
import { kindRegistry, strategyFor } from "../kinds/index";
import { createRuntime } from "../runtime/runtime";
import { Store, type StoreEvent } from "../store/store";
import { contextFor } from "./context";
import { createEventRecorder } from "./events";
import { ControllerLoop } from "./loop";
import { R } from "./refs";
import { controllers } from "./registry";
import { seed } from "./seed";
import { lookupTestImage } from "./testkit";
import { seedCluster, startControllers } from "./index";

const scale = Math.max(scaleFromEnv(), 20);

function makeCluster(): { cluster: Cluster; stop: () => void } {
  const store = new Store({ strategyFor });
  const clock = createClock(scale);
  const cluster: Cluster = {
    id: "lifecycle",
    store,
    clock,
    kinds: kindRegistry,
    runtime: createRuntime(),
    network: undefined as never,
    events: createEventRecorder(store, clock),
    close: () => {},
  };
  const ctx = contextFor(cluster, { lookupImage: lookupTestImage });
  seed(ctx);
  const loop = new ControllerLoop(ctx, controllers);
  loop.start();
  return { cluster, stop: () => loop.stop() };
}

/** Resolves when `pred` holds for the store, or rejects after `ms` of real time. */
function until(store: Store, pred: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pred()) return resolve();
    const t = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const off = store.watch(() => {
      if (pred()) {
        clearTimeout(t);
        off();
        resolve();
      }
    });
  });
}

test("lifecycle: kubectl run → Running in about a second of sandbox time, watchable steps, graceful delete", async () => {
  const { cluster, stop } = makeCluster();
  try {
    const { store } = cluster;
    // Let the first pass over the seeded cluster finish (it runs once, when a sandbox is created).
    await new Promise((r) => setTimeout(r, 300));
    const steps: string[] = [];
    const off = store.watch((e: StoreEvent) => {
      if (e.ref.resource !== "pods" || e.object.metadata.name !== "web") return;
      const p = e.object;
      const s = p.status?.containerStatuses?.[0]?.state;
      const shown = e.type === "DELETED" ? "DELETED" : p.metadata.deletionTimestamp ? "Terminating" : (s?.waiting?.reason ?? p.status?.phase);
      if (steps[steps.length - 1] !== shown) steps.push(shown);
    });
    const started = performance.now();
    store.create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", labels: { run: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } });
    await until(store, () => store.get(R.pods, "default", "web")?.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True") ?? false, 5000, "pod Ready");
    const sandboxMs = (performance.now() - started) * scale;
    assert.ok(sandboxMs < 20_000, `Running after ${Math.round(sandboxMs)} sandbox ms`);
    const pod = store.mustGet(R.pods, "default", "web");
    assert.equal(pod.spec.restartPolicy, "Always", "the kinds' defaults apply");
    assert.match(pod.status.podIP, /^10\.244\.[12]\.\d+$/);

    // Graceful deletion as the API does it: deletionTimestamp + grace period, the kubelet finishes.
    const delStart = performance.now();
    store.mutate(R.pods, "default", "web", (o) => {
      o.metadata.deletionTimestamp = new Date(Date.now() + 30_000).toISOString().replace(/\.\d+Z$/, "Z");
      o.metadata.deletionGracePeriodSeconds = 30;
    });
    await until(store, () => !store.get(R.pods, "default", "web"), 5000, "pod gone");
    assert.ok((performance.now() - delStart) * scale < 20_000, "nginx-like pods stop fast");
    off();
    assert.deepEqual(steps, ["Pending", "ContainerCreating", "Running", "Terminating", "DELETED"]);
    const reasons = store
      .list(R.events)
      .filter((e) => e.involvedObject.name === "web")
      .map((e) => e.reason);
    assert.deepEqual([...new Set(reasons)].sort(), ["Created", "Killing", "Pulled", "Pulling", "Scheduled", "Started"]);
  } finally {
    stop();
  }
});

test("lifecycle: startControllers with the image catalogue and prober: a Deployment with a readiness probe rolls out", async () => {
  const store = new Store({ strategyFor });
  const clock = createClock(scale);
  const cluster: Cluster = {
    id: "lifecycle-2",
    store,
    clock,
    kinds: kindRegistry,
    runtime: createRuntime(),
    network: undefined as never,
    events: createEventRecorder(store, clock),
    close: () => {},
  };
  seedCluster(cluster, { caCert: "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n" });
  const stop = startControllers(cluster);
  try {
    store.create(R.deployments, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1 } }] },
        },
      },
    });
    const done = () => {
      const d = store.get(R.deployments, "default", "web");
      return d?.status?.availableReplicas === 2 && d.status.conditions?.some((c: any) => c.type === "Progressing" && c.reason === "NewReplicaSetAvailable");
    };
    await until(store, () => !!done(), 10_000, "deployment rolled out");
    const pods = store.list(R.pods, "default");
    assert.equal(pods.length, 2);
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ["kind-worker", "kind-worker2"]);
    assert.equal(store.mustGet(R.configmaps, "default", "kube-root-ca.crt").data["ca.crt"].startsWith("-----BEGIN CERTIFICATE-----"), true);
  } finally {
    stop();
  }
});
