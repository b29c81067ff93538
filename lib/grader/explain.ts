// Why each connectivity cell came out as it did. The cluster's objects are read through kubectl
// (so this works the same on kind and on the sandbox) and the sandbox's NetworkPolicy engine
// evaluates them: the result names the policy and the rule that allowed the traffic, or the
// policies that isolate a pod with no rule letting it through.
import { explainFromObjects } from "../sandbox/network";
import type { K8sObject } from "../sandbox/types";
import type { ConnectResult } from "../sandbox/network/types";
import type { ConnectivityCheck, Destination, Probe } from "../labs/schema";
import { kubectl, type KubectlTarget } from "../labs/kubectl";
import type { MatrixCell } from "./types";
import { probePodName } from "./probes";

const KINDS = "pods,services,endpointslices,networkpolicies";

export async function clusterObjects(target: KubectlTarget): Promise<K8sObject[] | undefined> {
  const [namespaced, cluster] = await Promise.all([kubectl(target, ["get", KINDS, "-A", "-o", "json"]), kubectl(target, ["get", "namespaces,nodes", "-o", "json"])]);
  if (namespaced.exitCode !== 0 || cluster.exitCode !== 0) return undefined;
  return [...JSON.parse(cluster.stdout).items, ...JSON.parse(namespaced.stdout).items];
}

/** One sentence from the engine's verdict: the deciding direction first. */
export function describeVerdict(r: ConnectResult): string {
  const p = r.policy;
  if (!p) return r.reason;
  if (!p.egress.allowed) return `Egress: ${p.egress.reason}.`;
  if (!p.ingress.allowed) return `Ingress: ${p.ingress.reason}.`;
  const via = r.via?.service ? `Service ${r.via.service.namespace}/${r.via.service.name} sends it to ${r.target?.pod?.metadata.name ?? r.target?.ip}:${r.target?.port}. ` : "";
  return `${via}Egress: ${p.egress.reason}. Ingress: ${p.ingress.reason}.`;
}

function destinationAddress(d: Destination, objects: K8sObject[], probes: Probe[]): string | undefined {
  if (d.service) {
    const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === d.service && o.metadata.namespace === d.namespace);
    return svc?.spec?.clusterIP && svc.spec.clusterIP !== "None" ? svc.spec.clusterIP : undefined;
  }
  if (d.probe) {
    const p = probes.find((x) => x.id === d.probe)!;
    return objects.find((o) => o.kind === "Pod" && o.metadata.name === probePodName(p) && o.metadata.namespace === p.namespace)?.status?.podIP;
  }
  if (d.host && /^\d+\.\d+\.\d+\.\d+$/.test(d.host)) return d.host;
  return undefined;
}

/** Adds an explanation to every cell the engine can decide (pods, Services and IP addresses). */
export function explainMatrix(objects: K8sObject[], c: ConnectivityCheck, probes: Probe[], cells: MatrixCell[]): void {  for (const cell of cells) {
    const d = c.destinations.find((x) => x.id === cell.destination)!;
    if (d.ingress) continue;
    const src = probes.find((p) => p.id === cell.source)!;
    const pod = objects.find((o) => o.kind === "Pod" && o.metadata.name === probePodName(src) && o.metadata.namespace === src.namespace);
    const to = destinationAddress(d, objects, probes);
    if (!pod || !to) continue;
    cell.explanation = describeVerdict(explainFromObjects(objects, { pod }, to, d.port, d.protocol));
  }
}
