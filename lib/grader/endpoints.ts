// endpoints checks: how many ready endpoints a Service has, and whether they are exactly the
// pods with given labels. A failure names the cause a learner can act on: no such Service, a
// selector that matches no pods, matching pods that are not ready, or a targetPort no container uses.
import type { EndpointsCheck } from "../labs/schema";
import { errorLine, kubectl, type KubectlTarget } from "../labs/kubectl";
import type { CheckResult } from "./types";
import { PROBE_LABEL } from "./probes";

type Outcome = Pick<CheckResult, "status" | "message" | "details">;

const selectorText = (sel: Record<string, string> | undefined): string =>
  sel && Object.keys(sel).length ? Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(",") : "(none)";

async function getJson(target: KubectlTarget, args: string[]): Promise<{ ok: true; value: any } | { ok: false; notFound: boolean; message: string }> {
  const r = await kubectl(target, [...args, "-o", "json"]);
  if (r.exitCode !== 0) return { ok: false, notFound: /\(NotFound\)/.test(r.stderr), message: errorLine(r) };
  return { ok: true, value: JSON.parse(r.stdout) };
}

export async function checkEndpoints(target: KubectlTarget, c: EndpointsCheck): Promise<Outcome> {
  const svc = await getJson(target, ["get", "service", c.service, "-n", c.namespace]);
  if (!svc.ok) return svc.notFound ? { status: "failed", message: `Service ${c.service} does not exist in namespace ${c.namespace}` } : { status: "error", message: svc.message };
  const selector: Record<string, string> | undefined = svc.value.spec?.selector;

  const slices = await getJson(target, ["get", "endpointslices", "-n", c.namespace, "-l", `kubernetes.io/service-name=${c.service}`]);
  if (!slices.ok) return { status: "error", message: slices.message };
  const ready = new Map<string, string>(); // pod name → IP
  for (const s of slices.value.items ?? [])
    for (const e of s.endpoints ?? [])
      if (e.conditions?.ready !== false) for (const ip of e.addresses ?? []) ready.set(e.targetRef?.name ?? ip, ip);

  // The pods the Service's selector matches, for explaining an empty or wrong endpoint list.
  const explain = async (): Promise<string> => {
    if (!selector || Object.keys(selector).length === 0) return `Service ${c.service} has no selector, so Kubernetes manages no endpoints for it`;
    const pods = await getJson(target, ["get", "pods", "-n", c.namespace, "-l", selectorText(selector)]);
    if (!pods.ok) return `Service ${c.service} has no ready endpoints`;
    const items: any[] = (pods.value.items ?? []).filter((p: any) => !p.metadata.labels?.[PROBE_LABEL]);
    if (items.length === 0) return `Service ${c.service} selects no pods: its selector ${selectorText(selector)} matches none in namespace ${c.namespace}`;
    const notReady = items.filter((p) => !(p.status?.conditions ?? []).some((cond: any) => cond.type === "Ready" && cond.status === "True"));
    if (notReady.length === items.length) return `Service ${c.service} selects ${items.length} pod(s), but none is ready (${notReady.map((p) => p.metadata.name).join(", ")})`;
    return `Service ${c.service} selects ${items.length} pod(s) with ${selectorText(selector)}`;
  };

  const readyNames = [...ready.keys()].filter((n) => !n.startsWith("probe-"));
  if (c.ready !== undefined && readyNames.length !== c.ready) {
    const why = readyNames.length === 0 ? await explain() : `it has ${readyNames.length}: ${readyNames.sort().join(", ")}`;
    return { status: "failed", message: `Service ${c.service} should have ${c.ready} ready endpoint(s); ${why}` };
  }
  if (c.podsWithLabels) {
    const want = await getJson(target, ["get", "pods", "-n", c.namespace, "-l", selectorText(c.podsWithLabels)]);
    if (!want.ok) return { status: "error", message: want.message };
    const wanted = new Set<string>((want.value.items ?? []).filter((p: any) => !p.metadata.labels?.[PROBE_LABEL]).map((p: any) => p.metadata.name as string));
    const missing = [...wanted].filter((n) => !ready.has(n));
    const extra = readyNames.filter((n) => !wanted.has(n));
    if (wanted.size === 0) return { status: "failed", message: `no pods with labels ${selectorText(c.podsWithLabels)} exist in namespace ${c.namespace}` };
    if (missing.length || extra.length) {
      const details = [...missing.map((n) => `missing: pod ${n} (labels ${selectorText(c.podsWithLabels)}) is not a ready endpoint`), ...extra.map((n) => `unexpected: pod ${n} is an endpoint`)];
      return { status: "failed", message: readyNames.length === 0 ? await explain() : `Service ${c.service}'s endpoints are not exactly the pods with ${selectorText(c.podsWithLabels)}`, details };
    }
  }
  return { status: "passed", message: `Service ${c.service} has ${readyNames.length} ready endpoint(s)${readyNames.length ? `: ${readyNames.sort().join(", ")}` : ""}` };
}
