// Policy evaluation cost as the cluster grows: a store with N pods and M NetworkPolicies spread
// over namespaces, then many pod → pod verdicts. `npm run bench` (scripts/bench.ts) prints the
// result; the target is well under a millisecond per verdict at 100 policies × 300 pods.
import { Store } from "../store/store";
import { buildSnapshot, refs } from "./snapshot";
import { evaluatePolicy } from "./policy";
import type { Protocol } from "./types";

export interface PolicyBenchResult {
  pods: number;
  policies: number;
  verdicts: number;
  /** Building the indexed snapshot (once per change of pods/policies/...). */
  snapshotMs: number;
  /** Mean time per verdict with a cold per-pod selection cache (first verdicts after a change). */
  coldMsPerVerdict: number;
  /** Mean time per verdict once the selection cache is warm. */
  msPerVerdict: number;
  allowed: number;
}

/** Deterministic pseudo-random numbers (so runs are comparable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function benchPolicyVerdicts(opts: { pods?: number; policies?: number; namespaces?: number; verdicts?: number } = {}): PolicyBenchResult {
  const podCount = opts.pods ?? 300;
  const policyCount = opts.policies ?? 100;
  const nsCount = opts.namespaces ?? 10;
  const verdicts = opts.verdicts ?? 20000;
  const rnd = lcg(42);
  const store = new Store();
  for (let n = 0; n < nsCount; n++) store.create(refs.namespaces, { metadata: { name: `ns-${n}`, labels: { team: `team-${n % 3}` } } });
  const ips: { ns: string; name: string; ip: string }[] = [];
  for (let i = 0; i < podCount; i++) {
    const ns = `ns-${i % nsCount}`;
    const ip = `10.244.${i % 3}.${Math.floor(i / 3) + 2}`;
    store.create(refs.pods, {
      metadata: { name: `pod-${i}`, namespace: ns, labels: { app: `app-${i % 10}`, tier: i % 2 ? "backend" : "frontend" } },
      spec: { nodeName: "kind-worker", containers: [{ name: "c", ports: [{ name: "http", containerPort: 8080 }] }] },
      status: { phase: "Running", podIP: ip, podIPs: [{ ip }] },
    });
    ips.push({ ns, name: `pod-${i}`, ip });
  }
  for (let p = 0; p < policyCount; p++) {
    const ns = `ns-${p % nsCount}`;
    const kind = p % 4;
    const spec =
      kind === 0
        ? { podSelector: { matchLabels: { app: `app-${p % 10}` } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { tier: "frontend" } } }], ports: [{ port: 8080 }] }] }
        : kind === 1
          ? { podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["backend"] }] }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `team-${p % 3}` } }, podSelector: { matchLabels: { app: `app-${(p + 1) % 10}` } } }], ports: [{ port: "http" }] }] }
          : kind === 2
            ? { podSelector: { matchLabels: { app: `app-${p % 10}` } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.244.0.0/16", except: [`10.244.${p % 3}.0/24`] } }], ports: [{ port: 8000, endPort: 8100 }] }] }
            : { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ namespaceSelector: {} }] }], egress: [{}] };
    store.create(refs.networkpolicies, { metadata: { name: `policy-${p}`, namespace: ns }, spec });
  }
  const protocol: Protocol = "TCP";
  const pairs = Array.from({ length: verdicts }, () => [ips[Math.floor(rnd() * ips.length)].ip, ips[Math.floor(rnd() * ips.length)].ip]);

  let t = performance.now();
  const snap = buildSnapshot(store);
  const snapshotMs = performance.now() - t;
  const endpoint = (ip: string) => ({ ip, pod: snap.podByIP.get(ip) });

  const coldCount = Math.min(podCount, verdicts);
  t = performance.now();
  for (let i = 0; i < coldCount; i++) evaluatePolicy(snap, endpoint(ips[i].ip), endpoint(ips[(i + 1) % ips.length].ip), 8080, protocol);
  const coldMsPerVerdict = (performance.now() - t) / coldCount;

  let allowed = 0;
  t = performance.now();
  for (const [a, b] of pairs) if (evaluatePolicy(snap, endpoint(a), endpoint(b), 8080, protocol).allowed) allowed++;
  const msPerVerdict = (performance.now() - t) / verdicts;
  return { pods: podCount, policies: policyCount, verdicts, snapshotMs, coldMsPerVerdict, msPerVerdict, allowed };
}

/** One line per size, for the bench script's report. */
export function policyBenchReport(): string[] {
  const sizes: [number, number][] = [[30, 10], [100, 30], [300, 100], [1000, 300]];
  return sizes.map(([pods, policies]) => {
    const r = benchPolicyVerdicts({ pods, policies });
    return `NetworkPolicy verdict: ${String(r.pods).padStart(4)} pods × ${String(r.policies).padStart(3)} policies: ${(r.msPerVerdict * 1000).toFixed(1)} µs/verdict warm, ${(r.coldMsPerVerdict * 1000).toFixed(1)} µs cold, snapshot ${r.snapshotMs.toFixed(1)} ms`;
  });
}
