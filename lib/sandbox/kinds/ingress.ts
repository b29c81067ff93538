// Ingress (networking.k8s.io/v1): HTTP routing rules in front of Services. ValidateIngress wording
// (pathType required, absolute Prefix/Exact paths, backend rules, hosts), and printIngress
// (Class, Hosts, Address, Ports).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { atomic, enumStr, int32, obj, ref, refList, str, strList } from "./schema";
import type { Schema } from "./types";
import { dns1035Label, dns1123Subdomain, invalidValue, isPort, nameErrors, notSupported, portName, portNumberMsg, required } from "./validation";

const NET = "io.k8s.api.networking.v1";
const ING = `${NET}.Ingress`;
const CORE = "io.k8s.api.core.v1";

const library: Record<string, Schema> = {
  ...metaSchemas,
  [`${CORE}.TypedLocalObjectReference`]: obj(
    "Points at an object of any kind in the same namespace.",
    { apiGroup: str("API group of the object; empty for the core group."), kind: str("Kind of the object."), name: str("Name of the object.") },
    ["kind", "name"],
    { "x-kubernetes-map-type": "atomic" },
  ),
  [`${NET}.ServiceBackendPort`]: obj("A port of the backend Service, by name or by number (not both).", {
    name: str("Name of the Service port."),
    number: int32("Number of the Service port."),
  }),
  [`${NET}.IngressServiceBackend`]: obj(
    "A Service in the Ingress's namespace that receives the traffic.",
    { name: str("Name of the Service."), port: ref(`${NET}.ServiceBackendPort`, "Port of the Service.") },
    ["name"],
  ),
  [`${NET}.IngressBackend`]: obj("Where matching requests go: a Service port, or another resource (not both).", {
    resource: ref(`${CORE}.TypedLocalObjectReference`, "Another object in the namespace, e.g. a storage bucket, handled by the controller."),
    service: ref(`${NET}.IngressServiceBackend`, "A Service and port."),
  }),
  [`${NET}.HTTPIngressPath`]: obj(
    "Routes requests whose path matches to a backend.",
    {
      backend: ref(`${NET}.IngressBackend`, "Where matching requests go."),
      path: str('Path to match against the request\'s URL path. Must start with "/" for Prefix and Exact.'),
      pathType: enumStr(
        "How path is matched: Exact (the whole path), Prefix (element by element, split on '/'), or ImplementationSpecific (up to the controller).",
        ["Exact", "ImplementationSpecific", "Prefix"],
      ),
    },
    ["pathType", "backend"],
  ),
  [`${NET}.HTTPIngressRuleValue`]: obj("HTTP routes of a rule.", { paths: refList(`${NET}.HTTPIngressPath`, "Paths and their backends.", atomic) }, ["paths"]),
  [`${NET}.IngressRule`]: obj("Routes for one host (or every host).", {
    host: str('Host name the rule applies to (e.g. "foo.example.com", or "*.example.com" for one label). Empty matches every host. IP addresses are not allowed.'),
    http: ref(`${NET}.HTTPIngressRuleValue`, "HTTP paths of the host."),
  }),
  [`${NET}.IngressTLS`]: obj("TLS settings for some hosts.", {
    hosts: strList("Hosts the certificate covers.", atomic),
    secretName: str("Secret holding the certificate and key (type kubernetes.io/tls)."),
  }),
  [`${NET}.IngressSpec`]: obj("Routing rules and the controller class.", {
    defaultBackend: ref(`${NET}.IngressBackend`, "Backend for requests that match no rule."),
    ingressClassName: str("Name of the IngressClass whose controller implements this Ingress. Without it, the default class (if any) is used."),
    rules: refList(`${NET}.IngressRule`, "Host and path rules, tried in order of precedence.", atomic),
    tls: refList(`${NET}.IngressTLS`, "TLS termination settings.", atomic),
  }),
  [`${NET}.IngressPortStatus`]: obj("State of a load balancer port.", { error: str("Problem with the port."), port: int32("Port number."), protocol: str("TCP, UDP or SCTP.") }, [
    "port",
    "protocol",
  ]),
  [`${NET}.IngressLoadBalancerIngress`]: obj("An address the Ingress is served at.", {
    hostname: str("DNS name."),
    ip: str("IP address."),
    ports: refList(`${NET}.IngressPortStatus`, "Port states.", atomic),
  }),
  [`${NET}.IngressLoadBalancerStatus`]: obj("Addresses of the Ingress's load balancer.", { ingress: refList(`${NET}.IngressLoadBalancerIngress`, "Addresses.", atomic) }),
  [`${NET}.IngressStatus`]: obj("Observed state of an Ingress.", { loadBalancer: ref(`${NET}.IngressLoadBalancerStatus`, "Addresses assigned by the controller.") }),
  [ING]: obj("Routes external HTTP(S) requests to Services by host and path. Needs an ingress controller to take effect.", {
    ...typeMetaProps(),
    spec: ref(`${NET}.IngressSpec`, "Routing rules.", { default: {} }),
    status: ref(`${NET}.IngressStatus`, "Observed state, written by the controller. Read-only.", { default: {} }),
  }),
};

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const BAD_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const BAD_SUFFIXES = ["/..", "/."];

function validateBackend(b: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!b || typeof b !== "object") return [required(f)];
  if (b.resource && b.service) return [invalidValue(f, "", "cannot set both resource and service backends")];
  if (b.resource) {
    if (!b.resource.kind) errs.push(required(`${f}.resource.kind`));
    if (!b.resource.name) errs.push(required(`${f}.resource.name`));
    return errs;
  }
  if (!b.service) return [invalidValue(f, "", "resource or service backend is required")];
  const s = b.service;
  if (!s.name) errs.push(required(`${f}.service.name`));
  else errs.push(...nameErrors(`${f}.service.name`, s.name, dns1035Label));
  const hasName = !!s.port?.name;
  const hasNumber = !!s.port?.number;
  if (hasName && hasNumber) errs.push(invalidValue(f, "", "cannot set both port name & port number"));
  else if (hasName) for (const m of portName(s.port.name)) errs.push(invalidValue(`${f}.service.port.name`, s.port.name, m));
  else if (hasNumber) {
    if (!isPort(s.port.number)) errs.push(invalidValue(`${f}.service.port.number`, s.port.number, portNumberMsg));
  } else errs.push(required(f, "port name or number is required"));
  return errs;
}

function validatePath(p: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!p?.pathType) errs.push(required(`${f}.pathType`, "pathType must be specified"));
  else if (p.pathType === "Exact" || p.pathType === "Prefix") {
    const path: string = p.path ?? "";
    if (!path.startsWith("/")) errs.push(invalidValue(`${f}.path`, path, "must be an absolute path"));
    if (path) {
      for (const seq of BAD_SEQUENCES) if (path.includes(seq)) errs.push(invalidValue(`${f}.path`, path, `must not contain '${seq}'`));
      for (const suf of BAD_SUFFIXES) if (path.endsWith(suf)) errs.push(invalidValue(`${f}.path`, path, `cannot end with '${suf}'`));
    }
  } else if (p.pathType === "ImplementationSpecific") {
    if (p.path && !p.path.startsWith("/")) errs.push(invalidValue(`${f}.path`, p.path, "must be an absolute path"));
  } else errs.push(notSupported(`${f}.pathType`, p.pathType, PATH_TYPES));
  errs.push(...validateBackend(p?.backend, `${f}.backend`));
  return errs;
}

const isIP = (h: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(":");

function validateHost(host: string, f: string): FieldError[] {
  if (isIP(host)) return [invalidValue(f, host, "must be a DNS name, not an IP address")];
  if (host.startsWith("*.")) {
    const rest = host.slice(2);
    return dns1123Subdomain(rest).length
      ? [invalidValue(f, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
      : [];
  }
  return nameErrors(f, host, dns1123Subdomain);
}

export function validateIngress(o: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  const spec = o.spec ?? {};
  const rules: any[] = spec.rules ?? [];
  if (!rules.length && !spec.defaultBackend) errs.push(invalidValue("spec", "", "either `defaultBackend` or `rules` must be specified"));
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, "spec.defaultBackend"));
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    if (r?.host) errs.push(...validateHost(r.host, `${f}.host`));
    if (r?.http) {
      const paths: any[] = r.http.paths ?? [];
      if (!paths.length) errs.push(required(`${f}.http.paths`));
      paths.forEach((p, j) => errs.push(...validatePath(p, `${f}.http.paths[${j}]`)));
    }
  });
  (spec.tls ?? []).forEach((t: any, i: number) => {
    (t?.hosts ?? []).forEach((h: string, j: number) => errs.push(...validateHost(h, `spec.tls[${i}].hosts[${j}]`)));
    if (t?.secretName) errs.push(...nameErrors(`spec.tls[${i}].secretName`, t.secretName, dns1123Subdomain));
  });
  if (spec.ingressClassName) errs.push(...nameErrors("spec.ingressClassName", spec.ingressClassName, dns1123Subdomain));
  return errs;
}

/** formatHosts: rule hosts, at most three then "+ N more...", or "*" when no rule names a host. */
export function ingressHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && r?.host) list.push(r.host);
  }
  if (!list.length) return "*";
  return more ? `${list.join(",")} + ${(rules ?? []).length - 3} more...` : list.join(",");
}

export const ingress = defineKind({
  group: "networking.k8s.io",
  version: "v1",
  kind: "Ingress",
  plural: "ingresses",
  singular: "ingress",
  namespaced: true,
  shortNames: ["ing"],
  verbs: STANDARD_VERBS,
  subresources: ["status"],
  rootSchema: ING,
  library,
  columns: [
    nameColumn,
    col("Class", "IngressClass of the Ingress."),
    col("Hosts", "Hosts the rules match."),
    col("Address", "Addresses the Ingress is served at."),
    col("Ports", "Ports the Ingress is served on."),
    ageColumn,
  ],
  row: (o: K8sObject, now: Date) => [
    o.metadata.name,
    o.spec?.ingressClassName ?? "<none>",
    ingressHosts(o.spec?.rules),
    ((o.status?.loadBalancer?.ingress ?? []) as any[]).map((i) => i.ip || i.hostname).filter(Boolean).join(","),
    o.spec?.tls?.length ? "80, 443" : "80",
    age(o, now),
  ],
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
    o.status = { loadBalancer: {} };
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, { status: true, generation: true }, subresource);
  },
  validate: validateIngress,
});
