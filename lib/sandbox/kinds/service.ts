// Service (core/v1): defaults (SetDefaults_Service and the service REST's ipFamily defaulting),
// synchronous ClusterIP and NodePort allocation so the create response carries them (as the
// API server's allocators do), ValidateService/ValidateServiceUpdate wording, and printService.
import { invalid, type FieldError } from "../errors";
import type { Store } from "../store/store";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age, formatMap } from "./format";
import { CONDITION, INT_OR_STRING, metaSchemas, typeMetaProps, validateLabels, validateObjectMeta } from "./meta";
import { CORE } from "./podspec";
import { atomic, bool, enumStr, int32, mergeBy, obj, ref, refList, str, strList, strMap } from "./schema";
import type { Schema } from "./types";
import {
  dns1035Label, dns1123Label, duplicate, forbiddenField, invalidValue, isPort, nameErrors, notSupported, portName, portNumberMsg, required,
} from "./validation";

const c = (n: string) => `${CORE}.${n}`;
const SVC = c("Service");
const SERVICES = { group: "", resource: "services" };

export const SERVICE_CIDR = "10.96.0.0/16";
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];

const library: Record<string, Schema> = {
  ...metaSchemas,
  [c("ServicePort")]: obj(
    "One port a Service exposes and where it forwards traffic.",
    {
      appProtocol: str("Application protocol of the port, as a hint (e.g. http, kubernetes.io/h2c)."),
      name: str("Port name, a DNS label; required when the Service has more than one port. EndpointSlice ports carry it."),
      nodePort: int32("Port opened on every node for NodePort and LoadBalancer Services; allocated from 30000-32767 when not given."),
      port: int32("Port the Service listens on, at its cluster IP."),
      protocol: enumStr("TCP (default), UDP or SCTP.", ["SCTP", "TCP", "UDP"]),
      targetPort: ref(INT_OR_STRING, "Port (number or container port name) on the selected pods that traffic goes to. Defaults to port."),
    },
    ["port"],
  ),
  [c("ClientIPConfig")]: obj("Settings of ClientIP session affinity.", { timeoutSeconds: int32("How long a client sticks to one endpoint. Default 10800 (3 hours).") }),
  [c("SessionAffinityConfig")]: obj("Session affinity settings.", { clientIP: ref(c("ClientIPConfig"), "Settings for ClientIP affinity.") }),
  [c("ServiceSpec")]: obj("Desired behaviour of a Service: which pods it selects, its ports, and how it is exposed.", {
    allocateLoadBalancerNodePorts: bool("Whether NodePorts are allocated for a LoadBalancer Service. Default true."),
    clusterIP: str('Virtual IP of the Service, allocated from the service range when empty; "None" makes a headless Service. Cannot change once set.'),
    clusterIPs: strList("The Service's virtual IPs, one per IP family; the first equals clusterIP.", atomic),
    externalIPs: strList("Extra addresses on which nodes accept traffic for this Service.", atomic),
    externalName: str("DNS name an ExternalName Service resolves to (a CNAME)."),
    externalTrafficPolicy: enumStr("Cluster (default) or Local: whether external traffic may go to endpoints on other nodes.", ["Cluster", "Local"]),
    healthCheckNodePort: int32("Health-check port for Local external traffic policy on LoadBalancer Services."),
    internalTrafficPolicy: enumStr("Cluster (default) or Local: whether in-cluster traffic may go to endpoints on other nodes.", ["Cluster", "Local"]),
    ipFamilies: strList("IP families (IPv4, IPv6) of the Service's addresses.", atomic),
    ipFamilyPolicy: enumStr("SingleStack, PreferDualStack or RequireDualStack.", ["PreferDualStack", "RequireDualStack", "SingleStack"]),
    loadBalancerClass: str("Which load balancer implementation handles a LoadBalancer Service."),
    loadBalancerIP: str("Deprecated: requested load balancer address."),
    loadBalancerSourceRanges: strList("Client CIDRs allowed through the cloud load balancer.", atomic),
    ports: refList(c("ServicePort"), "Ports the Service exposes.", mergeBy("port", ["port", "protocol"])),
    publishNotReadyAddresses: bool("Publish endpoints of pods that are not ready (DNS for StatefulSets)."),
    selector: { ...strMap("Labels of the pods that receive the Service's traffic. Without a selector, endpoints are managed by hand."), "x-kubernetes-map-type": "atomic" },
    sessionAffinity: enumStr("None (default) or ClientIP: send each client to the same endpoint.", ["ClientIP", "None"]),
    sessionAffinityConfig: ref(c("SessionAffinityConfig"), "Session affinity settings."),
    trafficDistribution: str("Preference for how traffic is spread over endpoints, e.g. PreferClose."),
    type: enumStr("How the Service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.", TYPES),
  }),
  [c("PortStatus")]: obj("State of one load balancer port.", { error: str("Problem with the port, if any."), port: int32("Port number."), protocol: str("TCP, UDP or SCTP.") }, [
    "port",
    "protocol",
  ]),
  [c("LoadBalancerIngress")]: obj("An address of the load balancer.", {
    hostname: str("DNS name of the load balancer."),
    ip: str("IP address of the load balancer."),
    ipMode: str("VIP or Proxy: how traffic reaches the load balancer address."),
    ports: refList(c("PortStatus"), "Port states.", atomic),
  }),
  [c("LoadBalancerStatus")]: obj("Addresses of a load balancer.", { ingress: refList(c("LoadBalancerIngress"), "Load balancer addresses.", atomic) }),
  [c("ServiceStatus")]: obj("Observed state of a Service.", {
    conditions: refList(CONDITION, "Current conditions.", mergeBy("type", ["type"])),
    loadBalancer: ref(c("LoadBalancerStatus"), "The load balancer, for LoadBalancer Services."),
  }),
  [SVC]: obj("A stable virtual IP and DNS name in front of a set of pods chosen by label, with load balancing across them.", {
    ...typeMetaProps(),
    spec: ref(c("ServiceSpec"), "Desired behaviour of the Service.", { default: {} }),
    status: ref(c("ServiceStatus"), "Observed state of the Service. Read-only.", { default: {} }),
  }),
};

// ---------------------------------------------------------------- IP and port allocation

const ipToInt = (ip: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
};
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
const CIDR_BASE = ipToInt("10.96.0.0")!;
const CIDR_SIZE = 1 << 16;
/** Addresses the seeded kubernetes (.1) and kube-dns (.10) Services hold; random allocation skips them even before they exist. */
const RESERVED = new Set([CIDR_BASE + 1, CIDR_BASE + 10]);

function usedClusterIPs(store: Store, except?: K8sObject): Set<string> {
  const used = new Set<string>();
  for (const s of store.list(SERVICES)) {
    if (except && s.metadata.namespace === except.metadata.namespace && s.metadata.name === except.metadata.name) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) used.add(ip);
  }
  return used;
}

function usedNodePorts(store: Store, except?: K8sObject): Set<number> {
  const used = new Set<number>();
  for (const s of store.list(SERVICES)) {
    if (except && s.metadata.namespace === except.metadata.namespace && s.metadata.name === except.metadata.name) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}

const isHeadless = (spec: any) => spec?.clusterIP === "None" || spec?.clusterIPs?.[0] === "None";
const needsClusterIP = (spec: any) => spec?.type !== "ExternalName" && !isHeadless(spec);
const needsNodePorts = (spec: any) => spec?.type === "NodePort" || (spec?.type === "LoadBalancer" && spec?.allocateLoadBalancerNodePorts !== false);

/** Allocates (or checks the requested) cluster IP; throws the API server's 422 when taken or out of range. */
function allocateClusterIP(svc: K8sObject, store: Store): void {
  const spec = svc.spec;
  const requested: string | undefined = spec.clusterIPs?.[0] || spec.clusterIP || undefined;
  const used = usedClusterIPs(store, svc);
  let ip: string;
  if (requested) {
    const n = ipToInt(requested);
    const field = spec.clusterIPs?.length ? "spec.clusterIPs" : "spec.clusterIP";
    const value = spec.clusterIPs?.length ? spec.clusterIPs : requested;
    if (n === undefined) return; // validate() reports the malformed address
    if (n < CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE || n === CIDR_BASE || n === CIDR_BASE + CIDR_SIZE - 1)
      throw invalid("Service", "", svc.metadata.name ?? "", [
        invalidValue(field, value, `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`),
      ]);
    if (used.has(requested)) throw invalid("Service", "", svc.metadata.name ?? "", [invalidValue(field, value, `failed to allocate IP ${requested}: provided IP is already allocated`)]);
    ip = requested;
  } else {
    const free = CIDR_SIZE - 2 - used.size - RESERVED.size;
    if (free <= 0) throw invalid("Service", "", svc.metadata.name ?? "", [invalidValue("spec.clusterIPs", [], "failed to allocate IP: range is full")]);
    let n: number;
    do n = CIDR_BASE + 2 + Math.floor(Math.random() * (CIDR_SIZE - 3));
    while (RESERVED.has(n) || used.has(intToIp(n)));
    ip = intToIp(n);
  }
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

function allocateNodePorts(svc: K8sObject, store: Store, old?: K8sObject): void {
  const used = usedNodePorts(store, svc);
  const errs: FieldError[] = [];
  const mine = new Set<number>();
  (svc.spec.ports ?? []).forEach((p: any, i: number) => {
    if (!p.nodePort) return;
    const f = `spec.ports[${i}].nodePort`;
    const keptFromOld = old?.spec?.ports?.some((q: any) => q.nodePort === p.nodePort);
    if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      if (!keptFromOld) errs.push(invalidValue(f, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    } else if (used.has(p.nodePort)) {
      errs.push(invalidValue(f, p.nodePort, "provided port is already allocated"));
    } else if (mine.has(p.nodePort)) {
      // One node port may serve two ports of the same Service that differ only in protocol.
      const sameOwnerPort = (svc.spec.ports as any[]).some((q, j) => j < i && q.nodePort === p.nodePort && q.port === p.port && q.protocol !== p.protocol);
      if (!sameOwnerPort) errs.push(invalidValue(f, p.nodePort, "provided port is already allocated"));
    }
    mine.add(p.nodePort);
  });
  if (errs.length) throw invalid("Service", "", svc.metadata.name ?? "", errs);
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const pick = (): number => {
    if (used.size + mine.size >= span) throw invalid("Service", "", svc.metadata.name ?? "", [invalidValue("spec.ports", [], "failed to allocate a nodePort: range is full")]);
    let n: number;
    do n = NODE_PORT_MIN + Math.floor(Math.random() * span);
    while (used.has(n) || mine.has(n));
    mine.add(n);
    return n;
  };
  for (const p of svc.spec.ports ?? []) {
    if (p.nodePort) continue;
    p.nodePort = pick();
  }
  // A LoadBalancer with externalTrafficPolicy Local also gets a health-check node port.
  if (svc.spec.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local" && !svc.spec.healthCheckNodePort) {
    svc.spec.healthCheckNodePort = old?.spec?.healthCheckNodePort || pick();
  }
  if (svc.spec.externalTrafficPolicy !== "Local" || svc.spec.type !== "LoadBalancer") delete svc.spec.healthCheckNodePort;
}

/** SetDefaults_Service and the REST layer's IP-family defaulting. */
export function defaultService(svc: K8sObject): void {
  const spec = (svc.spec ??= {});
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  if (spec.sessionAffinity === "ClientIP") {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const p of spec.ports ?? []) {
    p.protocol ??= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (spec.type !== "ExternalName") {
    spec.internalTrafficPolicy ??= "Cluster";
    if (!spec.clusterIPs?.length && spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    spec.ipFamilies ??= ["IPv4"];
    spec.ipFamilyPolicy ??= "SingleStack";
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

/** printService's Port(s) cell: "80/TCP", "80:30080/TCP", joined by commas. */
export function servicePorts(ports: any[] | undefined): string {
  const s = (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`)).join(",");
  return s || "<none>";
}

/** getServiceExternalIP (wide, as the server prints). */
export function serviceExternalIP(svc: K8sObject): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = ((svc.status?.loadBalancer?.ingress ?? []) as any[]).map((i) => i.ip || i.hostname).filter(Boolean);
      const all = [...lb, ...externalIPs];
      return all.length ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
  }
  return "<unknown>";
}

const isIPv4 = (s: string) => ipToInt(s) !== undefined;

export function validateService(svc: K8sObject, old?: K8sObject): FieldError[] {
  const errs = validateObjectMeta(svc, true, dns1035Label);
  const spec = svc.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  if (!TYPES.includes(type)) errs.push(notSupported("spec.type", type, TYPES));
  const ports: any[] = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") errs.push(required("spec.ports"));
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${f}.name`));
    if (p.name) {
      errs.push(...nameErrors(`${f}.name`, p.name, dns1123Label));
      if (names.has(p.name)) errs.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (!isPort(p.port)) errs.push(invalidValue(`${f}.port`, p.port ?? 0, portNumberMsg));
    const proto = p.protocol ?? "TCP";
    if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${f}.protocol`, proto, PROTOCOLS));
    const tp = p.targetPort;
    if (typeof tp === "number" && tp !== 0 && !isPort(tp)) errs.push(invalidValue(`${f}.targetPort`, tp, portNumberMsg));
    else if (typeof tp === "string" && tp !== "" && !/^\d+$/.test(tp)) for (const m of portName(tp)) errs.push(invalidValue(`${f}.targetPort`, tp, m));
    const key = `${p.port}/${proto}`;
    if (keys.has(key)) errs.push(duplicate(f, { port: p.port, protocol: proto }));
    keys.add(key);
    // A node port left over from the old type is dropped by prepareForUpdate (dropTypeDependentFields), not an error.
    const leftover = old?.spec?.ports?.some((q: any) => q.port === p.port && q.nodePort === p.nodePort);
    if (p.nodePort && !leftover && (type === "ClusterIP" || type === "ExternalName")) errs.push(forbiddenField(`${f}.nodePort`, `may not be used when \`type\` is '${type}'`));
  });
  if (type === "ExternalName") {
    if (!spec.externalName) errs.push(required("spec.externalName"));
    else for (const m of dns1123Subdomainish(spec.externalName)) errs.push(invalidValue("spec.externalName", spec.externalName, m));
    if (spec.clusterIP && spec.clusterIP !== old?.spec?.clusterIP) errs.push(forbiddenField("spec.clusterIPs", "may not be set for ExternalName services"));
  }
  for (const [i, ip] of ((spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) as string[]).entries()) {
    if (ip === "None" || ip === "") continue;
    if (!isIPv4(ip)) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  }
  if (spec.clusterIP && spec.clusterIPs?.length && spec.clusterIP !== spec.clusterIPs[0])
    errs.push(invalidValue("spec.clusterIPs", spec.clusterIPs, "first value must match `clusterIP`"));
  if (spec.sessionAffinity !== undefined && !["ClientIP", "None"].includes(spec.sessionAffinity)) errs.push(notSupported("spec.sessionAffinity", spec.sessionAffinity, ["ClientIP", "None"]));
  for (const k of ["externalTrafficPolicy", "internalTrafficPolicy"]) {
    if (spec[k] !== undefined && !["Cluster", "Local"].includes(spec[k])) errs.push(notSupported(`spec.${k}`, spec[k], ["Cluster", "Local"]));
  }
  if (spec.externalTrafficPolicy !== undefined && type !== "NodePort" && type !== "LoadBalancer")
    errs.push(invalidValue("spec.externalTrafficPolicy", spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIPv4(ip)) errs.push(invalidValue(`spec.externalIPs[${i}]`, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  });
  errs.push(...validateLabels(spec.selector, "spec.selector"));
  return errs;
}

function dns1123Subdomainish(v: string): string[] {
  // ExternalName may end with a dot (a fully qualified name).
  const name = v.endsWith(".") ? v.slice(0, -1) : v;
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) && name.length <= 253
    ? []
    : ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"];
}

export function validateServiceUpdate(svc: K8sObject, old: K8sObject): FieldError[] {
  const errs: FieldError[] = [];
  const wasType = old.spec?.type ?? "ClusterIP";
  const type = svc.spec?.type ?? "ClusterIP";
  const oldIPs: string[] = old.spec?.clusterIPs ?? (old.spec?.clusterIP ? [old.spec.clusterIP] : []);
  const newIPs: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
  // ClusterIP may only change when the type moves to or from ExternalName.
  if (wasType !== "ExternalName" && type !== "ExternalName" && oldIPs.length && newIPs.length && oldIPs[0] !== newIPs[0])
    errs.push(invalidValue("spec.clusterIPs[0]", newIPs, "may not change once set"));
  return errs;
}

export const service = defineKind({
  group: "",
  version: "v1",
  kind: "Service",
  plural: "services",
  singular: "service",
  namespaced: true,
  shortNames: ["svc"],
  categories: ["all"],
  verbs: STANDARD_VERBS,
  subresources: ["status"],
  rootSchema: SVC,
  library,
  columns: [
    nameColumn,
    col("Type", "How the Service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
    col("Cluster-IP", "Virtual IP address of the Service inside the cluster."),
    col("External-IP", "Addresses outside clients reach the Service at."),
    col("Port(s)", "Ports the Service exposes, with node ports."),
    ageColumn,
    col("Selector", "Labels of the pods that receive the Service's traffic.", 1),
  ],
  row: (o: K8sObject, now: Date) => [
    o.metadata.name,
    o.spec?.type ?? "ClusterIP",
    o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? "<none>",
    serviceExternalIP(o),
    servicePorts(o.spec?.ports),
    age(o, now),
    formatMap(o.spec?.selector),
  ],
  prepareForCreate(o: K8sObject, store: Store) {
    delete o.metadata.generation;
    defaultService(o);
    o.status = { loadBalancer: {} };
    if (needsClusterIP(o.spec)) allocateClusterIP(o, store);
    else if (isHeadless(o.spec)) {
      o.spec.clusterIP = "None";
      o.spec.clusterIPs = ["None"];
    }
    if (needsNodePorts(o.spec)) allocateNodePorts(o, store);
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, store: Store, { subresource }) {
    prepareUpdateCommon(o, old, { status: true }, subresource);
    if (subresource === "status") return;
    const spec = (o.spec ??= {});
    // patchAllocatedValues: an update that leaves out allocated values keeps them.
    if (needsClusterIP(spec) || isHeadless(old.spec)) {
      if (!spec.clusterIP && !spec.clusterIPs?.length && old.spec?.clusterIP && (old.spec.type ?? "ClusterIP") !== "ExternalName") {
        spec.clusterIP = old.spec.clusterIP;
        spec.clusterIPs = structuredClone(old.spec.clusterIPs);
      }
    }
    defaultService(o);
    const wasNodePorts = needsNodePorts(old.spec);
    if (needsNodePorts(spec)) {
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const prev = (old.spec?.ports ?? []).find((q: any) => q.port === p.port && (q.protocol ?? "TCP") === p.protocol);
        if (prev?.nodePort) p.nodePort = prev.nodePort;
      }
    } else if (wasNodePorts) {
      // dropTypeDependentFields: node ports the user did not touch go away with the type that needed them.
      for (const p of spec.ports ?? []) {
        const prev = (old.spec?.ports ?? []).find((q: any) => q.port === p.port);
        if (p.nodePort && prev?.nodePort === p.nodePort) delete p.nodePort;
      }
      if (spec.externalTrafficPolicy && spec.type !== "LoadBalancer" && spec.type !== "NodePort") delete spec.externalTrafficPolicy;
    }
    if (spec.type !== "LoadBalancer") delete spec.allocateLoadBalancerNodePorts;
    if (spec.type === "ExternalName") {
      delete spec.clusterIP;
      delete spec.clusterIPs;
      delete spec.ipFamilies;
      delete spec.ipFamilyPolicy;
      delete spec.internalTrafficPolicy;
    } else if (!spec.clusterIP && needsClusterIP(spec)) allocateClusterIP(o, store);
    if (needsNodePorts(spec)) allocateNodePorts(o, store, old);
  },
  validate(o: K8sObject, old?: K8sObject) {
    const errs = validateService(o, old);
    if (old) errs.push(...validateServiceUpdate(o, old));
    return errs;
  },
});

