// The non-resource endpoints: /version, health checks, discovery documents and OpenAPI v3 (the
// index and hash-addressed group-version documents kubectl needs for apply, create -f, replace
// and explain). Everything here is the same for every sandbox and is rendered once.
import type { KindRegistry } from "../cluster";
import { notFoundPath } from "../errors";
import { openapiDocument, openapiIndex } from "../openapi";
import { AGGREGATED_CONTENT_TYPE, discoveryDocs } from "./discovery";
import { parseAccept, sendJSON, sendText, type Reply } from "./http";
import type { RequestContext } from "./context";
import type { Route } from "./route";

/** A kind v1.32.2 node image's API server (kindest/node:v1.32.2). */
export const VERSION_INFO = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.2",
  gitCommit: "67a30c0adcf52bd3f56ff0893ce19966be12991f",
  gitTreeState: "clean",
  buildDate: "2025-02-12T21:19:47Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64",
};
const VERSION_BODY = JSON.stringify(VERSION_INFO, null, 2);

/** Endpoints anyone may call without a token (system:public-info-viewer upstream). */
export function isPublic(route: Route): boolean {
  return route.type === "version" || route.type === "health";
}

/** The checks a verbose health endpoint lists (a subset of upstream's, all passing in-process). */
const HEALTH_CHECKS = ["ping", "log", "etcd", "poststarthook/start-apiserver-admission-initializer", "poststarthook/generic-apiserver-start-informers", "poststarthook/bootstrap-controller"];

export function servePublic(r: Reply, route: Route, query?: URLSearchParams): void {
  if (route.type === "version") return sendJSON(r, 200, VERSION_BODY);
  if (route.type === "health") {
    // /healthz, /livez, /readyz and their /<check> forms; ?verbose lists the checks as upstream does.
    const [endpoint, ...check] = route.which.split("/");
    if (check.length) {
      if (!HEALTH_CHECKS.includes(check.join("/"))) throw notFoundPath();
      return sendText(r, 200, "ok");
    }
    if (query?.has("verbose")) return sendText(r, 200, HEALTH_CHECKS.map((c) => `[+]${c} ok\n`).join("") + `${endpoint} check passed\n`);
    return sendText(r, 200, "ok");
  }
  throw notFoundPath();
}

const indexCache = new WeakMap<KindRegistry, string>();

function openapiIndexBody(reg: KindRegistry): string {
  let s = indexCache.get(reg);
  if (!s) {
    s = JSON.stringify(openapiIndex(reg));
    indexCache.set(reg, s);
  }
  return s;
}

export function serveDiscoveryOrOpenAPI(ctx: RequestContext, route: Route): void {
  const reg = ctx.cluster.kinds;
  const docs = discoveryDocs(reg);
  const accept = parseAccept(ctx.req.headers.accept);
  const vary = { Vary: "Accept" };
  switch (route.type) {
    case "discovery-api":
      return accept.aggregatedDiscovery ? sendJSON(ctx, 200, docs.aggregatedApi, AGGREGATED_CONTENT_TYPE, vary) : sendJSON(ctx, 200, docs.legacyApi, "application/json", vary);
    case "discovery-apis":
      return accept.aggregatedDiscovery ? sendJSON(ctx, 200, docs.aggregatedApis, AGGREGATED_CONTENT_TYPE, vary) : sendJSON(ctx, 200, docs.legacyApis, "application/json", vary);
    case "discovery-group": {
      const g = docs.groups.get(route.group);
      if (!g) throw notFoundPath();
      return sendJSON(ctx, 200, g);
    }
    case "discovery-gv": {
      const gv = docs.groupVersions.get(route.group ? `${route.group}/${route.version}` : route.version);
      if (!gv) throw notFoundPath();
      return sendJSON(ctx, 200, gv);
    }
    case "openapi-v3-index":
      return sendJSON(ctx, 200, openapiIndexBody(reg));
    case "openapi-v3-doc": {
      const doc = openapiDocument(reg, route.gvPath);
      if (!doc) throw notFoundPath();
      const asked = ctx.query.get("hash");
      const etag = `"${doc.hash}"`;
      if (asked && asked !== doc.hash) {
        // A stale hash: send the client to the current document, as upstream's handler does.
        ctx.res.writeHead(301, { Location: `/openapi/v3/${route.gvPath}?hash=${doc.hash}`, "Cache-Control": "no-cache, private", "Content-Length": 0 });
        ctx.res.end();
        return;
      }
      if (ctx.req.headers["if-none-match"] === etag) {
        ctx.res.writeHead(304, { ETag: etag });
        ctx.res.end();
        return;
      }
      const caching: Record<string, string> = asked ? { "Cache-Control": "public, immutable", Expires: new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString() } : { "Cache-Control": "no-cache, private" };
      return sendJSON(ctx, 200, doc.body, "application/json", { ETag: etag, ...caching });
    }
    case "openapi-v2":
      // kubectl asks for v2 only as protobuf; 404 makes it use v3 (kubectl-wire §4).
      throw notFoundPath();
    default:
      throw notFoundPath();
  }
}
