// Test support (not used by the product): a tiny HTTPS API server that answers discovery from the
// kind registry, serves the OpenAPI v3 documents, stores what is POSTed, and records every write,
// so tests can run the real kubectl against the kinds, OpenAPI and protobuf modules alone.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import selfsigned from "selfsigned";
import type { KindRegistry } from "../cluster";
import { apiVersionOf, type KindDef } from "../kinds/types";
import { decodeProtobuf } from "../protobuf";
import type { K8sObject } from "../types";
import { openapiDocument, openapiIndex } from "./index";

export interface Recorded {
  method: string;
  path: string;
  query: string;
  contentType: string;
  body: Buffer;
}

export interface Recorder {
  url: string;
  recorded: Recorded[];
  /** Objects stored by POST, keyed by their item path (/apis/apps/v1/namespaces/default/deployments/web). */
  objects: Map<string, K8sObject>;
  /** A kubeconfig file for this server and a fresh cache dir, in a temp dir removed by close(). */
  kubeconfig: string;
  cacheDir: string;
  close(): void;
}

const notFound = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound", code: 404, message: "the server could not find the requested resource" };

export async function startRecorder(reg: KindRegistry): Promise<Recorder> {
  const ca = await selfsigned.generate([{ name: "commonName", value: "recorder" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  const recorded: Recorded[] = [];
  const objects = new Map<string, K8sObject>();
  const gvs = new Map<string, KindDef[]>();
  for (const k of reg.all()) {
    const gv = apiVersionOf(k);
    if (!gvs.has(gv)) gvs.set(gv, []);
    gvs.get(gv)!.push(k);
  }
  const server: Server = createServer({ key: ca.private, cert: ca.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "https://127.0.0.1");
      const p = url.pathname;
      const json = (code: number, o: unknown) => {
        res.writeHead(code, { "Content-Type": "application/json" });
        res.end(typeof o === "string" ? o : JSON.stringify(o));
      };
      if (req.method === "GET") {
        if (p === "/version") return json(200, { major: "1", minor: "32", gitVersion: "v1.32.2", platform: "linux/amd64" });
        if (p === "/api") return json(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
        if (p === "/apis")
          return json(200, {
            kind: "APIGroupList",
            apiVersion: "v1",
            groups: [...gvs.keys()]
              .filter((gv) => gv.includes("/"))
              .map((gv) => {
                const [name, version] = gv.split("/");
                return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
              }),
          });
        const gv = p === "/api/v1" ? "v1" : p.startsWith("/apis/") ? p.slice(6) : "";
        if (gvs.has(gv))
          return json(200, {
            kind: "APIResourceList",
            apiVersion: "v1",
            groupVersion: gv,
            resources: gvs.get(gv)!.map((k) => ({ name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: k.verbs, shortNames: k.shortNames ?? [] })),
          });
        if (p === "/openapi/v3") return json(200, openapiIndex(reg));
        if (p.startsWith("/openapi/v3/")) {
          const doc = openapiDocument(reg, p.slice("/openapi/v3/".length));
          return doc ? json(200, doc.body) : json(404, notFound);
        }
        const stored = objects.get(p);
        if (stored) return json(200, stored);
        const last = p.split("/").pop();
        return json(404, { ...notFound, message: `not found: ${last}`, details: { name: last } });
      }
      const body = Buffer.concat(chunks);
      const contentType = String(req.headers["content-type"] ?? "");
      recorded.push({ method: req.method ?? "", path: p, query: url.search, contentType, body });
      if (req.method === "POST") {
        const obj: K8sObject = contentType.includes("protobuf") ? decodeProtobuf(body, reg) : JSON.parse(body.toString("utf8"));
        if (obj.kind === "SelfSubjectAccessReview") return json(201, { ...obj, status: { allowed: true } });
        const stored = { ...obj, metadata: { ...obj.metadata, uid: "u1", resourceVersion: "7", creationTimestamp: "2026-01-01T00:00:00Z" } };
        objects.set(`${p}/${obj.metadata.name}`, stored);
        return json(201, stored);
      }
      const stored = objects.get(p);
      return stored ? json(200, stored) : json(404, notFound);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), "kinds-recorder-"));
  const kubeconfig = join(dir, "config");
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "c", cluster: { server: `https://127.0.0.1:${port}`, "certificate-authority-data": Buffer.from(ca.cert).toString("base64") } }],
      users: [{ name: "u", user: { token: "t" } }],
      contexts: [{ name: "c", context: { cluster: "c", user: "u", namespace: "default" } }],
      "current-context": "c",
    }),
  );
  return {
    url: `https://127.0.0.1:${port}`,
    recorded,
    objects,
    kubeconfig,
    cacheDir: join(dir, "cache"),
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
