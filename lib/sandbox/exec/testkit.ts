// Test-only helpers for exec/ and images/ tests (never used by the product path): a Network with
// scripted verdicts, a tiny Runtime, a clock that records how long tools waited, pods, and a
// one-call way to run a command in a container of a given image.
import type { Clock } from "../clock";
import { createClock } from "../clock";
import { Store } from "../store/store";
import type { Cluster } from "../cluster";
import type { K8sObject } from "../types";
import type { ConnectRequest, ConnectResult, DnsResult, DnsType, HttpResult, Network, Outcome, Protocol, Source } from "../network/types";
import type { ContainerProcess, HttpRequest, HttpResponse, ImageProfile } from "../images/types";
import type { ContainerRuntimeState, Runtime } from "../runtime/types";
import { lookupImage } from "../images";
import { buildSystem } from "./system";
import { runExternal } from "./runner";
import { Collector, Input } from "./shell/io";

/** A clock that runs waits fast and adds up the sandbox time tools asked to wait. */
export class RecordingClock implements Clock {
  waitedMs = 0;
  private readonly inner: Clock;
  constructor(readonly scale = 20_000) {
    this.inner = createClock(scale);
  }
  now(): Date {
    return new Date("2026-11-27T06:30:00Z");
  }
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    this.waitedMs += ms;
    return this.inner.sleep(ms, signal);
  }
  after(ms: number, fn: () => void): () => void {
    return this.inner.after(ms, fn);
  }
}

export type DnsEntry = string[] | "NXDOMAIN" | "timeout" | { cname: string };

export interface Scenario {
  /** Fully-qualified names (no trailing dot) → answer. */
  dns?: Record<string, DnsEntry>;
  /** Every DNS query times out (egress to kube-dns blocked). */
  dnsBlocked?: boolean;
  /** "ip:port/PROTO" → outcome; anything else is refused. */
  connect?: Record<string, Outcome>;
  /** HTTP answers for connected TCP targets; undefined = a non-HTTP listener. */
  http?: (ip: string, port: number, req: HttpRequest) => HttpResponse | undefined;
  /** ICMP: ip → outcome of explain(…, 0, "TCP"). */
  icmp?: Record<string, Outcome>;
}

/** A Network whose verdicts are a table: the exec tools' tests decide every outcome. */
export class ScriptedNetwork implements Network {
  readonly connects: ConnectRequest[] = [];
  constructor(private readonly s: Scenario) {}

  resolve(from: Source, name: string, type: DnsType = "A"): DnsResult {
    const ns = "pod" in from ? (from.pod.metadata.namespace ?? "default") : "default";
    const server = "10.96.0.10";
    const candidates = name.endsWith(".") ? [name.slice(0, -1)] : name.split(".").length - 1 >= 5 ? [name] : [`${name}.${ns}.svc.cluster.local`, `${name}.svc.cluster.local`, `${name}.cluster.local`, name];
    const tried: string[] = [];
    if (this.s.dnsBlocked) return { rcode: "timeout", name, answers: [], server, tried: candidates };
    for (const c of candidates) {
      tried.push(c);
      const e = this.s.dns?.[c];
      if (e === undefined || e === "NXDOMAIN") continue;
      if (e === "timeout") return { rcode: "timeout", name: c, answers: [], server, tried };
      if (Array.isArray(e)) return { rcode: "NOERROR", name: c, answers: type === "A" ? e.map((ip) => ({ name: c, type: "A" as const, ttl: 30, data: ip })) : [], server, tried };
      const target = this.s.dns?.[e.cname];
      const answers = [{ name: c, type: "CNAME" as const, ttl: 30, data: e.cname }, ...(Array.isArray(target) ? target.map((ip) => ({ name: e.cname, type: "A" as const, ttl: 30, data: ip })) : [])];
      return { rcode: "NOERROR", name: c, answers, server, tried };
    }
    return { rcode: "NXDOMAIN", name, answers: [], server, tried };
  }

  private outcome(to: string, port: number, protocol: Protocol): Outcome {
    return this.s.connect?.[`${to}:${port}/${protocol}`] ?? "refused";
  }

  connect(req: ConnectRequest): ConnectResult {
    this.connects.push(req);
    const outcome = this.outcome(req.to, req.port, req.protocol);
    return { outcome, target: { ip: req.to, port: req.port }, reason: `scripted ${outcome}` };
  }

  async http(from: Source, to: string, port: number, req: HttpRequest): Promise<HttpResult> {
    const connect = this.connect({ from, to, port, protocol: "TCP" });
    if (connect.outcome !== "connected") return { connect };
    return { connect, response: this.s.http?.(to, port, req) };
  }

  explain(_from: Source, to: string, port: number, protocol: Protocol): ConnectResult {
    if (port === 0) return { outcome: this.s.icmp?.[to] ?? "timeout", reason: "scripted icmp" };
    return { outcome: this.outcome(to, port, protocol), reason: "scripted" };
  }
}

export function okText(body: string, status = 200, statusText = "OK"): HttpResponse {
  return { status, statusText, headers: { "Content-Type": "text/plain", "Content-Length": String(Buffer.byteLength(body)) }, body };
}

export function makePod(o: { name?: string; namespace?: string; ip?: string; image?: string; container?: Record<string, unknown>; spec?: Record<string, unknown> } = {}): K8sObject {
  const name = o.name ?? "client";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: o.namespace ?? "default", uid: `uid-${name}`, labels: { app: name } },
    spec: { nodeName: "kind-worker", containers: [{ name: "main", image: o.image ?? "busybox", ...(o.container ?? {}) }], ...(o.spec ?? {}) },
    status: { phase: "Running", podIP: o.ip ?? "10.244.1.5", hostIP: "10.89.0.3" },
  };
}

export function makeService(name: string, ip: string, ports: { port: number; name?: string; protocol?: string }[], namespace = "default"): K8sObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { clusterIP: ip, ports } };
}

/** A Runtime holding the containers tests start. */
export class TestRuntime implements Runtime {
  readonly states = new Map<string, ContainerRuntimeState>();
  container(podUid: string, name: string) {
    return this.states.get(`${podUid}/${name}`);
  }
  containers(podUid: string) {
    return [...this.states.values()].filter((s) => s.podUid === podUid);
  }
  log(podUid: string, container: string, line: string) {
    this.states.get(`${podUid}/${container}`)?.logs.push(line);
  }
  add(pod: K8sObject, container: string, image: string, profile: ImageProfile | undefined, process: ContainerProcess | undefined): ContainerRuntimeState {
    const st: ContainerRuntimeState = { podUid: pod.metadata.uid!, name: container, image, profile, process, restartCount: 0, ready: true, logs: [], previousLogs: [], followers: new Set() };
    this.states.set(`${pod.metadata.uid}/${container}`, st);
    return st;
  }
}

export interface TestCluster extends Cluster {
  runtime: TestRuntime;
  clock: RecordingClock;
  network: Network;
}

export function testCluster(scenario: Scenario = {}, objects: K8sObject[] = []): TestCluster {
  const store = new Store();
  for (const o of objects) store.create({ group: "", resource: o.kind === "Service" ? "services" : o.kind === "ConfigMap" ? "configmaps" : o.kind === "Secret" ? "secrets" : "pods" }, o);
  return {
    id: "test",
    store,
    clock: new RecordingClock(),
    kinds: undefined as never,
    runtime: new TestRuntime(),
    network: new ScriptedNetwork(scenario),
    events: { record() {} },
    close() {},
  };
}

/** Starts a pod's container from its image profile, the way the kubelet does, with the cluster. */
export function startContainer(cluster: TestCluster, pod: K8sObject, container = "main"): ContainerRuntimeState {
  const spec = pod.spec.containers.find((c: any) => c.name === container);
  const profile = lookupImage(spec.image);
  if (!profile) throw new Error(`unknown image ${spec.image}`);
  const st = cluster.runtime.add(pod, container, spec.image, profile, undefined);
  st.process = profile.start({ pod, container: spec, clock: cluster.clock, log: (l) => st.logs.push(l), hostname: pod.spec?.hostname ?? pod.metadata.name!, podIP: pod.status.podIP, cluster });
  return st;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  waitedMs: number;
}

/** Runs argv in a container of `image` (no kubelet: the tools, the shell, the scripted network). */
export async function runIn(image: string, argv: string[], scenario: Scenario = {}, opts: { stdin?: string; pod?: K8sObject; objects?: K8sObject[] } = {}): Promise<RunResult> {
  const cluster = testCluster(scenario, opts.objects);
  const pod = opts.pod ?? makePod({ image });
  const profile = lookupImage(image);
  if (!profile) throw new Error(`unknown image ${image}`);
  const sys = buildSystem(cluster, pod, "main", profile, { files: new Map() });
  const out = new Collector();
  const err = new Collector();
  const code = await runExternal({ argv, stdin: opts.stdin === undefined ? Input.empty() : Input.fromString(opts.stdin), stdout: out, stderr: err, env: sys.env, cwd: profile.workdir ?? "/", signal: new AbortController().signal, sys, tty: false });
  return { stdout: out.text, stderr: err.text, code, waitedMs: cluster.clock.waitedMs };
}
