// NetworkPolicy (networking.k8s.io/v1): the policyTypes default (SetDefaults_NetworkPolicy),
// ValidateNetworkPolicy's wording for policyTypes, peers, ipBlock CIDRs/except and ports/endPort,
// and printNetworkPolicy (Name, Pod-Selector, Age).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { INT_OR_STRING, LABEL_SELECTOR, formatLabelSelector, metaSchemas, typeMetaProps, validateLabelSelector, validateObjectMeta } from "./meta";
import { parseCidr, cidrContains } from "./cidr";
import { atomic, enumStr, int32, obj, ref, refList, str, strList } from "./schema";
import type { Schema } from "./types";
import { forbiddenField, invalidValue, isPort, notSupported, portName, portNumberMsg, required } from "./validation";

const NET = "io.k8s.api.networking.v1";
const NP = `${NET}.NetworkPolicy`;

const library: Record<string, Schema> = {
  ...metaSchemas,
  [`${NET}.IPBlock`]: obj(
    "A range of IP addresses (CIDR), optionally with holes, allowed as a peer. Meant for traffic from or to outside the cluster: pod IPs are ephemeral.",
    {
      cidr: str('The range, e.g. "192.168.1.0/24" or "2001:db8::/64".'),
      except: strList("Sub-ranges of cidr that are not allowed. Each must lie strictly inside cidr.", atomic),
    },
    ["cidr"],
  ),
  [`${NET}.NetworkPolicyPeer`]: obj(
    "One source (ingress) or destination (egress) of allowed traffic. podSelector and namespaceSelector in the same peer are ANDed; ipBlock stands alone.",
    {
      ipBlock: ref(`${NET}.IPBlock`, "Allow an IP range. Cannot be combined with the selectors."),
      namespaceSelector: ref(LABEL_SELECTOR, "Allow pods in namespaces with these labels (all pods, unless podSelector narrows it). {} selects every namespace."),
      podSelector: ref(LABEL_SELECTOR, "Allow pods with these labels, in the policy's namespace unless namespaceSelector is set. {} selects every pod."),
    },
  ),
  [`${NET}.NetworkPolicyPort`]: obj("A port (or port range) and protocol that traffic is allowed on.", {
    endPort: int32("Last port of a range starting at port. Requires a numeric port."),
    port: ref(INT_OR_STRING, "Port number or named container port. Omitted means every port."),
    protocol: enumStr("TCP (default), UDP or SCTP.", ["SCTP", "TCP", "UDP"]),
  }),
  [`${NET}.NetworkPolicyIngressRule`]: obj("Traffic allowed into the selected pods: it must match from AND ports.", {
    from: refList(`${NET}.NetworkPolicyPeer`, "Sources allowed (ORed). Empty or missing means every source.", atomic),
    ports: refList(`${NET}.NetworkPolicyPort`, "Ports allowed (ORed). Empty or missing means every port.", atomic),
  }),
  [`${NET}.NetworkPolicyEgressRule`]: obj("Traffic allowed out of the selected pods: it must match to AND ports.", {
    ports: refList(`${NET}.NetworkPolicyPort`, "Ports allowed (ORed). Empty or missing means every port.", atomic),
    to: refList(`${NET}.NetworkPolicyPeer`, "Destinations allowed (ORed). Empty or missing means every destination.", atomic),
  }),
  [`${NET}.NetworkPolicySpec`]: obj("Which pods the policy isolates and what traffic it allows them.", {
    egress: refList(
      `${NET}.NetworkPolicyEgressRule`,
      "Rules for outgoing traffic. With Egress in policyTypes and no rules, the selected pods may send nothing. Policies add up: traffic allowed by any one is allowed.",
      atomic,
    ),
    ingress: refList(
      `${NET}.NetworkPolicyIngressRule`,
      "Rules for incoming traffic. With Ingress in policyTypes and no rules, the selected pods accept nothing. Policies add up: traffic allowed by any one is allowed.",
      atomic,
    ),
    podSelector: ref(LABEL_SELECTOR, "The pods in this namespace the policy applies to. {} selects every pod in the namespace."),
    policyTypes: strList(
      'Directions the policy isolates: "Ingress", "Egress" or both. Defaults to Ingress, plus Egress when egress rules are given.',
      atomic,
    ),
  }),
  [NP]: obj("Controls which network traffic may reach, or leave, a set of pods. Enforced by the network plugin.", {
    ...typeMetaProps(),
    spec: ref(`${NET}.NetworkPolicySpec`, "The policy: selected pods and allowed traffic.", { default: {} }),
  }),
};

const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const CIDR_MSG = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

function validatePort(p: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
  if (p.port !== undefined && p.port !== null) {
    if (typeof p.port === "number") {
      if (!isPort(p.port)) errs.push(invalidValue(`${f}.port`, p.port, portNumberMsg));
      if (p.endPort !== undefined && p.endPort !== null) {
        if (p.endPort < p.port) errs.push(invalidValue(`${f}.endPort`, p.port, "must be greater than or equal to `port`"));
        if (!isPort(p.endPort)) errs.push(invalidValue(`${f}.endPort`, p.endPort, portNumberMsg));
      }
    } else {
      if (p.endPort !== undefined && p.endPort !== null) errs.push(invalidValue(`${f}.endPort`, p.endPort, "may not be specified when `port` is non-numeric"));
      for (const m of portName(String(p.port))) errs.push(invalidValue(`${f}.port`, p.port, m));
    }
  } else if (p.endPort !== undefined && p.endPort !== null) errs.push(invalidValue(`${f}.endPort`, p.endPort, "may not be specified when `port` is not specified"));
  return errs;
}

function validateIPBlock(b: any, f: string): FieldError[] {
  if (!b.cidr) return [required(`${f}.cidr`)];
  const cidr = parseCidr(b.cidr);
  if (!cidr) return [invalidValue(`${f}.cidr`, b.cidr, CIDR_MSG)];
  const errs: FieldError[] = [];
  (b.except ?? []).forEach((e: string, i: number) => {
    const ef = `${f}.except[${i}]`;
    const ex = parseCidr(e);
    if (!ex) return void errs.push(invalidValue(ef, e, CIDR_MSG));
    if (!cidrContains(cidr, ex) || cidr.bits >= ex.bits) errs.push(invalidValue(ef, e, "must be a strict subset of `cidr`"));
  });
  return errs;
}

function validatePeer(peer: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer?.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${f}.podSelector`));
  }
  if (peer?.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${f}.namespaceSelector`));
  }
  if (peer?.ipBlock) {
    n++;
    errs.push(...validateIPBlock(peer.ipBlock, `${f}.ipBlock`));
  }
  if (n === 0) errs.push(required(f, "must specify a peer"));
  else if (n > 1 && peer.ipBlock) errs.push(forbiddenField(f, "may not specify both ipBlock and another peer"));
  return errs;
}

export function validateNetworkPolicy(o: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  const spec = o.spec ?? {};
  errs.push(...validateLabelSelector(spec.podSelector, "spec.podSelector"));
  (spec.ingress ?? []).forEach((r: any, i: number) => {
    (r?.ports ?? []).forEach((p: any, j: number) => errs.push(...validatePort(p ?? {}, `spec.ingress[${i}].ports[${j}]`)));
    (r?.from ?? []).forEach((p: any, j: number) => errs.push(...validatePeer(p, `spec.ingress[${i}].from[${j}]`)));
  });
  (spec.egress ?? []).forEach((r: any, i: number) => {
    (r?.ports ?? []).forEach((p: any, j: number) => errs.push(...validatePort(p ?? {}, `spec.egress[${i}].ports[${j}]`)));
    (r?.to ?? []).forEach((p: any, j: number) => errs.push(...validatePeer(p, `spec.egress[${i}].to[${j}]`)));
  });
  const types: unknown[] = spec.policyTypes ?? [];
  if (types.length > 2) errs.push(invalidValue("spec.policyTypes", types, "may not specify more than two policyTypes"));
  else types.forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") errs.push(notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
  });
  return errs;
}

export function defaultNetworkPolicy(o: K8sObject): void {
  const spec = (o.spec ??= {});
  spec.podSelector ??= {};
  for (const r of spec.ingress ?? []) for (const p of r?.ports ?? []) p.protocol ??= "TCP";
  for (const r of spec.egress ?? []) for (const p of r?.ports ?? []) p.protocol ??= "TCP";
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ["Ingress", "Egress"] : ["Ingress"];
}

export const networkpolicy = defineKind({
  group: "networking.k8s.io",
  version: "v1",
  kind: "NetworkPolicy",
  plural: "networkpolicies",
  singular: "networkpolicy",
  namespaced: true,
  shortNames: ["netpol"],
  verbs: STANDARD_VERBS,
  rootSchema: NP,
  library,
  columns: [nameColumn, col("Pod-Selector", "Label selector of the pods the policy applies to."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, formatLabelSelector(o.spec?.podSelector), age(o, now)],
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
    defaultNetworkPolicy(o);
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    defaultNetworkPolicy(o);
    prepareUpdateCommon(o, old, { generation: true }, subresource);
  },
  validate: validateNetworkPolicy,
});
