// Turns a networking.k8s.io/v1 NetworkPolicy object into the compiled form the evaluator walks:
// selectors as predicates, CIDRs as numbers, and the API's defaulting applied (policyTypes, TCP as
// the default protocol). Compiled once per store generation (see snapshot.ts).
import type { K8sObject } from "../types";
import type { Protocol } from "./types";
import { parseCidr, type Cidr } from "./ip";
import { compileSelector, type Matcher } from "../labels";

export interface CompiledPeer {
  /** podSelector and/or namespaceSelector: both in one peer means AND. */
  podSelector?: Matcher;
  namespaceSelector?: Matcher;
  ipBlock?: { cidr: Cidr; except: Cidr[] };
  /** How the peer reads in an explanation: "podSelector app=web in namespaceSelector team=a". */
  text: string;
}

export interface CompiledPort {
  protocol: Protocol;
  /** A number, a named container port, or undefined for "every port of this protocol". */
  port?: number | string;
  endPort?: number;
  text: string;
}

export interface CompiledRule {
  index: number;
  /** Undefined (field missing or empty list) = every peer. */
  peers?: CompiledPeer[];
  /** Undefined (field missing or empty list) = every port. */
  ports?: CompiledPort[];
}

export interface CompiledPolicy {
  ns: string;
  name: string;
  podSelector: Matcher;
  /** Whether the policy isolates the pods it selects for each direction (policyTypes). */
  ingressType: boolean;
  egressType: boolean;
  ingress: CompiledRule[];
  egress: CompiledRule[];
}

function compilePeer(p: any): CompiledPeer {
  const out: CompiledPeer = { text: "" };
  const parts: string[] = [];
  if (p?.podSelector) {
    out.podSelector = compileSelector(p.podSelector);
    parts.push(`podSelector ${out.podSelector.text}`);
  }
  if (p?.namespaceSelector) {
    out.namespaceSelector = compileSelector(p.namespaceSelector);
    parts.push(`namespaceSelector ${out.namespaceSelector.text}`);
  }
  if (p?.ipBlock?.cidr) {
    const cidr = parseCidr(p.ipBlock.cidr);
    const except = (p.ipBlock.except ?? []).map((e: string) => parseCidr(e)).filter(Boolean) as Cidr[];
    if (cidr) out.ipBlock = { cidr, except };
    parts.push(`ipBlock ${p.ipBlock.cidr}${except.length ? ` except ${except.map((e) => e.text).join(", ")}` : ""}`);
  }
  out.text = parts.join(" and ") || "<empty peer>";
  return out;
}

function compilePort(p: any): CompiledPort {
  const protocol: Protocol = p?.protocol === "UDP" || p?.protocol === "SCTP" ? p.protocol : "TCP";
  const port: number | string | undefined = p?.port === undefined || p?.port === null ? undefined : p.port;
  const endPort: number | undefined = typeof port === "number" && typeof p?.endPort === "number" ? p.endPort : undefined;
  const text = port === undefined ? `any port/${protocol}` : endPort !== undefined ? `${port}-${endPort}/${protocol}` : `${port}/${protocol}`;
  return { protocol, port, endPort, text };
}

function compileRules(rules: any[] | undefined | null, peerField: "from" | "to"): CompiledRule[] {
  return (rules ?? []).map((r, index) => ({
    index,
    peers: r?.[peerField]?.length ? r[peerField].map(compilePeer) : undefined,
    ports: r?.ports?.length ? r.ports.map(compilePort) : undefined,
  }));
}

export function compilePolicy(obj: K8sObject): CompiledPolicy {
  const spec = obj.spec ?? {};
  // API defaulting (pkg/apis/networking/v1/defaults.go): without policyTypes, a policy is always
  // an Ingress policy, and also an Egress policy when it has at least one egress rule.
  const types: string[] = spec.policyTypes?.length ? spec.policyTypes : ["Ingress", ...(spec.egress?.length ? ["Egress"] : [])];
  return {
    ns: obj.metadata.namespace ?? "default",
    name: obj.metadata.name!,
    podSelector: compileSelector(spec.podSelector ?? {}),
    ingressType: types.includes("Ingress"),
    egressType: types.includes("Egress"),
    ingress: compileRules(spec.ingress, "from"),
    egress: compileRules(spec.egress, "to"),
  };
}
