// docker.io/library/nginx (the official image, Debian bookworm; the -alpine tags on Alpine):
// /docker-entrypoint.sh prints its startup lines, nginx serves /usr/share/nginx/html on 80 with
// the stock welcome page, and writes one access-log line per request to stdout in the image's
// "main" log_format (combined + "$http_x_forwarded_for"). The Debian image ships curl (its
// Dockerfile installs it), but no wget, ping, nslookup, nc, ip or ps.
import type { ContainerContext, ContainerProcess, HttpRequest, HttpResponse, ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { ALPINE_BASE, DEBIAN_BASE, DEBIAN_PATH, OS } from "./userland";
import { clfTime, effectiveArgv, httpDate, nowLog, runCommand, STATUS_TEXT } from "./process";

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const DOCROOT = "/usr/share/nginx/html";
const KNOWN_VERSIONS: Record<string, string> = { "1.27": "1.27.3", "1.26": "1.26.2", "1.25": "1.25.5", "1.24": "1.24.0", "1.23": "1.23.4", mainline: "1.27.3", stable: "1.26.2", latest: "1.27.3" };

export function nginxVersion(tag?: string): string {
  const t = (tag ?? "latest").replace(/-.*$/, "");
  if (/^\d+\.\d+\.\d+$/.test(t)) return t;
  return KNOWN_VERSIONS[t] ?? "1.27.3";
}

export function errorPage(status: number, version: string): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ""}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** nginx's handling of a static request against the docroot in the container's files. */
export function serveStatic(files: Map<string, string>, req: HttpRequest, version: string, now: Date): HttpResponse {
  const base = { Server: `nginx/${version}`, Date: httpDate(now) };
  const path = decodeURIComponent(req.path.split("?")[0]);
  if (!["GET", "HEAD"].includes(req.method)) {
    const body = errorPage(405, version);
    return { status: 405, statusText: "Not Allowed", headers: { ...base, "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(body)), Connection: "keep-alive" }, body };
  }
  const file = path.endsWith("/") ? `${DOCROOT}${path}index.html` : `${DOCROOT}${path}`;
  const content = files.get(file);
  if (content === undefined) {
    const isDir = [...files.keys()].some((k) => k.startsWith(`${DOCROOT}${path}/`));
    if (isDir) {
      const body = `<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
      return { status: 301, statusText: "Moved Permanently", headers: { ...base, "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(body)), Location: `http://${req.host}${path}/`, Connection: "keep-alive" }, body };
    }
    const status = path.endsWith("/") ? 403 : 404;
    const body = errorPage(status, version);
    return { status, statusText: STATUS_TEXT[status], headers: { ...base, "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(body)), Connection: "keep-alive" }, body };
  }
  const type = file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "application/javascript" : file.endsWith(".json") ? "application/json" : "text/plain";
  return {
    status: 200,
    statusText: "OK",
    headers: { ...base, "Content-Type": type, "Content-Length": String(Buffer.byteLength(content)), "Last-Modified": "Tue, 26 Nov 2024 15:55:00 GMT", Connection: "keep-alive", ETag: `"6745ef54-${Buffer.byteLength(content).toString(16)}"`, "Accept-Ranges": "bytes" },
    body: req.method === "HEAD" ? "" : content,
  };
}

export function accessLogLine(req: HttpRequest, res: HttpResponse, now: Date): string {
  const h = (name: string) => Object.entries(req.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const bytes = req.method === "HEAD" ? 0 : Buffer.byteLength(res.body);
  return `${req.clientIp} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "${h("referer") ?? "-"}" "${h("user-agent") ?? "-"}" "${h("x-forwarded-for") ?? "-"}"`;
}

function entrypointLines(version: string, now: Date, alpine: boolean): string[] {
  const t = nowLog(now);
  return [
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
    ...nginxNotices(version, t, alpine),
  ];
}

function nginxNotices(version: string, t: string, alpine: boolean): string[] {
  return [
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${version}`,
    alpine ? `${t} [notice] 1#1: built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ` : `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
    `${t} [notice] 1#1: OS: Linux 6.8.0-48-generic`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    ...[29, 30, 31, 32].map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
  ];
}

export function nginxServer(ctx: ContainerContext, version: string, files: Map<string, string>, startupLogs: string[]): ContainerProcess {
  if (!files.has(`${DOCROOT}/index.html`)) files.set(`${DOCROOT}/index.html`, NGINX_WELCOME);
  if (!files.has(`${DOCROOT}/50x.html`)) files.set(`${DOCROOT}/50x.html`, NGINX_50X);
  return {
    listeners: [{ port: 80, protocol: "TCP", kind: "http" }],
    startupLogs,
    files,
    handleHttp(_port, req) {
      const now = ctx.clock.now();
      const res = serveStatic(files, req, version, now);
      ctx.log(accessLogLine(req, res, now));
      return res;
    },
  };
}

export function nginxProfile(ref: ImageRef): ImageProfile {
  const version = nginxVersion(ref.tag);
  const alpine = (ref.tag ?? "").includes("alpine");
  const profile: ImageProfile = {
    repository: "docker.io/library/nginx",
    tools: alpine ? [...ALPINE_BASE, "curl"] : [...DEBIAN_BASE, "curl"],
    shell: alpine ? "ash" : "sh",
    libc: alpine ? "musl" : "glibc",
    digest: alpine ? "sha256:41523187cf7d7a2f2677a80609d9caa14388bf5c1fbca9c410ba3de602aaaab4" : "sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a",
    env: { PATH: DEBIAN_PATH, NGINX_VERSION: version, NJS_VERSION: "0.8.7", NJS_RELEASE: "1~bookworm", PKG_RELEASE: "1~bookworm", DYNPKG_RELEASE: "1~bookworm" },
    os: alpine ? OS.alpine : OS.debian,
    start(ctx) {
      const files = new Map<string, string>();
      const argv = effectiveArgv(ctx.container, ["/docker-entrypoint.sh"], ["nginx", "-g", "daemon off;"]);
      const viaEntrypoint = argv[0] === "/docker-entrypoint.sh" || argv[0] === "docker-entrypoint.sh";
      const rest = viaEntrypoint ? argv.slice(1) : argv;
      const bin = rest[0]?.slice(rest[0].lastIndexOf("/") + 1);
      if (bin === "nginx" || bin === "nginx-debug") {
        const now = ctx.clock.now();
        return nginxServer(ctx, version, files, viaEntrypoint ? entrypointLines(version, now, alpine) : nginxNotices(version, nowLog(now), alpine));
      }
      // The entrypoint script ends with `exec "$@"` for anything else.
      return runCommand(ctx, profile, rest.length ? rest : argv, files);
    },
  };
  return profile;
}
