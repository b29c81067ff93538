// How tools inside a container reach the network: name lookup the way the C library or Go does
// it (/etc/hosts first, then the cluster DNS through Network.resolve), and TCP/UDP connections and
// HTTP exchanges through Network. Verdicts are instant; a dropped connection makes the *tool*
// wait its own timeout on the cluster clock (or the kernel's SYN-retry limit when it has none).
//
// What each tool waits against a drop (sandbox time; SANDBOX_TIME_SCALE speeds it up):
//   busybox wget   -T SEC, default 900 s → the kernel's ~127 s connect limit ends first
//   curl           --connect-timeout / -m; none → the kernel's ~127 s
//   nc             -w SEC; none → the kernel's ~127 s (UDP: no handshake, "open" after -w)
//   agnhost connect --timeout (0 = none → the kernel's ~127 s for TCP, forever for UDP)
//   ping           1 s between echoes; -W SEC (default 10) for the last reply
//   nslookup/dig   busybox: 10 s then ";; connection timed out"; BIND: 3 × 5 s
//   name lookups   glibc 2 × 5 s, musl 5 s, Go (agnhost) 2 × 5 s per search-list name
import type { DnsResult, HttpResult, Protocol } from "../../network/types";
import type { HttpRequest } from "../../images/types";
import type { ContainerSystem } from "../system";
import type { Clock } from "../../clock";

/**
 * Linux gives up a TCP connect after net.ipv4.tcp_syn_retries=6 retransmissions: 1+2+4+...+64 s
 * ≈ 127 s, then ETIMEDOUT. Tools without their own connect timeout (wget without -T, curl without
 * -m, nc without -w) wait this long against a dropped SYN.
 */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

/** resolv.conf defaults (timeout:5 attempts:2). musl spends the timeout once for all attempts. */
export function resolverTimeoutMs(sys: ContainerSystem, kind: "libc" | "go"): number {
  if (kind === "go") {
    // Go's resolver tries each search-list name (ndots:5 → all of them first), 2 × 5 s each.
    const search = /^search (.*)$/m.exec(sys.fs.read("/etc/resolv.conf") ?? "")?.[1]?.split(/\s+/).length ?? 0;
    return (search + 1) * 10_000;
  }
  return sys.libc === "musl" ? 5_000 : 10_000;
}

export const isIPv4 = (s: string) => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split(".").every((o) => Number(o) <= 255);

export type Lookup =
  | { ok: true; ips: string[]; canonical: string; fromHosts: boolean }
  | { ok: false; error: "NXDOMAIN" | "SERVFAIL" | "timeout" | "aborted"; dns?: DnsResult; waitedMs: number };

/** getaddrinfo(): IP literals, /etc/hosts, then DNS (search path expansion is the Network's). */
export async function lookupHost(sys: ContainerSystem, name: string, signal: AbortSignal, opts: { kind?: "libc" | "go"; maxWaitMs?: number } = {}): Promise<Lookup> {
  if (isIPv4(name)) return { ok: true, ips: [name], canonical: name, fromHosts: true };
  const hosts = sys.fs.read("/etc/hosts") ?? "";
  for (const line of hosts.split("\n")) {
    const f = line.replace(/#.*/, "").trim().split(/\s+/);
    if (f.length >= 2 && isIPv4(f[0]) && f.slice(1).includes(name)) return { ok: true, ips: [f[0]], canonical: name, fromHosts: true };
  }
  const dns = sys.network.resolve(sys.source, name, "A");
  if (dns.rcode === "timeout") {
    const ms = Math.min(resolverTimeoutMs(sys, opts.kind ?? "libc"), opts.maxWaitMs ?? Infinity);
    const done = await sys.clock.sleep(ms, signal);
    return { ok: false, error: done ? "timeout" : "aborted", dns, waitedMs: ms };
  }
  const ips = dns.answers.filter((a) => a.type === "A").map((a) => a.data);
  if (dns.rcode !== "NOERROR" || ips.length === 0) return { ok: false, error: dns.rcode === "SERVFAIL" ? "SERVFAIL" : "NXDOMAIN", dns, waitedMs: 0 };
  return { ok: true, ips, canonical: dns.name, fromHosts: false };
}

/** Loopback reaches the pod itself (all containers of a pod share one network namespace). */
export function routeTarget(sys: ContainerSystem, ip: string): string {
  if (ip.startsWith("127.") || ip === "0.0.0.0") return sys.podIP || ip;
  return ip;
}

export type Dial = { outcome: "connected" | "refused" | "timeout" | "aborted"; elapsedMs: number };

/**
 * Connects to ip:port. `timeoutMs` is the tool's own connect timeout (undefined = none: the
 * kernel's). On a drop, waits the timeout in cluster time; resolves early when aborted.
 */
export async function dial(sys: ContainerSystem, ip: string, port: number, protocol: Protocol, timeoutMs: number | undefined, signal: AbortSignal): Promise<Dial> {
  const r = sys.network.connect({ from: sys.source, to: routeTarget(sys, ip), port, protocol });
  if (r.outcome === "connected") return { outcome: "connected", elapsedMs: 1 };
  if (r.outcome === "refused") return { outcome: "refused", elapsedMs: 0 };
  // UDP has no handshake, so no kernel limit: the tool's read deadline alone decides.
  const wait = protocol === "UDP" ? (timeoutMs ?? Infinity) : Math.min(timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS);
  const done = await sleepLong(sys.clock, wait, signal);
  return { outcome: done ? "timeout" : "aborted", elapsedMs: wait };
}

/** clock.sleep for any length, Infinity included (setTimeout overflows past 2^31-1 ms). */
export async function sleepLong(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  let left = ms;
  const chunk = 1_000_000_000;
  while (left > 0) {
    const step = Math.min(left, chunk);
    if (!(await clock.sleep(step, signal))) return false;
    left -= step;
  }
  return true;
}

export type Fetch = Dial & { http?: HttpResult };

/** An HTTP exchange. Connection outcome as `dial`; `http.response` when something answered HTTP. */
export async function fetchHttp(sys: ContainerSystem, ip: string, port: number, req: Omit<HttpRequest, "clientIp">, timeoutMs: number | undefined, signal: AbortSignal): Promise<Fetch> {
  const to = routeTarget(sys, ip);
  const http = await sys.network.http(sys.source, to, port, { ...req, clientIp: sys.podIP });
  const outcome = http.connect.outcome;
  if (outcome === "connected") return { outcome: "connected", elapsedMs: 2, http };
  if (outcome === "refused") return { outcome: "refused", elapsedMs: 0, http };
  const wait = Math.min(timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS);
  const done = await sys.clock.sleep(wait, signal);
  return { outcome: done ? "timeout" : "aborted", elapsedMs: wait, http };
}

/** A stable ephemeral source port for messages like "read udp 10.244.1.5:41234->...". */
export function ephemeralPort(seed: string): number {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/** /etc/services names that tools print ("[tcp/http]"). */
export const SERVICE_NAMES: Record<number, string> = { 21: "ftp", 22: "ssh", 25: "smtp", 53: "domain", 80: "http", 110: "pop3", 443: "https", 3306: "mysql", 5432: "postgresql", 6379: "redis", 8080: "http-alt", 9090: "websm" };

/** Splits "http://host:port/path" (scheme optional). */
export function parseUrl(raw: string, defaultScheme = "http"): { scheme: string; host: string; port: number; path: string; hostHeader: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? defaultScheme).toLowerCase();
  const host = m[2];
  if (!host) return undefined;
  const defPort = scheme === "https" ? 443 : 80;
  const port = m[3] ? Number(m[3]) : defPort;
  const path = (m[4] ?? "/").replace(/#.*/, "") || "/";
  const hostHeader = port === defPort ? host : `${host}:${port}`;
  return { scheme, host, port, path: path.startsWith("/") ? path : `/${path}`, hostHeader };
}
