// nc, in the two builds labs meet:
// - busybox nc (networking/nc_bloaty.c, netcat 1.10 compatible): `-z -v` prints
//   "web (10.96.12.3:80) open"; a refusal is silent with one -v (printed with -vv), a timeout
//   prints "nc: web (10.96.12.3:80): Connection timed out"; a bad name "nc: bad address 'x'".
// - OpenBSD netcat as Debian/Alpine package it (netshoot, agnhost): `-zv` prints
//   "Connection to web (10.96.12.3) 80 port [tcp/http] succeeded!", failures
//   "nc: connect to web (10.96.12.3) port 80 (tcp) failed: Connection refused" /
//   "nc: connect to web (10.96.12.3) port 80 (tcp) timed out: Operation now in progress".
// UDP "connections" succeed unless an ICMP port-unreachable comes back (refused): a dropped UDP
// probe reports open, exactly the classic nc -u false positive.
import type { Tool, ToolContext } from "./types";
import { dial, lookupHost, SERVICE_NAMES } from "./net";

interface Opts {
  zero: boolean;
  verbose: number;
  waitSec?: number;
  udp: boolean;
  listen: boolean;
  host?: string;
  ports: string[];
}

function parseArgs(argv: string[]): Opts | string {
  const o: Opts = { zero: false, verbose: 0, udp: false, listen: false, ports: [] };
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === "w" || f === "p" || f === "s" || f === "i" || f === "q" || f === "W" || f === "X" || f === "x") {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (f === "w") o.waitSec = Number(v);
          break;
        }
        if (f === "z") o.zero = true;
        else if (f === "v") o.verbose++;
        else if (f === "u") o.udp = true;
        else if (f === "l") o.listen = true;
        else if (f === "n" || f === "k" || f === "4" || f === "N" || f === "d") continue;
        else return f;
      }
    } else rest.push(a);
  }
  o.host = rest[0];
  o.ports = rest.slice(1);
  return o;
}

function expandPorts(spec: string[]): number[] {
  const out: number[] = [];
  for (const p of spec) {
    const m = /^(\d+)-(\d+)$/.exec(p);
    if (m) for (let n = Number(m[1]); n <= Number(m[2]); n++) out.push(n);
    else out.push(Number(p));
  }
  return out;
}

export const nc: Tool = async (ctx: ToolContext) => {
  const openbsd = ctx.sys.variant("nc") === "openbsd";
  const o = parseArgs(ctx.argv);
  const { stderr, sys, signal } = ctx;
  if (typeof o === "string") {
    stderr.write(openbsd ? `nc: invalid option -- '${o}'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n` : `nc: invalid option -- '${o}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n`);
    return 1;
  }
  if (o.listen) {
    // A listener inside an exec session would need the network to route to it; not simulated.
    stderr.write("nc: listening inside an exec session is not supported by the sandbox\n");
    return 1;
  }
  if (!o.host || o.ports.length === 0) {
    stderr.write(openbsd ? "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n" : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n");
    return 1;
  }
  const look = await lookupHost(sys, o.host, signal);
  if (!look.ok) {
    if (look.error === "aborted") return 130;
    const port = o.ports[0];
    if (openbsd) stderr.write(`nc: getaddrinfo for host "${o.host}" port ${port}: ${sys.libc === "musl" ? "Name does not resolve" : "Name or service not known"}\n`);
    else stderr.write(`nc: bad address '${o.host}'\n`);
    return 1;
  }
  const ip = look.ips[0];
  const proto = o.udp ? "UDP" : "TCP";
  const timeoutMs = o.waitSec !== undefined ? o.waitSec * 1000 : undefined;
  let code = 0;
  for (const port of expandPorts(o.ports)) {
    const r = await dial(sys, ip, port, proto, o.udp ? 0 : timeoutMs, signal);
    if (r.outcome === "aborted") return 130;
    // UDP has no handshake: only an ICMP port unreachable (refused) is noticed.
    const open = r.outcome === "connected" || (o.udp && r.outcome === "timeout");
    if (o.udp && open && o.waitSec !== undefined && !signal.aborted) await sys.clock.sleep(o.waitSec * 1000, signal);
    const label = o.host === ip ? ip : `${o.host} (${ip})`;
    if (open) {
      if (openbsd) {
        if (o.verbose) stderr.write(`Connection to ${label} ${port} port [${o.udp ? "udp" : "tcp"}/${SERVICE_NAMES[port] ?? "*"}] succeeded!\n`);
      } else if (o.verbose) stderr.write(`${o.host} (${ip}:${port}) open\n`);
      if (!o.zero && !o.udp) {
        // Without -z nc shovels stdin to the connection and the reply back; our servers answer HTTP only.
        const input = await ctx.stdin.readAll();
        if (input && /^[A-Z]+ \S+ HTTP\/1\.[01]/.test(input)) {
          const [reqLine, ...headerLines] = input.split(/\r?\n/);
          const [method, path] = reqLine.split(" ");
          const headers: Record<string, string> = {};
          for (const h of headerLines) {
            const c = h.indexOf(":");
            if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
          }
          const res = await sys.network.http(sys.source, ip, port, { method, path, host: headers.Host ?? o.host, headers, clientIp: sys.podIP });
          const resp = res.response;
          if (resp) ctx.stdout.write(`HTTP/1.1 ${resp.status} ${resp.statusText}\r\n${Object.entries(resp.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${resp.body}`);
        }
      }
      continue;
    }
    code = 1;
    const why = r.outcome === "refused" ? "Connection refused" : "Connection timed out";
    if (openbsd) {
      if (!o.verbose) continue;
      if (r.outcome === "timeout" && o.waitSec !== undefined) stderr.write(`nc: connect to ${label} port ${port} (${o.udp ? "udp" : "tcp"}) timed out: Operation now in progress\n`);
      else stderr.write(`nc: connect to ${label} port ${port} (${o.udp ? "udp" : "tcp"}) failed: ${why}\n`);
    } else if (o.verbose > 1 || (o.verbose && r.outcome !== "refused")) {
      stderr.write(`nc: ${o.host} (${ip}:${port}): ${why}\n`);
    }
  }
  return code;
};
