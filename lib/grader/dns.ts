// dns checks: ask the cluster's DNS from a probe pod with `nslookup` (agnhost ships bind's
// dnsutils), and compare the answer with what the live cluster says the addresses should be.
import type { DnsCheck, Probe } from "../labs/schema";
import { errorLine, kubectl, type KubectlTarget } from "../labs/kubectl";
import type { CheckResult } from "./types";
import { PROBE_LABEL, probePodName } from "./probes";

type Outcome = Pick<CheckResult, "status" | "message">;

export interface NslookupAnswer {
  outcome: "answer" | "nxdomain" | "timeout" | "error";
  addresses: string[];
  text: string;
}

/** Reads bind's nslookup output: the addresses after "Name:", NXDOMAIN, or a timeout. */
export function parseNslookup(exitCode: number, out: string): NslookupAnswer {
  if (/NXDOMAIN/.test(out)) return { outcome: "nxdomain", addresses: [], text: out };
  if (/connection timed out|no servers could be reached/.test(out)) return { outcome: "timeout", addresses: [], text: out };
  const addresses: string[] = [];
  let afterName = false;
  for (const line of out.split("\n")) {
    if (/^Name:/.test(line)) afterName = true;
    const m = /^Address(?:\s+\d+)?:\s*([0-9a-fA-F:.]+)(?:#\d+)?\s*$/.exec(line.trim());
    if (afterName && m) addresses.push(m[1]);
  }
  if (exitCode === 0 && addresses.length) return { outcome: "answer", addresses, text: out };
  return { outcome: "error", addresses, text: out };
}

async function expectedAddresses(target: KubectlTarget, c: DnsCheck): Promise<string[] | string> {
  const a = c.addresses!;
  if (a.service) {
    const r = await kubectl(target, ["get", "service", a.service, "-n", a.namespace, "-o", "json"]);
    if (r.exitCode !== 0) return `Service ${a.service} in namespace ${a.namespace}: ${errorLine(r)}`;
    const svc = JSON.parse(r.stdout);
    return svc.spec?.clusterIP && svc.spec.clusterIP !== "None" ? [svc.spec.clusterIP] : [];
  }
  const sel = Object.entries(a.podsWithLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  const r = await kubectl(target, ["get", "pods", "-n", a.namespace, "-l", sel, "-o", "json"]);
  if (r.exitCode !== 0) return errorLine(r);
  return (JSON.parse(r.stdout).items ?? [])
    .filter((p: any) => !p.metadata.labels?.[PROBE_LABEL] && (p.status?.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True"))
    .map((p: any) => p.status.podIP as string)
    .filter(Boolean);
}

export async function checkDns(target: KubectlTarget, c: DnsCheck, probes: Probe[]): Promise<Outcome> {
  const probe = probes.find((p) => p.id === c.from)!;
  const r = await kubectl(target, ["exec", "-n", probe.namespace, probePodName(probe), "-c", "agnhost", "--", "nslookup", c.name], { timeoutMs: 30_000 });
  if (r.exitCode !== 0 && /\(NotFound\)|container not found|unable to upgrade/.test(r.stderr))
    return { status: "error", message: `the grader's probe pod ${probePodName(probe)} is not available: ${errorLine(r)}` };
  const ans = parseNslookup(r.exitCode, r.stdout + r.stderr);
  const from = `from a pod in namespace ${probe.namespace}`;
  if (c.expect === "nxdomain") {
    if (ans.outcome === "nxdomain") return { status: "passed", message: `${c.name} does not resolve ${from} (NXDOMAIN), as expected` };
    if (ans.outcome === "answer") return { status: "failed", message: `${c.name} resolves to ${ans.addresses.join(", ")} ${from}, but the task expects it not to exist` };
    return { status: "failed", message: `DNS lookups ${from} time out: is DNS (UDP and TCP port 53 to kube-dns) allowed by the pod's egress policy?` };
  }
  if (ans.outcome === "nxdomain") return { status: "failed", message: `${c.name} does not resolve ${from}: NXDOMAIN (check the Service name and namespace)` };
  if (ans.outcome === "timeout") return { status: "failed", message: `the lookup of ${c.name} ${from} timed out: the pod cannot reach DNS (an egress policy must allow UDP and TCP port 53 to kube-dns)` };
  if (ans.outcome !== "answer") return { status: "failed", message: `the lookup of ${c.name} ${from} failed: ${ans.text.trim().split("\n").pop()}` };
  if (!c.addresses) return { status: "passed", message: `${c.name} resolves to ${ans.addresses.join(", ")}` };
  const want = await expectedAddresses(target, c);
  if (typeof want === "string") return { status: "failed", message: want };
  const got = [...ans.addresses].sort();
  const exp = [...want].sort();
  if (got.join() !== exp.join())
    return { status: "failed", message: `${c.name} resolves to ${got.join(", ") || "nothing"}, but should resolve to ${exp.join(", ") || "no address"}` };
  return { status: "passed", message: `${c.name} resolves to ${got.join(", ")}` };
}
