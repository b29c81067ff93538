// The grader's own pods in the learner's cluster. Each stands for a workload (it carries that
// workload's labels, so the learner's NetworkPolicies treat it like the real thing) and runs
// agnhost: `porter` answers HTTP on the probe's ports, and `/agnhost connect` probes from it.
// A probe the learner deleted is recreated before grading, so changing the probe cannot pass a check.
import { stringify } from "yaml";
import type { Probe } from "../labs/schema";
import { kubectl, errorLine, type KubectlTarget } from "../labs/kubectl";

export const PROBE_IMAGE = "registry.k8s.io/e2e-test-images/agnhost:2.53";
/** Marks the grader's pods, so endpoint checks can tell them from the learner's. */
export const PROBE_LABEL = "lab.kubenet.dev/probe";

export const probePodName = (p: Probe): string => `probe-${p.id}`;

export function probeManifest(p: Probe): string {
  return stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: probePodName(p), namespace: p.namespace, labels: { ...p.labels, [PROBE_LABEL]: p.id } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "agnhost",
          image: PROBE_IMAGE,
          args: ["porter"],
          env: p.ports.map((port) => ({ name: `SERVE_PORT_${port}`, value: probePodName(p) })),
          ports: p.ports.map((port) => ({ containerPort: port, protocol: "TCP" })),
        },
      ],
    },
  });
}

/** Creates missing probe pods and waits until every probe is Ready. Returns an error message or undefined. */
export async function ensureProbes(target: KubectlTarget, probes: Probe[], timeoutSeconds = 90): Promise<string | undefined> {
  if (probes.length === 0) return undefined;
  const missing: Probe[] = [];
  for (const p of probes) {
    const r = await kubectl(target, ["get", "pod", probePodName(p), "-n", p.namespace, "-o", "name"]);
    if (r.exitCode !== 0) missing.push(p);
  }
  if (missing.length) {
    const r = await kubectl(target, ["apply", "-f", "-"], { input: missing.map(probeManifest).join("---\n") });
    if (r.exitCode !== 0) return `could not create the grader's probe pods: ${errorLine(r)}`;
  }
  for (const ns of new Set(probes.map((p) => p.namespace))) {
    const r = await kubectl(target, ["wait", "--for=condition=Ready", "pod", "-l", PROBE_LABEL, "-n", ns, `--timeout=${timeoutSeconds}s`], {
      timeoutMs: (timeoutSeconds + 10) * 1000,
    });
    if (r.exitCode !== 0) return `the grader's probe pods in namespace ${ns} are not ready: ${errorLine(r)}`;
  }
  return undefined;
}
