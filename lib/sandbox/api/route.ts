// Parses an API path into what it names, as the API server's installer lays out its routes:
//   /api/v1/[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]
//   /apis/<group>/<version>/[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]
// plus the discovery, version, OpenAPI and health endpoints.

export type Route =
  | { type: "discovery-api" } // /api
  | { type: "discovery-apis" } // /apis
  | { type: "discovery-group"; group: string } // /apis/<g>
  | { type: "discovery-gv"; group: string; version: string } // /api/v1, /apis/<g>/<v>
  | { type: "version" }
  | { type: "health"; which: string }
  | { type: "openapi-v3-index" }
  | { type: "openapi-v3-doc"; gvPath: string }
  | { type: "openapi-v2" }
  | { type: "resource"; group: string; version: string; namespace?: string; resource: string; name?: string; subresource?: string }
  | { type: "unknown" };

const HEALTH = new Set(["healthz", "readyz", "livez"]);

/** Subresources of a namespace (everything else after namespaces/<ns>/ is a namespaced resource). */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

export function parseRoute(pathname: string): Route {
  let segs: string[];
  try {
    segs = pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
  } catch {
    return { type: "unknown" }; // a malformed %-escape names nothing
  }
  if (!segs.length) return { type: "unknown" };
  const [first] = segs;
  if (first === "version" && segs.length === 1) return { type: "version" };
  if (HEALTH.has(first)) return { type: "health", which: segs.join("/") };
  if (first === "openapi") {
    if (segs[1] === "v2" && segs.length === 2) return { type: "openapi-v2" };
    if (segs[1] === "v3") return segs.length === 2 ? { type: "openapi-v3-index" } : { type: "openapi-v3-doc", gvPath: segs.slice(2).join("/") };
    return { type: "unknown" };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (first === "api") {
    if (segs.length === 1) return { type: "discovery-api" };
    group = "";
    version = segs[1];
    rest = segs.slice(2);
  } else if (first === "apis") {
    if (segs.length === 1) return { type: "discovery-apis" };
    if (segs.length === 2) return { type: "discovery-group", group: segs[1] };
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return { type: "unknown" };
  if (!rest.length) return { type: "discovery-gv", group, version };

  if (rest[0] === "namespaces" && rest.length >= 3 && !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]))) {
    const [, namespace, resource, name, subresource, ...extra] = rest;
    if (extra.length) return { type: "unknown" };
    return { type: "resource", group, version, namespace, resource, name, subresource };
  }
  const [resource, name, subresource, ...extra] = rest;
  if (extra.length) return { type: "unknown" };
  return { type: "resource", group, version, resource, name, subresource };
}
