// registry.k8s.io/ingress-nginx/controller: listens on 80/443 (HTTP/HTTPS, routed by the
// network part's ingress handler: Ingress host/path rules, default backend, 404 page), 8443
// (the admission webhook) and 10254 (/healthz and /metrics, which its probes hit).
import type { ContainerContext, ContainerProcess, ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { ALPINE_BASE, OS } from "./userland";
import { ingressHandler } from "../network";

export function ingressNginxProfile(ref: ImageRef): ImageProfile {
  const release = ref.tag?.replace(/@.*$/, "") || "v1.12.0";
  return {
    repository: "registry.k8s.io/ingress-nginx/controller",
    tools: [...ALPINE_BASE, "bash", "curl"],
    shell: "ash",
    libc: "musl",
    digest: "sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    workdir: "/etc/nginx",
    user: { uid: 101, gid: 82, name: "www-data", group: "www-data" },
    os: OS.alpine,
    start(ctx: ContainerContext): ContainerProcess {
      const serve = ctx.cluster ? ingressHandler(ctx.cluster) : undefined;
      return {
        listeners: [
          { port: 80, protocol: "TCP", kind: "http" },
          { port: 443, protocol: "TCP", kind: "http" },
          { port: 8443, protocol: "TCP", kind: "tcp" },
          { port: 10254, protocol: "TCP", kind: "http" },
        ],
        startupLogs: [
          "-------------------------------------------------------------------------------",
          "NGINX Ingress controller",
          `  Release:       ${release}`,
          "  Build:         3f0129aa8ef3d9d3c1e6b6a8e6f1aa8d0d2d1c7e",
          "  Repository:    https://github.com/kubernetes/ingress-nginx",
          "  nginx version: nginx/1.25.5",
          "",
          "-------------------------------------------------------------------------------",
          "",
        ],
        async handleHttp(port, req) {
          const now = ctx.clock.now();
          if (port === 10254) {
            const ok = req.path.startsWith("/healthz");
            const body = ok ? "ok" : "404 page not found\n";
            return { status: ok ? 200 : 404, statusText: ok ? "OK" : "Not Found", headers: { Date: now.toUTCString(), "Content-Length": String(body.length), "Content-Type": "text/plain; charset=utf-8" }, body };
          }
          if (!serve) throw new Error("the kubelet must pass ContainerContext.cluster for the ingress controller to route requests");
          return serve(ctx.pod, port, req);
        },
      };
    },
  };
}
