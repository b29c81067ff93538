// The environment a container's processes see, as the kubelet and the runtime build it
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): the image's ENV, HOSTNAME, the
// container's env/envFrom (with $(VAR) references, fieldRef, configMapKeyRef, secretKeyRef), and
// Docker-links-style service variables (FOO_SERVICE_HOST, FOO_PORT_80_TCP, ...) for every Service
// in the pod's namespace when enableServiceLinks (default true), plus the `kubernetes` Service's
// variables in every namespace.
import type { Store } from "../store/store";
import type { K8sObject } from "../types";
import type { ImageProfile } from "../images/types";

const SERVICES = { group: "", resource: "services" };
const CONFIGMAPS = { group: "", resource: "configmaps" };
const SECRETS = { group: "", resource: "secrets" };

/** FOO_SERVICE_HOST and friends for one Service (pkg/kubelet/envvars/envvars.go). */
export function serviceEnv(svc: K8sObject): [string, string][] {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === "None") return [];
  const ports: any[] = svc.spec?.ports ?? [];
  if (ports.length === 0) return [];
  const name = svc.metadata.name!.toUpperCase().replace(/-/g, "_");
  const out: [string, string][] = [
    [`${name}_SERVICE_HOST`, ip],
    [`${name}_SERVICE_PORT`, String(ports[0].port)],
  ];
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`, String(p.port)]);
  const proto = (p: any) => String(p.protocol ?? "TCP").toLowerCase();
  out.push([`${name}_PORT`, `${proto(ports[0])}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const prefix = `${name}_PORT_${p.port}_${proto(p).toUpperCase()}`;
    out.push([prefix, `${proto(p)}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto(p)], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return out;
}

function fieldRef(pod: K8sObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as "labels" | "annotations"]?.[m[2]] ?? "";
  switch (path) {
    case "metadata.name": return pod.metadata.name ?? "";
    case "metadata.namespace": return pod.metadata.namespace ?? "";
    case "metadata.uid": return pod.metadata.uid ?? "";
    case "spec.nodeName": return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName": return pod.spec?.serviceAccountName ?? "default";
    case "status.podIP": return pod.status?.podIP ?? "";
    case "status.hostIP": return pod.status?.hostIP ?? "";
    case "status.podIPs": return (pod.status?.podIPs ?? []).map((p: any) => p.ip).join(",");
  }
  return "";
}

const secretValue = (s: K8sObject | undefined, key: string): string | undefined => {
  const v = s?.data?.[key];
  if (typeof v === "string") return Buffer.from(v, "base64").toString("utf8");
  return s?.stringData?.[key];
};

/** $(VAR) references in env values, expanded against earlier variables ($$ escapes). */
function expandRefs(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name) => (all === "$$" ? "$" : env.has(name) ? env.get(name)! : all));
}

export function containerEnv(store: Store, pod: K8sObject, container: any, profile: ImageProfile, hostname: string, opts: { tty?: boolean } = {}): Record<string, string> {
  const ns = pod.metadata.namespace ?? "default";
  const env = new Map<string, string>();
  const imageEnv = profile.env ?? { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
  env.set("PATH", imageEnv.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  env.set("HOSTNAME", hostname);
  if (opts.tty) env.set("TERM", "xterm");
  const specEnv = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    const src = from.configMapRef ? store.get(CONFIGMAPS, ns, from.configMapRef.name) : from.secretRef ? store.get(SECRETS, ns, from.secretRef.name) : undefined;
    if (from.configMapRef) for (const [k, v] of Object.entries(src?.data ?? {})) specEnv.set(prefix + k, String(v));
    if (from.secretRef) for (const k of Object.keys(src?.data ?? {})) specEnv.set(prefix + k, secretValue(src, k) ?? "");
  }
  for (const e of container.env ?? []) {
    let v = "";
    if (e.value !== undefined) v = expandRefs(String(e.value), specEnv);
    else if (e.valueFrom?.fieldRef) v = fieldRef(pod, e.valueFrom.fieldRef.fieldPath);
    else if (e.valueFrom?.configMapKeyRef) v = String(store.get(CONFIGMAPS, ns, e.valueFrom.configMapKeyRef.name)?.data?.[e.valueFrom.configMapKeyRef.key] ?? "");
    else if (e.valueFrom?.secretKeyRef) v = secretValue(store.get(SECRETS, ns, e.valueFrom.secretKeyRef.name), e.valueFrom.secretKeyRef.key) ?? "";
    else if (e.valueFrom?.resourceFieldRef) v = "0";
    specEnv.set(e.name, v);
  }
  for (const [k, v] of specEnv) env.set(k, v);
  // Service links: the Services that existed when the container started (the kubelet computes
  // them at start; a Service created later does not appear until the pod is recreated).
  const startedAt = runningSince(pod, container.name);
  const links: [string, string][] = [];
  const existed = (s: K8sObject) => !startedAt || !s.metadata.creationTimestamp || s.metadata.creationTimestamp <= startedAt;
  if (pod.spec?.enableServiceLinks !== false) {
    for (const s of store.list(SERVICES, ns)) if (existed(s) && !(ns === "default" && s.metadata.name === "kubernetes")) links.push(...serviceEnv(s));
  }
  const master = store.get(SERVICES, "default", "kubernetes");
  if (master) links.push(...serviceEnv(master));
  for (const [k, v] of links) if (!env.has(k)) env.set(k, v);
  for (const [k, v] of Object.entries(imageEnv)) if (!env.has(k)) env.set(k, v);
  // The runtime sets HOME from the image user's /etc/passwd entry.
  if (!env.has("HOME")) env.set("HOME", profile.user && profile.user.uid !== 0 ? `/home/${profile.user.name}` : "/root");
  return Object.fromEntries(env);
}

function runningSince(pod: K8sObject, name: string): string | undefined {
  const st = (pod.status?.containerStatuses ?? []).find((c: any) => c.name === name);
  return st?.state?.running?.startedAt ?? pod.status?.startTime;
}
