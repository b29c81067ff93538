// "The outside world" of the sandbox: a small, fixed set of public names and hosts that pods (and
// nodes) can reach through egress. Public IPv4 addresses answer TCP 80 and 443 with HTTP; every
// other port is silently dropped, as an internet firewall does, so tools time out rather than
// being refused. A few well-known public resolvers answer DNS on 53. Nothing here touches a real
// network: it is all computed.
import type { HttpRequest, HttpResponse } from "../images/types";
import type { Protocol } from "./types";
import { isPublicIPv4 } from "./ip";

/** Public names and their A records. Kept small and fixed so lessons and tests can rely on them. */
export const outsideNames: ReadonlyMap<string, string> = new Map([
  ["example.com", "93.184.215.14"],
  ["www.example.com", "93.184.215.14"],
  ["example.org", "93.184.215.15"],
  ["example.net", "93.184.215.16"],
  ["kubernetes.io", "15.197.167.90"],
  ["www.kubernetes.io", "15.197.167.90"],
  ["registry.k8s.io", "34.96.108.209"],
  ["github.com", "140.82.112.3"],
  ["api.github.com", "140.82.112.6"],
  ["google.com", "142.250.80.46"],
  ["www.google.com", "142.250.80.36"],
  ["httpbin.org", "54.208.105.16"],
  ["ifconfig.me", "34.160.111.145"],
]);

/** Public resolvers that answer DNS (outside names only) on 53/UDP and 53/TCP. */
export const publicResolvers: ReadonlySet<string> = new Set(["8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9"]);

const nameByIP = new Map<string, string>();
for (const [name, ip] of outsideNames) if (!nameByIP.has(ip)) nameByIP.set(ip, name);

export function outsideNameFor(ip: string): string | undefined {
  return nameByIP.get(ip);
}

/** Whether a public host accepts a connection on this port (anything else is dropped: timeout). */
export function outsideAccepts(ip: string, port: number, protocol: Protocol): boolean {
  if (!isPublicIPv4(ip)) return false;
  if (publicResolvers.has(ip) && port === 53 && protocol !== "SCTP") return true;
  return protocol === "TCP" && (port === 80 || port === 443);
}

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html>\n<head>\n<title>${title}</title>\n<meta charset="utf-8">\n</head>\n<body>\n<h1>${title}</h1>\n${body}\n</body>\n</html>\n`;

function pageFor(host: string, ip: string): { server: string; body: string } {
  const name = host || nameByIP.get(ip) || ip;
  if (/(^|\.)example\.(com|org|net)$/.test(name)) {
    return { server: "ECAcc (sandbox)", body: page("Example Domain", "<p>This domain is reserved for use in documentation examples.</p>") };
  }
  if (name.endsWith("kubernetes.io")) return { server: "Netlify", body: page("Kubernetes", "<p>Production-Grade Container Orchestration.</p>") };
  return { server: "nginx", body: page(`Welcome to ${name}`, `<p>A host on the public internet (${ip}), simulated by the sandbox.</p>`) };
}

/** The HTTP answer of a public host (port 80, or 443 as HTTPS: the tools only need the status). */
export function outsideHttp(ip: string, port: number, req: HttpRequest, now: Date): HttpResponse {
  const hostHeader = Object.entries(req.headers).find(([k]) => k.toLowerCase() === "host")?.[1] ?? req.host ?? "";
  const host = hostHeader.replace(/:\d+$/, "");
  const { server, body } = pageFor(host, ip);
  const headers: Record<string, string> = {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": String(Buffer.byteLength(body)),
    Date: now.toUTCString(),
    Server: server,
  };
  if (port === 443) headers["Strict-Transport-Security"] = "max-age=31536000";
  if (req.method === "HEAD") return { status: 200, statusText: "OK", headers, body: "" };
  return { status: 200, statusText: "OK", headers, body };
}
