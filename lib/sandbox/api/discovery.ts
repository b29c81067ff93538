// API discovery built from the kind registry: aggregated discovery v2 (what kubectl ≥1.26 asks
// for first on /api and /apis) and the legacy documents (/api, /api/v1, /apis, /apis/<g>,
// /apis/<g>/<v>; `kubectl auth can-i` always reads /api/v1). The registry never changes at run
// time, so every document is rendered once and shared by all sandboxes.
import { createHash } from "node:crypto";
import type { KindRegistry } from "../cluster";
import type { KindDef, Subresource } from "../kinds/types";

export const AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

interface GVK {
  group: string;
  version: string;
  kind: string;
}

/** Response kinds and verbs of subresources, as upstream registers them. */
function subresourceInfo(def: KindDef, sub: Subresource): { kind: GVK; verbs: string[] } {
  const self = { group: def.group, version: def.version, kind: def.kind };
  switch (sub) {
    case "status":
      return { kind: self, verbs: ["get", "patch", "update"] };
    case "scale":
      return { kind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] };
    case "log":
      return { kind: { group: "", version: "v1", kind: "Pod" }, verbs: ["get"] };
    case "exec":
      return { kind: { group: "", version: "v1", kind: "PodExecOptions" }, verbs: ["create", "get"] };
    case "attach":
      return { kind: { group: "", version: "v1", kind: "PodAttachOptions" }, verbs: ["create", "get"] };
    case "portforward":
      return { kind: { group: "", version: "v1", kind: "PodPortForwardOptions" }, verbs: ["create", "get"] };
    case "binding":
      return { kind: { group: "", version: "v1", kind: "Binding" }, verbs: ["create"] };
    case "eviction":
      return { kind: { group: "policy", version: "v1", kind: "Eviction" }, verbs: ["create"] };
    case "ephemeralcontainers":
      return { kind: self, verbs: ["get", "patch", "update"] };
  }
}

/** storageVersionHash as upstream computes it: base64 of the first 8 bytes of sha256("<group>/<version>/<kind>"). */
const storageVersionHash = (d: KindDef) => createHash("sha256").update(`${d.group}/${d.version}/${d.kind}`).digest().subarray(0, 8).toString("base64");

// The order upstream's /apis lists groups in (by group priority); unknown groups come after, by name.
const GROUP_ORDER = [
  "apiregistration.k8s.io",
  "apps",
  "events.k8s.io",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "node.k8s.io",
  "discovery.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "resource.k8s.io",
];

/** Kubernetes version priority: v2 > v1 > v2beta1 > v1beta1 > v1alpha1. */
function versionRank(v: string): number[] {
  const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
  if (!m) return [0, 0, 0];
  const stability = m[2] === "alpha" ? 1 : m[2] === "beta" ? 2 : 3;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}
const byVersionPriority = (a: string, b: string) => {
  const ra = versionRank(a);
  const rb = versionRank(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
  return 0;
};

export interface DiscoveryDocs {
  aggregatedApi: string;
  aggregatedApis: string;
  legacyApi: string;
  legacyApis: string;
  /** "v1" or "apps" → APIGroup document. */
  groups: Map<string, string>;
  /** "v1" or "apps/v1" → APIResourceList. */
  groupVersions: Map<string, string>;
}

const cache = new WeakMap<KindRegistry, DiscoveryDocs>();

export function discoveryDocs(reg: KindRegistry): DiscoveryDocs {
  let d = cache.get(reg);
  if (!d) {
    d = build(reg.all());
    cache.set(reg, d);
  }
  return d;
}

function build(defs: KindDef[]): DiscoveryDocs {
  // group → version → defs
  const groups = new Map<string, Map<string, KindDef[]>>();
  for (const d of defs) {
    const g = groups.get(d.group) ?? new Map<string, KindDef[]>();
    const list = g.get(d.version) ?? [];
    list.push(d);
    g.set(d.version, list);
    groups.set(d.group, g);
  }
  const versionsOf = (g: string) => [...(groups.get(g)?.keys() ?? [])].sort(byVersionPriority);
  const namedGroups = [...groups.keys()]
    .filter((g) => g !== "")
    .sort((a, b) => {
      const ia = GROUP_ORDER.indexOf(a);
      const ib = GROUP_ORDER.indexOf(b);
      if (ia >= 0 && ib >= 0) return ia - ib;
      if (ia >= 0) return -1;
      if (ib >= 0) return 1;
      return a < b ? -1 : 1;
    });

  const aggregatedResource = (d: KindDef) => ({
    resource: d.plural,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? "Namespaced" : "Cluster",
    singularResource: d.singular,
    verbs: [...d.verbs].sort(),
    ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories?.length ? { categories: d.categories } : {}),
    ...(d.subresources?.length
      ? {
          subresources: d.subresources.map((s) => {
            const info = subresourceInfo(d, s);
            return { subresource: s, responseKind: info.kind, verbs: info.verbs };
          }),
        }
      : {}),
  });
  const byPlural = (a: KindDef, b: KindDef) => (a.plural < b.plural ? -1 : 1);
  const aggregatedGroup = (g: string) => ({
    metadata: g ? { name: g, creationTimestamp: null } : { creationTimestamp: null },
    versions: versionsOf(g).map((v) => ({ version: v, resources: [...groups.get(g)!.get(v)!].sort(byPlural).map(aggregatedResource), freshness: "Current" })),
  });
  const aggregatedList = (items: unknown[]) => JSON.stringify({ kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items });

  const legacyGroup = (g: string) => {
    const versions = versionsOf(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v }));
    return { name: g, versions, preferredVersion: versions[0] };
  };

  const groupVersions = new Map<string, string>();
  for (const [g, vs] of groups) {
    for (const [v, list] of vs) {
      const gv = g ? `${g}/${v}` : v;
      const resources: unknown[] = [];
      for (const d of [...list].sort(byPlural)) {
        resources.push({
          name: d.plural,
          singularName: d.singular,
          namespaced: d.namespaced,
          kind: d.kind,
          verbs: [...d.verbs].sort(),
          ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
          ...(d.categories?.length ? { categories: d.categories } : {}),
          ...(d.createOnly ? {} : { storageVersionHash: storageVersionHash(d) }),
        });
        for (const s of d.subresources ?? []) {
          const info = subresourceInfo(d, s);
          resources.push({
            name: `${d.plural}/${s}`,
            singularName: "",
            namespaced: d.namespaced,
            ...(info.kind.group !== d.group || info.kind.version !== d.version ? { group: info.kind.group, version: info.kind.version } : {}),
            kind: info.kind.kind,
            verbs: info.verbs,
          });
        }
      }
      groupVersions.set(gv, JSON.stringify({ kind: "APIResourceList", apiVersion: "v1", groupVersion: gv, resources }));
    }
  }

  const groupDocs = new Map<string, string>();
  for (const g of namedGroups) groupDocs.set(g, JSON.stringify({ kind: "APIGroup", apiVersion: "v1", ...legacyGroup(g) }));

  return {
    aggregatedApi: aggregatedList(groups.has("") ? [aggregatedGroup("")] : []),
    aggregatedApis: aggregatedList(namedGroups.map(aggregatedGroup)),
    legacyApi: JSON.stringify({ kind: "APIVersions", versions: versionsOf(""), serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "172.18.0.2:6443" }] }),
    legacyApis: JSON.stringify({ kind: "APIGroupList", apiVersion: "v1", groups: namedGroups.map(legacyGroup) }),
    groups: groupDocs,
    groupVersions,
  };
}
