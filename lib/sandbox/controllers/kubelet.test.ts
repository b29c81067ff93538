import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, pod, testHttp, threeNodes, type Harness } from "./testkit";
import { scheduler } from "./scheduler";
import { kubelet, backoffMs } from "./kubelet";
import { R } from "./refs";
import type { ProbeRunner } from "./loop";

function cluster(probe?: ProbeRunner): Harness {
  const h = harness([scheduler, kubelet], { probe });
  for (const n of threeNodes()) h.store.create(R.nodes, n);
  h.loop.start();
  return h;
}

const get = (h: Harness, name = "web") => h.store.get(R.pods, "default", name);
const cstatus = (h: Harness, name = "web") => get(h, name)?.status?.containerStatuses?.[0];
const reasons = (h: Harness, name = "web") =>
  h
    .events()
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))
    .map((e) => e.reason);
/** What `kubectl get pods` shows in STATUS, reduced: waiting reason, else phase. */
const shown = (h: Harness, name = "web") => {
  const p = get(h, name);
  if (!p) return "(gone)";
  if (p.metadata.deletionTimestamp) return "Terminating";
  const s = p.status?.containerStatuses?.[0]?.state;
  return s?.waiting?.reason ?? (s?.terminated ? s.terminated.reason : p.status?.phase);
};

test("kubelet: Pending → ContainerCreating → Running with status and events", () => {
  const h = cluster();
  h.store.create(R.pods, pod("web", { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }] }, { labels: { run: "web" } }));
  h.settle();
  const seen: string[] = [shown(h)];
  for (let i = 0; i < 30; i++) {
    h.clock.advance(100);
    h.settle();
    if (seen[seen.length - 1] !== shown(h)) seen.push(shown(h));
  }
  assert.deepEqual(seen, ["ContainerCreating", "Running"]);
  const p = get(h)!;
  assert.equal(p.spec.nodeName, "kind-worker");
  assert.equal(p.status.podIP, "10.244.1.2");
  assert.deepEqual(p.status.podIPs, [{ ip: "10.244.1.2" }]);
  assert.equal(p.status.hostIP, "10.89.0.3");
  assert.equal(p.status.qosClass, "BestEffort");
  assert.deepEqual(
    p.status.conditions.map((c: any) => `${c.type}=${c.status}`),
    ["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"],
  );
  const cs = p.status.containerStatuses[0];
  assert.equal(cs.ready, true);
  assert.equal(cs.started, true);
  assert.equal(cs.image, "docker.io/library/nginx:latest");
  assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.ok(cs.state.running.startedAt);
  assert.deepEqual(reasons(h), ["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
  const pulled = h.events().find((e) => e.reason === "Pulled")!;
  assert.match(pulled.message, /^Successfully pulled image "nginx" in \d+ms \(\d+ms including waiting\)\. Image size: \d+ bytes\.$/);
  assert.equal(pulled.source.host, "kind-worker");
  assert.equal(pulled.involvedObject.fieldPath, "spec.containers{web}");
  assert.equal(h.events().find((e) => e.reason === "Created")!.message, "Created container: web");
  assert.equal(h.events().find((e) => e.reason === "Started")!.message, "Started container web");
  assert.deepEqual(h.ctx.runtime.container(p.metadata.uid!, "web")!.logs, ["started web", "/docker-entrypoint.sh: Configuration complete; ready for start up"]);

  // A second pod on the same node finds the image present (IfNotPresent with a tag) and gets the next IP.
  h.store.create(R.pods, pod("two", { nodeName: "kind-worker", containers: [{ name: "two", image: "nginx:latest", imagePullPolicy: "IfNotPresent" }] }));
  h.run(2000);
  assert.equal(get(h, "two")!.status.podIP, "10.244.1.3");
  assert.equal(h.events().find((e) => e.involvedObject.name === "two" && e.reason === "Pulled")!.message, 'Container image "nginx:latest" already present on machine');
});

test("kubelet: unknown image goes ErrImagePull then ImagePullBackOff with upstream events", () => {
  const h = cluster();
  h.store.create(R.pods, pod("web", { containers: [{ name: "web", image: "nginx-typo:1.0" }] }));
  const seen: string[] = [];
  for (let i = 0; i < 100; i++) {
    h.clock.advance(100);
    h.settle();
    if (seen[seen.length - 1] !== shown(h)) seen.push(shown(h));
  }
  assert.deepEqual(seen, ["ContainerCreating", "ErrImagePull", "ImagePullBackOff"]);
  const msgs = h.events().filter((e) => e.reason === "Failed").map((e) => e.message);
  assert.ok(msgs.some((m) => m.startsWith('Failed to pull image "nginx-typo:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx-typo:1.0"')), msgs.join("\n"));
  assert.ok(msgs.includes("Error: ErrImagePull") && msgs.includes("Error: ImagePullBackOff"));
  assert.match(cstatus(h).state.waiting.message, /^Back-off pulling image "nginx-typo:1\.0": ErrImagePull: rpc error/);
  assert.equal(get(h)!.status.phase, "Pending");
});

test("kubelet: restartPolicy decides what an exiting container does", () => {
  const table: { policy: string; image: string; want: { phase: string; shown: string; restarts: (n: number) => boolean } }[] = [
    { policy: "Never", image: "busybox", want: { phase: "Succeeded", shown: "Completed", restarts: (n) => n === 0 } },
    { policy: "Never", image: "crash", want: { phase: "Failed", shown: "Error", restarts: (n) => n === 0 } },
    { policy: "OnFailure", image: "busybox", want: { phase: "Succeeded", shown: "Completed", restarts: (n) => n === 0 } },
    { policy: "OnFailure", image: "crash", want: { phase: "Running", shown: "CrashLoopBackOff", restarts: (n) => n >= 2 } },
    { policy: "Always", image: "crash", want: { phase: "Running", shown: "CrashLoopBackOff", restarts: (n) => n >= 2 } },
    { policy: "Always", image: "busybox", want: { phase: "Running", shown: "CrashLoopBackOff", restarts: (n) => n >= 2 } },
  ];
  const wrong: string[] = [];
  for (const c of table) {
    const h = cluster();
    h.store.create(R.pods, pod("web", { restartPolicy: c.policy, containers: [{ name: "web", image: c.image }] }));
    h.run(45_000, 250);
    const p = get(h)!;
    const n = cstatus(h).restartCount;
    if (p.status.phase !== c.want.phase || shown(h) !== c.want.shown || !c.want.restarts(n)) wrong.push(`${c.policy}/${c.image}: phase ${p.status.phase}, shown ${shown(h)}, restarts ${n}`);
  }
  assert.deepEqual(wrong, []);
});

test("kubelet: CrashLoopBackOff backs off 10s, 20s, 40s ... capped at 5m", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(backoffMs), [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  const h = cluster();
  h.store.create(R.pods, pod("web", { containers: [{ name: "web", image: "crash" }] }));
  const restartsAt: number[] = [];
  let last = 0;
  for (let t = 0; t < 100_000; t += 250) {
    h.clock.advance(250);
    h.settle();
    const n = cstatus(h)?.restartCount ?? 0;
    if (n !== last) restartsAt.push(h.clock.t);
    last = n;
  }
  // Runs 0.5 s each: restart 1 at once, then after 10 s, 20 s, 40 s of back-off.
  const gaps = restartsAt.slice(1).map((t, i) => Math.round((t - restartsAt[i]) / 1000));
  assert.deepEqual(gaps.slice(0, 3), [11, 21, 41]);
  const cs = cstatus(h);
  assert.equal(cs.lastState.terminated.reason, "Error");
  assert.equal(cs.lastState.terminated.exitCode, 1);
  const backoff = h.events().find((e) => e.reason === "BackOff")!;
  assert.match(backoff.message, /^Back-off restarting failed container web in pod web_default\(/);
  assert.ok(backoff.count >= 2);
});

test("kubelet: graceful deletion stops containers with Killing events and removes the pod", () => {
  const table = [
    { name: "nginx-like stops at once", spec: { containers: [{ name: "web", image: "nginx" }] }, goneWithin: 1000 },
    { name: "sleep ignores SIGTERM and waits the grace period", spec: { terminationGracePeriodSeconds: 5, containers: [{ name: "web", image: "nginx", command: ["sleep", "3600"] }] }, goneWithin: 5500 },
    {
      name: "a preStop sleep delays the stop",
      spec: { terminationGracePeriodSeconds: 30, containers: [{ name: "web", image: "nginx", lifecycle: { preStop: { exec: { command: ["/bin/sh", "-c", "sleep 4"] } } } }] },
      goneWithin: 5000,
    },
  ];
  const wrong: string[] = [];
  for (const c of table) {
    const h = cluster();
    h.store.create(R.pods, pod("web", c.spec));
    h.run(3000);
    const p = get(h)!;
    const grace = p.spec.terminationGracePeriodSeconds;
    const start = h.clock.t;
    h.store.mutate(R.pods, "default", "web", (o) => {
      o.metadata.deletionTimestamp = new Date(h.clock.now().getTime() + grace * 1000).toISOString();
      o.metadata.deletionGracePeriodSeconds = grace;
    });
    while (get(h) && h.clock.t - start < 60_000) {
      h.clock.advance(100);
      h.settle();
    }
    const took = h.clock.t - start;
    if (get(h) || took > c.goneWithin || (c.goneWithin > 1000 && took < c.goneWithin - 1500)) wrong.push(`${c.name}: took ${took}ms`);
    if (!reasons(h).includes("Killing")) wrong.push(`${c.name}: no Killing event`);
    if (h.ctx.runtime.sandbox(p.metadata.uid!)) wrong.push(`${c.name}: sandbox left behind`);
  }
  assert.deepEqual(wrong, []);
});

test("kubelet: hostNetwork pods get the node IP; init containers run first", () => {
  const h = cluster();
  h.store.create(R.pods, pod("host", { hostNetwork: true, containers: [{ name: "host", image: "nginx" }] }));
  h.store.create(R.pods, pod("init", { initContainers: [{ name: "setup", image: "busybox" }], containers: [{ name: "init", image: "nginx" }] }));
  h.run(300, 50);
  assert.equal(get(h, "init")!.status.containerStatuses[0].state.waiting.reason, "PodInitializing");
  h.run(4000);
  assert.equal(get(h, "host")!.status.podIP, "10.89.0.3");
  const init = get(h, "init")!;
  assert.equal(init.status.phase, "Running");
  assert.equal(init.status.initContainerStatuses[0].state.terminated.reason, "Completed");
  assert.ok(init.status.containerStatuses[0].state.running);
});

test("kubelet: readiness and liveness probes", async () => {
  // httpGet probes are the kubelet's own (they answer with the server's status); the rest go to the runner.
  let healthy = false;
  const setHealthy = (v: boolean) => {
    healthy = v;
    testHttp.status = v ? 200 : 404;
  };
  setHealthy(false);
  const probe: ProbeRunner = async () => healthy;
  const h = cluster(probe);
  h.store.create(
    R.pods,
    pod("web", {
      containers: [
        {
          name: "web",
          image: "nginx",
          readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 1, failureThreshold: 1 },
          livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 1, failureThreshold: 3 },
        },
      ],
    }),
  );
  const tick = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      h.clock.advance(100);
      h.settle();
      await new Promise((r) => setImmediate(r));
      h.settle();
    }
  };
  await tick(3000);
  assert.equal(cstatus(h).state.running !== undefined, true);
  assert.equal(cstatus(h).ready, false);
  assert.equal(get(h)!.status.conditions.find((c: any) => c.type === "Ready").message, "containers with unready status: [web]");
  setHealthy(true);
  await tick(1500);
  assert.equal(cstatus(h).ready, true);
  setHealthy(false);
  await tick(6000);
  assert.ok(cstatus(h).restartCount >= 1, "liveness failures restart the container");
  const msgs = h.events().map((e) => `${e.reason}: ${e.message}`);
  assert.ok(msgs.includes("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404"), msgs.join("\n"));
  assert.ok(msgs.some((m) => /^Unhealthy: Liveness probe failed: dial tcp 10\.244\.1\.\d+:80: connect: connection refused$/.test(m)), msgs.join("\n"));
  assert.ok(msgs.includes("Killing: Container web failed liveness probe, will be restarted"));
  testHttp.status = 200;
});

test("kubelet: a changed container image restarts the container from the new image", () => {
  const h = cluster();
  h.store.create(R.pods, pod("web", { containers: [{ name: "web", image: "nginx:1.26" }] }));
  h.run(3000);
  const before = cstatus(h);
  h.store.mutate(R.pods, "default", "web", (p) => void (p.spec.containers[0].image = "nginx:1.27"));
  h.run(3000);
  const after = cstatus(h);
  assert.equal(after.image, "docker.io/library/nginx:1.27");
  assert.equal(after.restartCount, 1);
  assert.notEqual(after.containerID, before.containerID);
  assert.ok(after.state.running);
  assert.equal(after.lastState.terminated.reason, "Completed");
  const msgs = h.events().map((e) => `${e.reason}: ${e.message}`);
  assert.ok(msgs.includes("Killing: Container web definition changed, will be restarted"));
  assert.ok(msgs.includes('Pulling: Pulling image "nginx:1.27"'));
});

test("kubelet: a crashing container is seen as Error before CrashLoopBackOff, as `get pods -w` shows it", () => {
  const h = cluster();
  h.store.create(R.pods, pod("web", { containers: [{ name: "web", image: "crash" }] }));
  const seen: string[] = [];
  for (let i = 0; i < 150; i++) {
    h.clock.advance(100);
    h.settle();
    if (seen[seen.length - 1] !== shown(h)) seen.push(shown(h));
  }
  assert.deepEqual(seen.slice(0, 6), ["ContainerCreating", "Running", "Error", "Running", "Error", "CrashLoopBackOff"]);
});

test("kubelet: a process whose end is only known by running it (ContainerProcess.done) ends the container", async () => {
  const h = cluster();
  let finish!: (r: { code: number; reason?: string }) => void;
  h.ctx.lookupImage = (image) =>
    image === "script"
      ? { repository: "docker.io/library/script", tools: [], digest: `sha256:${"cd".repeat(32)}`, start: () => ({ listeners: [], startupLogs: [], done: new Promise((r) => (finish = r)) }) }
      : undefined;
  h.store.create(R.pods, pod("web", { restartPolicy: "Never", containers: [{ name: "web", image: "script" }] }));
  h.ctx.runtime.addImage("kind-worker", "docker.io/library/script:latest");
  h.run(3000);
  assert.equal(get(h)!.status.phase, "Running");
  finish({ code: 2 });
  await new Promise((r) => setImmediate(r));
  h.run(500);
  assert.equal(get(h)!.status.phase, "Failed");
  assert.deepEqual(cstatus(h).state.terminated.exitCode, 2);
  assert.equal(cstatus(h).state.terminated.reason, "Error");
});

test("kubelet: pods of a deleted node are removed (pod garbage collection)", () => {
  const h = cluster();
  h.store.create(R.pods, pod("web", { nodeName: "kind-worker2", containers: [{ name: "web", image: "nginx" }] }));
  h.run(2000);
  const uid = get(h)!.metadata.uid!;
  h.store.remove(R.nodes, undefined, "kind-worker2");
  h.settle();
  assert.equal(get(h), undefined);
  assert.equal(h.ctx.runtime.sandbox(uid), undefined);
});
