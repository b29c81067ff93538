// A sandbox cluster lives in the server's memory, so a restart would lose what the learner built.
// Before that can happen we read the learner's objects through kubectl (like `kubectl get -o json`
// would show them) and, after the restart, create them again on a fresh sandbox. Objects that
// controllers own (ReplicaSets, Deployment pods), system namespaces, and the grader's probe pods
// are left out: they come back by themselves.
import { stringify } from "yaml";
import { errorLine, kubectl, type KubectlTarget } from "../labs/kubectl";
import { PROBE_LABEL } from "../grader/probes";
import type { K8sObject } from "../sandbox/types";

const KINDS = "namespaces,configmaps,secrets,serviceaccounts,services,deployments,pods,networkpolicies,ingresses";
const SYSTEM_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease", "ingress-nginx", "local-path-storage"]);

function keep(o: K8sObject): boolean {
  const m = o.metadata;
  if (m.ownerReferences?.length) return false;
  if (o.kind === "Namespace") return !SYSTEM_NAMESPACES.has(m.name ?? "");
  if (SYSTEM_NAMESPACES.has(m.namespace ?? "") && m.namespace !== "default") return false;
  if (o.kind === "Pod" && m.labels?.[PROBE_LABEL]) return false;
  if (o.kind === "Service" && m.name === "kubernetes" && m.namespace === "default") return false;
  if (o.kind === "ConfigMap" && m.name === "kube-root-ca.crt") return false;
  if (o.kind === "ServiceAccount" && m.name === "default") return false;
  return true;
}

/** The object as a learner would create it again: identity, bookkeeping and status removed. */
function clean(o: K8sObject): K8sObject {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, managedFields: _m, generation: _g, deletionTimestamp: _d, ...metadata } = o.metadata as any;
  const copy: K8sObject = { ...o, metadata };
  delete copy.status;
  if (copy.kind === "Namespace") delete copy.spec;
  return copy;
}

export async function snapshotObjects(target: KubectlTarget): Promise<K8sObject[]> {
  const r = await kubectl(target, ["get", KINDS, "-A", "-o", "json"]);
  if (r.exitCode !== 0) throw new Error(`snapshot failed: ${errorLine(r)}`);
  const items: K8sObject[] = JSON.parse(r.stdout).items ?? [];
  return items.filter(keep).map(clean);
}

/** Creates the objects again, namespaces first. Objects that already exist are left alone. */
export async function restoreObjects(target: KubectlTarget, objects: K8sObject[]): Promise<void> {
  const ordered = [...objects.filter((o) => o.kind === "Namespace"), ...objects.filter((o) => o.kind !== "Namespace")];
  if (ordered.length === 0) return;
  // A stream of documents (not a List) keeps kubectl's per-object validation simple.
  const r = await kubectl(target, ["create", "-f", "-"], { input: ordered.map((o) => stringify(o)).join("---\n") });
  const real = r.stderr.split("\n").filter((l) => l.trim() && !/AlreadyExists/.test(l));
  if (r.exitCode !== 0 && real.length) throw new Error(`restoring the lab's objects failed: ${real.pop()}`);
}
