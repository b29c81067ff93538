// Pod-spec rules shared by Pod and every kind with a pod template: defaults (SetDefaults_PodSpec,
// SetDefaults_Container, ...), the admission plugins that touch pods (ServiceAccount, Priority,
// DefaultTolerationSeconds), ValidatePodSpec's checks with the API server's wording, the QoS
// class, and the Pod table row (printPod in pkg/printers/internalversion/printers.go).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { randomSuffix } from "../store/store";
import { since } from "./format";
import { validateLabels, validateObjectMeta } from "./meta";
import {
  dns1123Label, dns1123Subdomain, duplicate, forbiddenField, invalidValue, isPort, nameErrors, notFoundValue, notSupported, portName, portNumberMsg, qualifiedName, required,
} from "./validation";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TOLERATION_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const BUILTIN_PRIORITIES: Record<string, number> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };
export const SA_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/** ParseImageName's tag rule behind the imagePullPolicy default: no tag (and no digest) means "latest". */
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  const img = image ?? "";
  const at = img.indexOf("@");
  const named = at >= 0 ? img.slice(0, at) : img;
  const lastSlash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const tag = colon > lastSlash ? named.slice(colon + 1) : at >= 0 ? "" : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(p: any): void {
  if (!p || typeof p !== "object") return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= "/";
    p.httpGet.scheme ??= "HTTP";
  }
}

function defaultContainer(c: any): void {
  if (!c || typeof c !== "object") return;
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.resources ??= {};
  // SetDefaults_Pod: requests default to limits for resources with only a limit.
  if (c.resources.limits) {
    for (const [k, v] of Object.entries(c.resources.limits)) {
      c.resources.requests ??= {};
      if (c.resources.requests[k] === undefined) c.resources.requests[k] = v;
    }
  }
  for (const p of c.ports ?? []) p.protocol ??= "TCP";
  for (const e of c.env ?? []) if (e?.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= "v1";
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: any): void {
  if (!v || typeof v !== "object") return;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= "";
  const sources = ["configMap", "secret", "emptyDir", "hostPath", "persistentVolumeClaim", "projected", "downwardAPI", "nfs", "csi", "ephemeral"];
  if (!Object.keys(v).some((k) => k !== "name" && (sources.includes(k) || typeof v[k] === "object"))) v.emptyDir = {};
}

/** What the API server fills into any pod spec (also inside templates). */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== "object") return;
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  spec.enableServiceLinks ??= true;
  // The v1 conversion keeps the deprecated serviceAccount field in step with serviceAccountName.
  if (spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  else if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/**
 * Admission plugins that act on Pods only (not on templates): ServiceAccount (default account and
 * the kube-api-access projected volume), Priority (priority 0, PreemptLowerPriority) and
 * DefaultTolerationSeconds (300 s for not-ready and unreachable).
 */
export function admitPod(pod: K8sObject): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  spec.serviceAccountName ??= "default";
  spec.serviceAccount ??= spec.serviceAccountName;
  // Priority admission: the two built-in PriorityClasses every cluster has, 0 otherwise.
  spec.priority ??= BUILTIN_PRIORITIES[spec.priorityClassName ?? ""] ?? 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  const tolerations: any[] = (spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    const covered = tolerations.some((t) => (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"));
    if (!covered) tolerations.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
  if (spec.automountServiceAccountToken !== false) mountServiceAccountToken(spec);
}

function mountServiceAccountToken(spec: any): void {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (containers.every((c: any) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === SA_MOUNT_PATH))) return;
  const name = `kube-api-access-${randomSuffix()}`;
  (spec.volumes ??= []).push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
      ],
    },
  });
  for (const c of containers) {
    if ((c.volumeMounts ?? []).some((m: any) => m.mountPath === SA_MOUNT_PATH)) continue;
    (c.volumeMounts ??= []).push({ mountPath: SA_MOUNT_PATH, name, readOnly: true });
  }
}

/** GetPodQOS: Guaranteed when every container has equal cpu and memory requests and limits, BestEffort with none at all. */
export function podQOS(spec: any): "Guaranteed" | "Burstable" | "BestEffort" {
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).some((k) => k === "cpu" || k === "memory") || Object.keys(lim).some((k) => k === "cpu" || k === "memory")) any = true;
    for (const r of ["cpu", "memory"]) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

// ---------------------------------------------------------------- validation

function validateProbe(p: any, f: string, liveOrStartup: boolean): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter((h) => p[h]);
  if (handlers.length === 0) errs.push(required(f, "must specify a handler type"));
  else if (handlers.length > 1) errs.push(forbiddenField(`${f}.${handlers[1]}`, "may not specify more than 1 handler type"));
  if (liveOrStartup && p.successThreshold !== undefined && p.successThreshold !== 1) errs.push(invalidValue(`${f}.successThreshold`, p.successThreshold, "must be 1"));
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    if (typeof p[k] === "number" && p[k] < 0) errs.push(invalidValue(`${f}.${k}`, p[k], "must be greater than or equal to 0"));
  }
  const port = p.httpGet?.port ?? p.tcpSocket?.port;
  const portField = `${f}.${p.httpGet ? "httpGet" : "tcpSocket"}.port`;
  if ((p.httpGet || p.tcpSocket) && port === undefined) errs.push(required(portField));
  else if (typeof port === "number" && !isPort(port)) errs.push(invalidValue(portField, port, portNumberMsg));
  else if (typeof port === "string") for (const m of portName(port)) errs.push(invalidValue(portField, port, m));
  return errs;
}

function validateContainers(list: any[], f: string, volumes: Set<string>, seen: Set<string>, isInit: boolean): FieldError[] {
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const cf = `${f}[${i}]`;
    if (!c || typeof c !== "object") return void errs.push(required(cf));
    if (!c.name) errs.push(required(`${cf}.name`));
    else {
      errs.push(...nameErrors(`${cf}.name`, c.name, dns1123Label));
      if (seen.has(c.name)) errs.push(duplicate(`${cf}.name`, c.name));
      seen.add(c.name);
    }
    if (!c.image) errs.push(required(`${cf}.image`));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${cf}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    if (c.terminationMessagePolicy !== undefined && !TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy))
      errs.push(notSupported(`${cf}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES));
    const portNames = new Set<string>();
    (c.ports ?? []).forEach((p: any, j: number) => {
      const pf = `${cf}.ports[${j}]`;
      if (p.containerPort === undefined || p.containerPort === 0) errs.push(required(`${pf}.containerPort`));
      else if (!isPort(p.containerPort)) errs.push(invalidValue(`${pf}.containerPort`, p.containerPort, portNumberMsg));
      if (p.hostPort !== undefined && p.hostPort !== 0 && !isPort(p.hostPort)) errs.push(invalidValue(`${pf}.hostPort`, p.hostPort, portNumberMsg));
      if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
      if (p.name) {
        for (const m of portName(p.name)) errs.push(invalidValue(`${pf}.name`, p.name, m));
        if (portNames.has(p.name)) errs.push(duplicate(`${pf}.name`, p.name));
        portNames.add(p.name);
      }
    });
    (c.env ?? []).forEach((e: any, j: number) => {
      const ef = `${cf}.env[${j}]`;
      if (!e?.name) errs.push(required(`${ef}.name`));
      else if (e.name.includes("=")) errs.push(invalidValue(`${ef}.name`, e.name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
      const vf = e?.valueFrom;
      if (vf) {
        const n = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter((k) => vf[k]).length;
        if (e.value) errs.push(invalidValue(`${ef}.valueFrom`, "", "may not be specified when `value` is not empty"));
        if (n === 0) errs.push(invalidValue(`${ef}.valueFrom`, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        if (n > 1) errs.push(invalidValue(`${ef}.valueFrom`, "", "may not have more than one field specified at a time"));
        for (const k of ["configMapKeyRef", "secretKeyRef"]) if (vf[k] && !vf[k].key) errs.push(required(`${ef}.valueFrom.${k}.key`));
        if (vf.fieldRef && !vf.fieldRef.fieldPath) errs.push(required(`${ef}.valueFrom.fieldRef.fieldPath`));
      }
    });
    const mountPaths = new Set<string>();
    (c.volumeMounts ?? []).forEach((m: any, j: number) => {
      const mf = `${cf}.volumeMounts[${j}]`;
      if (!m?.name) errs.push(required(`${mf}.name`));
      else if (!volumes.has(m.name)) errs.push(notFoundValue(`${mf}.name`, m.name));
      if (!m?.mountPath) errs.push(required(`${mf}.mountPath`));
      else {
        if (mountPaths.has(m.mountPath)) errs.push(invalidValue(`${mf}.mountPath`, m.mountPath, "must be unique"));
        mountPaths.add(m.mountPath);
      }
    });
    if (!isInit || c.restartPolicy === "Always") {
      errs.push(...validateProbe(c.livenessProbe, `${cf}.livenessProbe`, true));
      errs.push(...validateProbe(c.readinessProbe, `${cf}.readinessProbe`, false));
      errs.push(...validateProbe(c.startupProbe, `${cf}.startupProbe`, true));
    } else {
      for (const p of ["livenessProbe", "readinessProbe", "startupProbe"]) if (c[p]) errs.push(forbiddenField(`${cf}.${p}`, "may not be set for init containers without restartPolicy=Always"));
    }
    errs.push(...validateResources(c.resources, `${cf}.resources`));
  });
  return errs;
}

/** Quantity text to a number of base units (cores, bytes), for the requests <= limits check. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === "number") return q;
  if (typeof q !== "string") return undefined;
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffixes: Record<string, number> = {
    "": 1, m: 1e-3, u: 1e-6, n: 1e-9, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  };
  if (m[2] in suffixes) return n * suffixes[m[2]];
  const e = /^[eE]([-+]?[0-9]+)$/.exec(m[2]);
  return e ? n * 10 ** Number(e[1]) : undefined;
}

function validateResources(r: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!r) return errs;
  // Malformed quantities are rejected earlier, by decoding (fields.ts decodeError).
  for (const kind of ["limits", "requests"]) {
    for (const [k, v] of Object.entries(r[kind] ?? {})) {
      const n = parseQuantity(v);
      if (n !== undefined && n < 0) errs.push(invalidValue(`${f}.${kind}[${k}]`, v, "must be greater than or equal to 0"));
    }
  }
  for (const [k, v] of Object.entries(r.requests ?? {})) {
    const lim = r.limits?.[k];
    if (lim === undefined) continue;
    const a = parseQuantity(v);
    const b = parseQuantity(lim);
    if (a !== undefined && b !== undefined && a > b) errs.push(invalidValue(`${f}.requests`, String(v), `must be less than or equal to ${k} limit of ${lim}`));
  }
  return errs;
}

/** ValidatePodSpec, for a Pod (`spec`) or a template (`spec.template.spec`). Tolerates fields the defaults will fill. */
export function validatePodSpec(spec: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== "object") return [required(f)];
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    const vf = `${f}.volumes[${i}]`;
    if (!v?.name) errs.push(required(`${vf}.name`));
    else {
      errs.push(...nameErrors(`${vf}.name`, v.name, dns1123Label));
      if (volumes.has(v.name)) errs.push(duplicate(`${vf}.name`, v.name));
      volumes.add(v.name);
    }
    const sources = Object.keys(v ?? {}).filter((k) => k !== "name");
    if (sources.length > 1) errs.push(forbiddenField(`${vf}.${sources[1]}`, "may not specify more than 1 volume type"));
    if (v?.configMap && !v.configMap.name) errs.push(required(`${vf}.configMap.name`));
    if (v?.secret && !v.secret.secretName) errs.push(required(`${vf}.secret.secretName`));
    if (v?.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(`${vf}.persistentVolumeClaim.claimName`));
    if (v?.hostPath && !v.hostPath.path) errs.push(required(`${vf}.hostPath.path`));
  });
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${f}.containers`));
  else errs.push(...validateContainers(spec.containers, `${f}.containers`, volumes, names, false));
  if (Array.isArray(spec.initContainers)) errs.push(...validateContainers(spec.initContainers, `${f}.initContainers`, volumes, names, true));
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${f}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${f}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  if (spec.dnsPolicy === "None" && !spec.dnsConfig?.nameservers?.length) errs.push(required(`${f}.dnsConfig.nameservers`, "must provide at least one DNS nameserver when `dnsPolicy` is None"));
  errs.push(...validateLabels(spec.nodeSelector, `${f}.nodeSelector`));
  if (spec.serviceAccountName) errs.push(...nameErrors(`${f}.serviceAccountName`, spec.serviceAccountName, dns1123Subdomain));
  if (spec.nodeName) errs.push(...nameErrors(`${f}.nodeName`, spec.nodeName, dns1123Subdomain));
  if (spec.hostname) errs.push(...nameErrors(`${f}.hostname`, spec.hostname, dns1123Label));
  if (spec.subdomain) errs.push(...nameErrors(`${f}.subdomain`, spec.subdomain, dns1123Label));
  if (spec.activeDeadlineSeconds !== undefined && (!Number.isInteger(spec.activeDeadlineSeconds) || spec.activeDeadlineSeconds < 1))
    errs.push(invalidValue(`${f}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, "must be between 1 and 2147483647, inclusive"));
  (spec.tolerations ?? []).forEach((t: any, i: number) => {
    const tf = `${f}.tolerations[${i}]`;
    if (t.key) for (const m of qualifiedName(t.key)) errs.push(invalidValue(`${tf}.key`, t.key, m));
    if (t.operator !== undefined && t.operator !== "" && t.operator !== "Equal" && t.operator !== "Exists") errs.push(notSupported(`${tf}.operator`, t.operator, ["Equal", "Exists"]));
    if (t.operator === "Exists" && t.value) errs.push(invalidValue(`${tf}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== "Exists") errs.push(invalidValue(`${tf}.operator`, t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.effect && !TOLERATION_EFFECTS.includes(t.effect)) errs.push(notSupported(`${tf}.effect`, t.effect, TOLERATION_EFFECTS));
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute")
      errs.push(invalidValue(`${tf}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  });
  return errs;
}

/** A pod template (Deployment, ReplicaSet, Job...): labels, then the pod spec. */
export function validatePodTemplate(tpl: any, f: string): FieldError[] {
  if (!tpl || typeof tpl !== "object") return [required(f)];
  const errs = validateLabels(tpl.metadata?.labels, `${f}.metadata.labels`);
  errs.push(...validatePodSpec(tpl.spec, `${f}.spec`));
  return errs;
}

export function validatePodObject(pod: K8sObject): FieldError[] {
  return [...validateObjectMeta(pod, true), ...validatePodSpec(pod.spec, "spec")];
}

const UPDATABLE =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/**
 * ValidatePodUpdate: a pod's spec is fixed once created, except images, activeDeadlineSeconds
 * (set or lowered), added tolerations and a negative grace period raised to 1. The incoming spec is
 * compared after defaulting, as upstream compares after decoding.
 */
export function validatePodUpdate(pod: K8sObject, old: K8sObject): FieldError[] {
  const next = structuredClone(pod.spec ?? {});
  defaultPodSpec(next);
  const prev = structuredClone(old.spec ?? {});
  defaultPodSpec(prev);
  // Fields the admission plugins fill are kept from the stored pod when the update leaves them out.
  for (const k of ["serviceAccountName", "serviceAccount", "priority", "preemptionPolicy", "nodeName"]) if (next[k] === undefined && prev[k] !== undefined) next[k] = prev[k];
  const errs: FieldError[] = [];
  const mutable = structuredClone(next);
  // Mask the fields an update may change, then any remaining difference is forbidden.
  const copyImages = (key: "containers" | "initContainers") => {
    const a = mutable[key] ?? [];
    const b = prev[key] ?? [];
    if (a.length === b.length) a.forEach((c: any, i: number) => c && b[i] && (c.image = b[i].image));
  };
  copyImages("containers");
  copyImages("initContainers");
  if (next.activeDeadlineSeconds !== undefined && (prev.activeDeadlineSeconds === undefined || next.activeDeadlineSeconds <= prev.activeDeadlineSeconds))
    mutable.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  const prevTol: any[] = prev.tolerations ?? [];
  const nextTol: any[] = next.tolerations ?? [];
  const isAddition = prevTol.every((t) => nextTol.some((u) => JSON.stringify(u) === JSON.stringify(t)));
  if (isAddition) mutable.tolerations = prev.tolerations;
  if (typeof prev.terminationGracePeriodSeconds === "number" && prev.terminationGracePeriodSeconds < 0 && next.terminationGracePeriodSeconds === 1)
    mutable.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  if (!sameJson(mutable, prev)) {
    errs.push(forbiddenField("spec", `${UPDATABLE}\n${specDiff(prev, mutable)}`));
  } else if (!isAddition) {
    errs.push(forbiddenField("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
  }
  return errs;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as any)[k] !== undefined) out[k] = canonical((v as any)[k]);
    return out;
  }
  return v;
}
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * A short "- old / + new" listing of the changed spec fields (descending into containers), in the
 * spirit of the cmp.Diff upstream appends, so the learner sees which field the update touched.
 */
function specDiff(a: any, b: any): string {
  const lines = ["  core.PodSpec{"];
  const goName = (k: string) => k[0].toUpperCase() + k.slice(1);
  const show = (v: unknown) => JSON.stringify(canonical(v));
  const walk = (x: any, y: any, prefix: string, depth: number) => {
    const keys = [...new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})])].sort();
    for (const k of keys) {
      if (sameJson(x?.[k], y?.[k])) continue;
      const name = `${prefix}${goName(k)}`;
      const xa = x?.[k];
      const ya = y?.[k];
      if (depth === 0 && Array.isArray(xa) && Array.isArray(ya) && xa.length === ya.length && xa.every((e) => e && typeof e === "object")) {
        xa.forEach((e: any, i: number) => walk(e, ya[i], `${name}[${i}].`, depth + 1));
        continue;
      }
      if (xa !== undefined) lines.push(`- \t${name}: ${show(xa)},`);
      if (ya !== undefined) lines.push(`+ \t${name}: ${show(ya)},`);
    }
  };
  walk(a, b, "", 0);
  lines.push("  }");
  return lines.join("\n");
}

// ---------------------------------------------------------------- printing

const isRestartableInit = (c: any) => c?.restartPolicy === "Always";

/** printPod's cells: Name, Ready, Status, Restarts, Age, IP, Node, Nominated Node, Readiness Gates. */
export function podRow(pod: K8sObject, now: Date): unknown[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase: string = status.phase ?? "";
  let reason: string = status.reason || phase;
  for (const cond of status.conditions ?? []) if (cond.type === "PodScheduled" && cond.reason === "SchedulingGated") reason = "SchedulingGated";

  const inits = new Map<string, any>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }
  const finishedAt = (cs: any) => {
    const t = cs?.lastState?.terminated?.finishedAt;
    return t ? Date.parse(t) || 0 : 0;
  };
  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(cs));
    const restartable = isRestartableInit(inits.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount ?? 0;
      lastRestartableInitRestart = Math.max(lastRestartableInitRestart, finishedAt(cs));
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    else if (wait?.reason && wait.reason !== "PodInitializing") reason = `Init:${wait.reason}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const css: any[] = status.containerStatuses ?? [];
    for (let i = css.length - 1; i >= 0; i--) {
      const cs = css[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(cs));
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = (status.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
    }
  }
  const terminal = phase === "Succeeded" || phase === "Failed";
  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !terminal) reason = "Terminating";

  const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
  const podIP = status.podIPs?.[0]?.ip || status.podIP || "<none>";
  let gates = "<none>";
  if ((spec.readinessGates ?? []).length) {
    const trues = spec.readinessGates.filter((g: any) => (status.conditions ?? []).find((c: any) => c.type === g.conditionType)?.status === "True").length;
    gates = `${trues}/${spec.readinessGates.length}`;
  }
  return [
    pod.metadata.name,
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    since(pod.metadata.creationTimestamp, now),
    podIP,
    spec.nodeName || "<none>",
    status.nominatedNodeName || "<none>",
    gates,
  ];
}
