// Test helpers for the controllers (used only by *.test.ts): a controllable clock, a context over
// a plain Store, hand-made image profiles, and a loop that runs until nothing is left to do.
import type { Clock } from "../clock";
import type { ContainerProcess, ImageProfile } from "../images/types";
import { createRuntime } from "../runtime/runtime";
import { Store } from "../store/store";
import type { K8sObject } from "../types";
import { createEventRecorder } from "./events";
import { ControllerLoop, type Controller, type ControllerContext, type ProbeRunner } from "./loop";

export interface ManualClock extends Clock {
  /** Sandbox ms since the clock was made. */
  t: number;
  advance(ms: number): void;
}

/** Timestamps move with the manual time, so conditions and minReadySeconds see it pass. */
export function manualClock(start = Date.parse("2026-11-27T08:00:00Z")): ManualClock {
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  const c: ManualClock = {
    t: 0,
    scale: 1,
    now: () => new Date(start + c.t),
    sleep: (ms) => new Promise((resolve) => c.after(ms, () => resolve(true))),
    after(ms, fn) {
      const id = ++seq;
      timers.push({ at: c.t + ms, fn, id });
      return () => {
        const i = timers.findIndex((x) => x.id === id);
        if (i >= 0) timers.splice(i, 1);
      };
    },
    advance(ms) {
      const end = c.t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        c.t = Math.max(c.t, next.at);
        next.fn();
      }
      c.t = end;
    },
  };
  return c;
}

/** What test HTTP servers answer (tests flip it to make probes fail). */
export const testHttp = { status: 200 };

/** A profile: serves HTTP on `ports` (answering testHttp.status), or exits with `exit` after some time. */
export function profile(repository: string, opts: { ports?: number[]; exit?: { code: number; afterMs: number }; logs?: string[] } = {}): ImageProfile {
  return {
    repository,
    tools: ["sh"],
    shell: "sh",
    digest: `sha256:${"ab".repeat(32)}`,
    start(ctx): ContainerProcess {
      ctx.log(`started ${ctx.container.name}`);
      return {
        listeners: (opts.ports ?? []).map((port) => ({ port, protocol: "TCP", kind: "http" })),
        handleHttp: () => ({ status: testHttp.status, statusText: "", headers: {}, body: "" }),
        exit: opts.exit,
        startupLogs: opts.logs ?? [],
      };
    },
  };
}

export const testImages: Record<string, ImageProfile> = {
  "docker.io/library/nginx": profile("docker.io/library/nginx", { ports: [80], logs: ["/docker-entrypoint.sh: Configuration complete; ready for start up"] }),
  "docker.io/library/busybox": profile("docker.io/library/busybox", { exit: { code: 0, afterMs: 0 } }),
  "docker.io/library/crash": profile("docker.io/library/crash", { exit: { code: 1, afterMs: 500 } }),
};

export function lookupTestImage(image: string): ImageProfile | undefined {
  let repo = image.split("@")[0];
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) repo = repo.slice(0, colon);
  if (!repo.includes("/")) repo = `docker.io/library/${repo}`;
  return testImages[repo];
}

export interface Harness {
  store: Store;
  clock: ManualClock;
  ctx: ControllerContext;
  loop: ControllerLoop;
  /** Runs queued reconciles until the queue is empty (or a runaway is detected). */
  settle(): void;
  /** Advances sandbox time in steps, settling after each. */
  run(ms: number, step?: number): void;
  events(): K8sObject[];
}

export function harness(controllers: Controller[], opts: { probe?: ProbeRunner; store?: Store } = {}): Harness {
  const store = opts.store ?? new Store();
  const clock = manualClock();
  const runtime = createRuntime();
  const events = createEventRecorder(store, clock);
  const ctx: ControllerContext = {
    store,
    clock,
    events,
    runtime,
    ms: () => clock.t,
    lookupImage: lookupTestImage,
    probe: opts.probe,
    enqueue: () => {},
    caCert: () => "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n",
    addons: [],
  };
  const loop = new ControllerLoop(ctx, controllers, () => {});
  const settle = () => {
    let total = 0;
    while (loop.pending) {
      total += loop.flush(1000);
      if (total > 20000) throw new Error("controllers do not settle (a reconcile keeps writing)");
    }
  };
  return {
    store,
    clock,
    ctx,
    loop,
    settle,
    run(ms, step = 100) {
      settle();
      for (let t = 0; t < ms; t += step) {
        clock.advance(step);
        settle();
      }
    },
    events: () => store.list({ group: "", resource: "events" }),
  };
}

export const node = (name: string, ip: string, cidr: string, extra: { taints?: any[]; labels?: Record<string, string>; unschedulable?: boolean } = {}): K8sObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, labels: { "kubernetes.io/hostname": name, ...(extra.labels ?? {}) } },
  spec: { podCIDR: cidr, podCIDRs: [cidr], ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}) },
  status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }], allocatable: { cpu: "4", memory: "16Gi", pods: "110" } },
});

export const threeNodes = (): K8sObject[] => [
  node("kind-control-plane", "10.89.0.2", "10.244.0.0/24", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }], labels: { "node-role.kubernetes.io/control-plane": "" } }),
  node("kind-worker", "10.89.0.3", "10.244.1.0/24"),
  node("kind-worker2", "10.89.0.4", "10.244.2.0/24"),
];

export const pod = (name: string, spec: any, meta: Partial<K8sObject["metadata"]> = {}): K8sObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", ...meta },
  spec: { restartPolicy: "Always", terminationGracePeriodSeconds: 30, ...spec },
  status: { phase: "Pending" },
});
