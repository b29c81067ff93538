// Label and field selectors in their query-string form (`labelSelector=app=web,tier in (a,b)`,
// `fieldSelector=spec.nodeName=kind-worker,status.phase!=Failed`), parsed and matched the way
// apimachinery's labels.Parse and fields.ParseSelector do, and the per-kind field labels the API
// server accepts (each kind's registry GetAttrs upstream). Unsupported field labels get the
// API server's error wording.
import { badRequest } from "../errors";
import type { K8sObject } from "../types";

export type LabelOp = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

const KEY = /^([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== "");
}

function checkKey(key: string, whole: string): void {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (in selector "${whole}")`);
}

function checkValue(v: string): void {
  if (v.length > 63 || !VALUE.test(v))
    throw badRequest(`unable to parse requirement: invalid label value: "${v}": at key: must be no more than 63 characters; a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

/** labels.Parse: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`. */
export function parseLabelSelector(s: string | null | undefined): LabelRequirement[] {
  if (!s || !s.trim()) return [];
  const reqs: LabelRequirement[] = [];
  for (const term of splitTerms(s)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^!\s*(\S+)$/))) {
      checkKey(m[1], s);
      reqs.push({ key: m[1], op: "!", values: [] });
    } else if ((m = term.match(/^(\S+?)\s+(in|notin)\s*\((.*)\)$/))) {
      checkKey(m[1], s);
      const values = m[3].split(",").map((v) => v.trim());
      values.forEach(checkValue);
      reqs.push({ key: m[1], op: m[2] as "in" | "notin", values });
    } else if ((m = term.match(/^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/))) {
      checkKey(m[1], s);
      const op = m[2] === "!=" ? "!=" : m[2] === ">" ? "gt" : m[2] === "<" ? "lt" : "=";
      if (op === "gt" || op === "lt") {
        if (!/^-?\d+$/.test(m[3])) throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      } else checkValue(m[3]);
      reqs.push({ key: m[1], op, values: [m[3]] });
    } else if ((m = term.match(/^(\S+)$/)) && !/[=!()]/.test(term)) {
      checkKey(m[1], s);
      reqs.push({ key: m[1], op: "exists", values: [] });
    } else {
      throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
    }
  }
  return reqs;
}

export function labelsMatch(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
      case "gt":
      case "lt": {
        const n = Number(v);
        if (!has || !/^-?\d+$/.test(v)) return false;
        if (r.op === "gt" ? !(n > Number(r.values[0])) : !(n < Number(r.values[0]))) return false;
        break;
      }
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

/** fields.ParseSelector: comma-separated `f=v`, `f==v`, `f!=v` (backslash escapes `,` `=` `!`). */
export function parseFieldSelector(s: string | null | undefined): FieldRequirement[] {
  if (!s || !s.trim()) return [];
  const out: FieldRequirement[] = [];
  const terms: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === ",") {
      terms.push(cur);
      cur = "";
    } else cur += s[i];
  }
  terms.push(cur);
  for (const t of terms) {
    if (!t) continue;
    const m = t.match(/^((?:\\.|[^=!\\])+?)(!=|==|=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${s}'; can't understand '${t}'`);
    const unescape = (x: string) => x.replace(/\\(.)/g, "$1");
    out.push({ field: unescape(m[1].trim()), op: m[2] === "!=" ? "!=" : "=", value: unescape(m[3].trim()) });
  }
  return out;
}

/** How one field label reads its value from an object ("" when unset, booleans as "true"/"false"). */
type FieldGetter = (o: K8sObject) => string;

const path =
  (...p: string[]): FieldGetter =>
  (o) => {
    let v: any = o;
    for (const k of p) v = v?.[k];
    return v === undefined || v === null ? "" : String(v);
  };

/**
 * The field labels each kind supports beyond metadata.name/metadata.namespace (upstream's
 * per-registry GetAttrs / field label conversion funcs), keyed by "group/Kind".
 */
const kindFields: Record<string, Record<string, FieldGetter>> = {
  "/Pod": {
    "spec.nodeName": path("spec", "nodeName"),
    "spec.restartPolicy": path("spec", "restartPolicy"),
    "spec.schedulerName": path("spec", "schedulerName"),
    "spec.serviceAccountName": path("spec", "serviceAccountName"),
    "spec.hostNetwork": (o) => String(Boolean(o.spec?.hostNetwork)),
    "status.phase": path("status", "phase"),
    "status.podIP": path("status", "podIP"),
    "status.nominatedNodeName": path("status", "nominatedNodeName"),
  },
  "/Event": {
    "involvedObject.kind": path("involvedObject", "kind"),
    "involvedObject.namespace": path("involvedObject", "namespace"),
    "involvedObject.name": path("involvedObject", "name"),
    "involvedObject.uid": path("involvedObject", "uid"),
    "involvedObject.apiVersion": path("involvedObject", "apiVersion"),
    "involvedObject.resourceVersion": path("involvedObject", "resourceVersion"),
    "involvedObject.fieldPath": path("involvedObject", "fieldPath"),
    reason: path("reason"),
    reportingComponent: path("reportingComponent"),
    source: path("source", "component"),
    type: path("type"),
  },
  "/Secret": { type: path("type") },
  "/Namespace": { "status.phase": path("status", "phase") },
  "/Node": { "spec.unschedulable": (o) => String(Boolean(o.spec?.unschedulable)) },
  "/Service": { "spec.clusterIP": path("spec", "clusterIP"), "spec.type": path("spec", "type") },
  "/ReplicationController": { "status.replicas": path("status", "replicas") },
  "apps/ReplicaSet": { "status.replicas": path("status", "replicas") },
  "batch/Job": { "status.successful": path("status", "succeeded") },
  "certificates.k8s.io/CertificateSigningRequest": { "spec.signerName": path("spec", "signerName") },
};

const common: Record<string, FieldGetter> = {
  "metadata.name": path("metadata", "name"),
  "metadata.namespace": path("metadata", "namespace"),
};

/** What the kind a selector applies to is, for messages: "/v1, Resource=pods". */
export interface SelectorTarget {
  group: string;
  version: string;
  kind: string;
  resource: string;
}

export interface ObjectFilter {
  labels: LabelRequirement[];
  fields: { req: FieldRequirement; get: FieldGetter }[];
  /** True when nothing is filtered (fast path). */
  empty: boolean;
}

/** Parses both selectors for one kind; 400 with the API server's wording for an unsupported field label. */
export function compileFilter(target: SelectorTarget, labelSelector: string | null, fieldSelector: string | null): ObjectFilter {
  const labels = parseLabelSelector(labelSelector);
  const reqs = parseFieldSelector(fieldSelector);
  const table = kindFields[`${target.group}/${target.kind}`] ?? {};
  const fields = reqs.map((req) => {
    const get = common[req.field] ?? table[req.field];
    if (!get) {
      const gv = target.group ? `${target.group}/${target.version}` : `/${target.version}`;
      throw badRequest(`Unable to find "${gv}, Resource=${target.resource}" that match label selector "${labelSelector ?? ""}", field selector "${fieldSelector ?? ""}": field label not supported: ${req.field}`);
    }
    return { req, get };
  });
  return { labels, fields, empty: labels.length === 0 && fields.length === 0 };
}

export function matches(f: ObjectFilter, o: K8sObject): boolean {
  if (f.empty) return true;
  if (!labelsMatch(f.labels, o.metadata?.labels)) return false;
  for (const { req, get } of f.fields) {
    const v = get(o);
    if (req.op === "=" ? v !== req.value : v === req.value) return false;
  }
  return true;
}
