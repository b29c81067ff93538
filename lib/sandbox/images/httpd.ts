// docker.io/library/httpd (Apache 2.4 on Debian bookworm): `httpd-foreground` serves
// /usr/local/apache2/htdocs on 80 ("It works!") and logs requests in Common Log Format to stdout.
// No curl, wget or other network tools in the image.
import type { ContainerProcess, HttpResponse, ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { DEBIAN_BASE, DEBIAN_PATH, OS } from "./userland";
import { clfTime, effectiveArgv, httpDate, runCommand } from "./process";

const DOCROOT = "/usr/local/apache2/htdocs";
export const HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";
const NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;

function apacheTime(d: Date): string {
  const s = d.toUTCString(); // Fri, 27 Nov 2026 06:30:00 GMT
  const [, dow, day, mon, year, time] = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+)/.exec(s)!;
  return `${dow} ${mon} ${day} ${time}.${String(d.getUTCMilliseconds() * 1000).padStart(6, "0")} ${year}`;
}

export function httpdProfile(ref: ImageRef): ImageProfile {
  const version = /^2\.4\.\d+/.exec(ref.tag ?? "")?.[0] ?? "2.4.62";
  const profile: ImageProfile = {
    repository: "docker.io/library/httpd",
    tools: [...DEBIAN_BASE],
    shell: "sh",
    libc: "glibc",
    digest: "sha256:72f6e2a8ebd0b8a2a3a6a3b9a52e6c8e1dfbb1e2c3a4d6f8b21c6d1b8f0a9e47",
    env: { PATH: `/usr/local/apache2/bin:${DEBIAN_PATH}`, HTTPD_PREFIX: "/usr/local/apache2", HTTPD_VERSION: version },
    workdir: "/usr/local/apache2",
    os: OS.debian,
    start(ctx): ContainerProcess {
      const files = new Map<string, string>([[`${DOCROOT}/index.html`, HTTPD_INDEX]]);
      const argv = effectiveArgv(ctx.container, [], ["httpd-foreground"]);
      if (argv[0] !== "httpd-foreground" && argv[0] !== "/usr/local/bin/httpd-foreground") return runCommand(ctx, profile, argv, files);
      const now = ctx.clock.now();
      const ah00558 = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      return {
        listeners: [{ port: 80, protocol: "TCP", kind: "http" }],
        files,
        startupLogs: [
          ah00558,
          ah00558,
          `[${apacheTime(now)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`,
          `[${apacheTime(now)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
        ],
        handleHttp(_port, req) {
          const t = ctx.clock.now();
          const path = req.path.split("?")[0];
          const body = files.get(`${DOCROOT}${path.endsWith("/") ? `${path}index.html` : path}`);
          const res: HttpResponse =
            body !== undefined
              ? { status: 200, statusText: "OK", headers: { Date: httpDate(t), Server: `Apache/${version} (Unix)`, "Last-Modified": "Mon, 11 Jun 2007 18:53:14 GMT", ETag: '"2d-432a5e4a73a80"', "Accept-Ranges": "bytes", "Content-Length": String(Buffer.byteLength(body)), "Content-Type": "text/html" }, body: req.method === "HEAD" ? "" : body }
              : { status: 404, statusText: "Not Found", headers: { Date: httpDate(t), Server: `Apache/${version} (Unix)`, "Content-Length": String(Buffer.byteLength(NOT_FOUND)), "Content-Type": "text/html; charset=iso-8859-1" }, body: NOT_FOUND };
          ctx.log(`${req.clientIp} - - [${clfTime(t)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${req.method === "HEAD" ? "-" : Buffer.byteLength(res.body)}`);
          return res;
        },
      };
    },
  };
  return profile;
}
