// connectivity checks: a matrix of sources × destinations, each expected allowed or denied,
// probed from the grader's own pods with `/agnhost connect` (as the upstream NetworkPolicy e2e
// tests do) or, for Ingress, an HTTP request through the ingress controller. Denied traffic
// times out; a refused connection means the traffic got through but nothing listens there.
import type { ConnectivityCheck, Destination, Probe } from "../labs/schema";
import { kubectl, type KubectlTarget } from "../labs/kubectl";
import type { CheckResult, MatrixCell } from "./types";
import { probePodName } from "./probes";
import { clusterObjects, explainMatrix } from "./explain";
import type { K8sObject } from "../sandbox/types";

type Outcome = Pick<CheckResult, "status" | "message" | "details" | "matrix">;

/** The ingress-nginx controller's Service, where Ingress destinations are sent. */
export const INGRESS_SERVICE = "ingress-nginx-controller.ingress-nginx.svc.cluster.local";

/** agnhost connect prints TIMEOUT, REFUSED, DNS: ... or OTHER: ... and exits 1 when it cannot connect. */
export function classifyConnect(exitCode: number, output: string): MatrixCell["observed"] {
  if (exitCode === 0) return "connected";
  if (/TIMEOUT/.test(output)) return "timeout";
  if (/REFUSED/.test(output)) return "refused";
  if (/^DNS/m.test(output)) return "dns";
  return "error";
}

const podIP = (objects: K8sObject[], p: Probe): string | undefined =>
  objects.find((o) => o.kind === "Pod" && o.metadata.name === probePodName(p) && o.metadata.namespace === p.namespace)?.status?.podIP || undefined;

function describe(d: Destination): string {
  if (d.service) return `${d.service}:${d.port}`;
  if (d.probe) return `${d.probe}:${d.port}`;
  if (d.host) return `${d.host}:${d.port}`;
  return `ingress ${d.ingress!.host ?? "*"}${d.ingress!.path}`;
}

/** Runs `fn` over items with at most `n` at once (probes are kubectl processes). */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function probeOne(target: KubectlTarget, c: ConnectivityCheck, src: Probe, d: Destination, probes: Probe[], objects: K8sObject[]): Promise<{ observed: MatrixCell["observed"]; note?: string }> {
  const exec = (argv: string[]) =>
    kubectl(target, ["exec", "-n", src.namespace, probePodName(src), "-c", "agnhost", "--", ...argv], { timeoutMs: (c.timeoutSeconds + 20) * 1000 });
  if (d.ingress) {
    const r = await exec(["curl", "-sS", "-m", String(c.timeoutSeconds), "-H", `Host: ${d.ingress.host ?? "unknown.invalid"}`, "-w", "\n%{http_code}", `http://${INGRESS_SERVICE}${d.ingress.path}`]);
    if (r.exitCode === 28) return { observed: "timeout" };
    if (r.exitCode === 7) return { observed: "refused" };
    if (r.exitCode !== 0) return { observed: "error", note: r.stderr.trim() };
    const lines = r.stdout.trimEnd().split("\n");
    const code = Number(lines.pop());
    const body = lines.join("\n");
    if (code >= 200 && code < 400 && (!d.ingress.expectText || body.includes(d.ingress.expectText))) return { observed: "connected", note: `HTTP ${code}` };
    return { observed: "refused", note: d.ingress.expectText && code < 400 ? `HTTP ${code} from a different backend` : `HTTP ${code}` };
  }
  const host = hostFor(d, probes, objects);
  if (!host) return { observed: "error", note: `the grader's probe pod ${probePodName(probes.find((x) => x.id === d.probe)!)} has no IP` };
  const r = await exec(["/agnhost", "connect", `${host}:${d.port}`, `--timeout=${c.timeoutSeconds}s`, `--protocol=${d.protocol.toLowerCase()}`]);
  if (r.exitCode !== 0 && /\(NotFound\)|unable to upgrade|container not found/.test(r.stderr)) return { observed: "error", note: `probe pod ${probePodName(src)} is not available` };
  return { observed: classifyConnect(r.exitCode, r.stdout + r.stderr) };
}

const observedText: Record<MatrixCell["observed"], string> = {
  connected: "was allowed",
  refused: "reached its destination, but nothing accepted the connection",
  timeout: "was blocked (the connection timed out)",
  dns: "failed because the name did not resolve",
  error: "could not be probed",
};

/** The host a probe connects to: a Service's DNS name, a probe pod's IP, or an outside host. */
function hostFor(d: Destination, probes: Probe[], objects: K8sObject[]): string | undefined {
  if (d.service) return `${d.service}.${d.namespace}.svc.cluster.local`;
  if (d.probe) return podIP(objects, probes.find((x) => x.id === d.probe)!);
  return d.host;
}

/**
 * All of one source's TCP/UDP/SCTP probes in a single `kubectl exec`: each `/agnhost connect` runs in
 * the background with its output in its own file, then the files are printed between markers. One
 * exec per source instead of one per cell, with the probes still running side by side.
 */
async function probeSource(target: KubectlTarget, c: ConnectivityCheck, src: Probe, dests: Destination[], probes: Probe[], objects: K8sObject[]): Promise<{ observed: MatrixCell["observed"]; note?: string }[] | undefined> {
  const hosts = dests.map((d) => hostFor(d, probes, objects));
  if (hosts.some((h) => !h)) return undefined;
  const quote = (x: string) => `'${x.replace(/'/g, "'\\''")}'`;
  const script = [
    ...dests.map((d, i) => `(/agnhost connect ${quote(`${hosts[i]}:${d.port}`)} --timeout=${c.timeoutSeconds}s --protocol=${d.protocol.toLowerCase()}; echo "@@rc=$?") >/tmp/.grader-probe-${i} 2>&1 &`),
    "wait",
    ...dests.map((_, i) => `echo "@@probe ${i}"; cat /tmp/.grader-probe-${i}; rm -f /tmp/.grader-probe-${i}`),
  ].join("\n");
  const r = await kubectl(target, ["exec", "-n", src.namespace, probePodName(src), "-c", "agnhost", "--", "sh", "-c", script], { timeoutMs: (c.timeoutSeconds + 20) * 1000 });
  const sections = r.stdout.split(/^@@probe (\d+)\n/m);
  const out: { observed: MatrixCell["observed"]; note?: string }[] = [];
  for (let i = 0; i < dests.length; i++) {
    const at = sections.indexOf(String(i));
    const text = at >= 0 ? sections[at + 1] ?? "" : "";
    const rc = /@@rc=(\d+)/.exec(text);
    if (!rc) return undefined;
    out.push({ observed: classifyConnect(Number(rc[1]), text.replace(/@@rc=\d+\n?/, "")) });
  }
  return out;
}

export async function checkConnectivity(target: KubectlTarget, c: ConnectivityCheck, probes: Probe[]): Promise<Outcome> {
  const pairs = c.sources.flatMap((s) => c.destinations.map((d) => ({ s, d })));
  // One read of the cluster serves the probes' addresses and the explanations.
  const objects = await clusterObjects(target);
  if (!objects) return { status: "error", message: "the grader could not read the cluster's pods and policies" };
  const results: { observed: MatrixCell["observed"]; note?: string }[] = new Array(pairs.length);
  const batchable = c.destinations.filter((d) => !d.ingress);
  await Promise.all(
    c.sources.map(async (s) => {
      const src = probes.find((p) => p.id === s)!;
      const batch = batchable.length > 1 ? await probeSource(target, c, src, batchable, probes, objects) : undefined;
      await pool(c.destinations, 9, async (d) => {
        const i = pairs.findIndex((p) => p.s === s && p.d === d);
        const j = batchable.indexOf(d);
        results[i] = batch && j >= 0 ? batch[j] : await probeOne(target, c, src, d, probes, objects);
      });
    }),
  );
  const matrix: MatrixCell[] = pairs.map(({ s, d }, i) => {
    const expected = c.expect[s][d.id];
    const { observed } = results[i];
    // Ingress paths are about routing: "denied" means the request is not routed there (404, or blocked).
    const ok = observed === "error" ? false : expected === "allowed" ? observed === "connected" : d.ingress ? observed !== "connected" : observed === "timeout";
    return { source: s, destination: d.id, expected, observed, ok };
  });
  if (matrix.some((m) => m.observed === "error")) {
    const broken = pairs.map((p, i) => ({ ...p, r: results[i] })).filter((x) => x.r.observed === "error");
    return { status: "error", message: `the grader could not probe ${broken.length} path(s): ${broken[0].r.note ?? "probe failed"}`, matrix };
  }
  // Explanations cost one more kubectl read; every cell gets one so the matrix view can show why.
  explainMatrix(objects, c, probes, matrix);
  const wrong = matrix.filter((m) => !m.ok);
  const details = wrong.map((m, _i) => {
    const d = c.destinations.find((x) => x.id === m.destination)!;
    return `${m.source} → ${describe(d)} ${observedText[m.observed]}, but the task expects it ${m.expected}${m.explanation ? `. ${m.explanation}` : ""}`;
  });
  if (wrong.length) return { status: "failed", message: details[0] + (wrong.length > 1 ? ` (and ${wrong.length - 1} more)` : ""), details, matrix };
  return { status: "passed", message: `all ${matrix.length} paths behave as the task expects`, matrix };
}
