// agnhost run inside `kubectl exec` (test/images/agnhost): `connect` with the fixed error prefixes
// the upstream e2e network-policy tests grep for (connect/connect.go):
//   TIMEOUT | REFUSED | DNS: lookup x on 10.96.0.10:53: no such host | UNKNOWN: ... | OTHER: ...
// every failure exits 1. Plus dns-suffix / dns-server-list, and the long-running subcommands
// (pause, netexec, serve-hostname, ...) which just run until the session ends.
import type { Tool, ToolContext } from "./types";
import { dial, ephemeralPort, lookupHost, sleepLong } from "./net";

/** Go's time.ParseDuration for the forms flags use ("1s", "500ms", "1m30s", "0"). */
export function parseGoDuration(s: string): number | undefined {
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += n * { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms"];
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

const USAGE_ERR = (sub: string) => `Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`;

async function connect(ctx: ToolContext, args: string[]): Promise<number> {
  let timeoutMs = 0;
  let protocol = "tcp";
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--?(timeout|protocol|udp-data|sctp-data)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[2] ?? args[++i] ?? "";
      if (m[1] === "timeout") {
        const d = parseGoDuration(v);
        if (d === undefined) {
          ctx.stderr.write(`Error: invalid argument "${v}" for "--timeout" flag: time: invalid duration "${v}"\n`);
          return 1;
        }
        timeoutMs = d;
      } else if (m[1] === "protocol") protocol = v;
      continue;
    }
    positional.push(a);
  }
  if (positional.length !== 1) {
    ctx.stderr.write(`Error: accepts 1 arg(s), received ${positional.length}\n`);
    return 1;
  }
  const dest = positional[0];
  if (!["", "tcp", "udp", "sctp"].includes(protocol)) {
    ctx.stderr.write("Unsupported protocol\n");
    return 1;
  }
  const m = /^(.*):(\d+)$/.exec(dest);
  if (!m) {
    ctx.stderr.write(`UNKNOWN: address ${dest}: missing port in address\n`);
    return 1;
  }
  const [, host, portText] = m;
  const port = Number(portText);
  const sys = ctx.sys;
  const server = /^nameserver\s+(\S+)/m.exec(sys.fs.read("/etc/resolv.conf") ?? "")?.[1] ?? "10.96.0.10";
  const look = await lookupHost(sys, host, ctx.signal, { kind: "go" });
  if (!look.ok) {
    if (look.error === "aborted") return 130;
    if (look.error === "timeout") ctx.stderr.write(`DNS: lookup ${host} on ${server}:53: read udp ${sys.podIP}:${ephemeralPort(host)}->${server}:53: i/o timeout\n`);
    else ctx.stderr.write(`DNS: lookup ${host} on ${server}:53: ${look.error === "SERVFAIL" ? "server misbehaving" : "no such host"}\n`);
    return 1;
  }
  const ip = look.ips[0];
  if (protocol === "udp") {
    // Dial never fails for UDP; the read of the reply does (deadline = --timeout, none when 0).
    const r = await dial(sys, ip, port, "UDP", timeoutMs > 0 ? timeoutMs : undefined, ctx.signal);
    const local = `${sys.podIP}:${ephemeralPort(dest)}`;
    if (r.outcome === "aborted") return 130;
    if (r.outcome === "connected") return 0;
    if (r.outcome === "refused") ctx.stderr.write(`REFUSED: read udp ${local}->${ip}:${port}: read: connection refused\n`);
    else ctx.stderr.write(`TIMEOUT: read udp ${local}->${ip}:${port}: i/o timeout\n`);
    return 1;
  }
  const r = await dial(sys, ip, port, protocol === "sctp" ? "SCTP" : "TCP", timeoutMs > 0 ? timeoutMs : undefined, ctx.signal);
  if (r.outcome === "aborted") return 130;
  if (r.outcome === "connected") return 0;
  if (protocol === "sctp") ctx.stderr.write(r.outcome === "refused" ? "OTHER: connection refused\n" : "TIMEOUT\n");
  else ctx.stderr.write(r.outcome === "refused" ? "REFUSED\n" : "TIMEOUT\n");
  return 1;
}

const LONG_RUNNING = new Set(["pause", "netexec", "serve-hostname", "porter", "test-webserver", "liveness", "nettest", "guestbook", "fake-gitserver"]);

export const agnhost: Tool = async (ctx: ToolContext) => {
  const [sub, ...rest] = ctx.argv.slice(1);
  if (!sub) {
    ctx.stdout.write("Usage:\n  agnhost [command]\n\nAvailable Commands:\n  connect          Attempts a TCP, UDP or SCTP connection and returns useful errors\n  dns-server-list  Prints the DNS server list from /etc/resolv.conf\n  dns-suffix       Prints the host's DNS suffix list\n  netexec          Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n  pause            Pauses\n  porter           Serves requested data on ports specified in ENV variables\n  serve-hostname   Serves the hostname\n");
    return 0;
  }
  if (sub === "connect") return connect(ctx, rest);
  if (sub === "dns-suffix") {
    ctx.stdout.write((/^search (.*)$/m.exec(ctx.sys.fs.read("/etc/resolv.conf") ?? "")?.[1] ?? "").split(/\s+/).join(","));
    return 0;
  }
  if (sub === "dns-server-list") {
    ctx.stdout.write([...(ctx.sys.fs.read("/etc/resolv.conf") ?? "").matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]).join(","));
    return 0;
  }
  if (LONG_RUNNING.has(sub)) {
    // A second server inside the same pod: it runs until the session ends (its ports are the
    // main process's already, so it would fail to bind in reality; pause just waits).
    if (sub !== "pause") {
      ctx.stderr.write("listen tcp :8080: bind: address already in use\n");
      return 1;
    }
    await sleepLong(ctx.sys.clock, Infinity, ctx.signal);
    return 130;
  }
  ctx.stderr.write(USAGE_ERR(sub));
  return 1;
};
