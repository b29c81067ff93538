// nslookup and dig: they talk to the resolv.conf nameserver directly (Network.resolve), so a
// NetworkPolicy that blocks egress to kube-dns on 53 makes them time out.
// - busybox nslookup (networking/nslookup.c, 1.36): "Server:\t\t10.96.0.10" / "Address:\t10.96.0.10:53",
//   "** server can't find x: NXDOMAIN", ";; connection timed out; no servers could be reached".
// - BIND 9.18 nslookup/dig (netshoot, agnhost: bind-tools): "Address:\t10.96.0.10#53",
//   ";; communications error to 10.96.0.10#53: timed out" (3 tries), ";; no servers could be reached".
//   dig does not apply the search list unless +search: `dig web` asks for "web." and gets NXDOMAIN.
import type { Tool, ToolContext } from "./types";
import type { DnsAnswer, DnsResult, DnsType, Network, Source } from "../../network/types";

const CLUSTER_ZONES = ["cluster.local", "in-addr.arpa", "ip6.arpa"];
const isClusterName = (n: string) => CLUSTER_ZONES.some((z) => n.replace(/\.$/, "").endsWith(z));
const BIND_VERSION = "9.18.27";

function nameserver(ctx: ToolContext): string {
  return /^nameserver\s+(\S+)/m.exec(ctx.sys.fs.read("/etc/resolv.conf") ?? "")?.[1] ?? "10.96.0.10";
}

/** Asks the resolv.conf nameserver, or an explicit one (`nslookup NAME SERVER`, `dig @SERVER NAME`). */
function resolveWith(ctx: ToolContext, name: string, type: DnsType, server?: string): DnsResult {
  const net = ctx.sys.network as Network & { resolveVia?(from: Source, name: string, type: DnsType, server: string): DnsResult };
  if (server && net.resolveVia) return net.resolveVia(ctx.sys.source, name, type, server);
  return net.resolve(ctx.sys.source, name, type);
}

function reverseName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

function queryType(t: string | undefined): DnsType | undefined {
  const u = t?.toUpperCase();
  return u && ["A", "AAAA", "SRV", "PTR", "CNAME", "TXT", "ANY"].includes(u) ? (u as DnsType) : undefined;
}

export const nslookup: Tool = async (ctx: ToolContext) => {
  const bind = ctx.sys.variant("nslookup") === "bind";
  const args = ctx.argv.slice(1);
  let type: DnsType = "A";
  const positional: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|query|q)=(\w+)$/i.exec(a);
    if (m) type = queryType(m[1]) ?? "A";
    else if (!a.startsWith("-")) positional.push(a);
  }
  const name = positional[0];
  if (!name) {
    ctx.stderr.write(bind ? "" : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n");
    return 1;
  }
  const server = positional[1] ?? nameserver(ctx);
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(name);
  const qname = isIp ? reverseName(name) : name;
  const r = resolveWith(ctx, qname, isIp ? "PTR" : type, positional[1]);
  const out = ctx.stdout;
  if (r.rcode === "timeout") {
    if (bind) {
      for (let i = 0; i < 3; i++) {
        if (!(await ctx.sys.clock.sleep(5000, ctx.signal))) return 130;
        out.write(`;; communications error to ${server}#53: timed out\n`);
      }
      out.write(";; no servers could be reached\n\n");
    } else {
      if (!(await ctx.sys.clock.sleep(10_000, ctx.signal))) return 130;
      out.write(";; connection timed out; no servers could be reached\n\n");
    }
    return 1;
  }
  out.write(bind ? `Server:\t\t${server}\nAddress:\t${server}#53\n\n` : `Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const answers = r.answers;
  if (r.rcode !== "NOERROR" || answers.length === 0) {
    if (r.rcode === "NOERROR") {
      out.write(`*** Can't find ${name}: No answer\n\n`);
      return 1;
    }
    out.write(`** server can't find ${name}: ${r.rcode}\n\n`);
    return 1;
  }
  if (!isClusterName(r.name)) out.write("Non-authoritative answer:\n");
  for (const a of answers) {
    // BIND writes the target as an absolute name ("example.com."), busybox without the dot.
    const dot = bind ? "." : "";
    if (a.type === "CNAME") out.write(`${a.name.replace(/\.$/, "")}\tcanonical name = ${a.data.replace(/\.$/, "")}${dot}\n`);
    else if (a.type === "PTR") out.write(`${a.name.replace(/\.$/, "")}\tname = ${a.data.replace(/\.$/, "")}${dot}\n`);
    else if (a.type === "SRV") out.write(`${a.name.replace(/\.$/, "")}\tservice = ${a.data}\n`);
    else if (a.type === "TXT") out.write(`${a.name.replace(/\.$/, "")}\ttext = "${a.data}"\n`);
    else out.write(`Name:\t${a.name.replace(/\.$/, "")}\nAddress: ${a.data}\n`);
  }
  out.write("\n");
  return 0;
};

function fqdn(n: string): string {
  return n.endsWith(".") ? n : `${n}.`;
}

function dnsId(name: string): number {
  let h = 7;
  for (const c of name) h = (h * 33 + c.charCodeAt(0)) & 0xffff;
  return h;
}

function dateLine(d: Date): string {
  const s = d.toUTCString(); // "Fri, 27 Nov 2026 06:30:00 GMT"
  const [, dow, day, mon, year, time] = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+)/.exec(s)!;
  return `${dow} ${mon} ${day.padStart(2, " ")} ${time} UTC ${year}`;
}

export const dig: Tool = async (ctx: ToolContext) => {
  let short = false;
  let search = false;
  let type: DnsType = "A";
  let name: string | undefined;
  let server = nameserver(ctx);
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "+short") short = true;
    else if (a === "+search") search = true;
    else if (a === "+nosearch") search = false;
    else if (a.startsWith("+")) continue;
    else if (a.startsWith("@")) server = a.slice(1);
    else if (a === "-x") {
      name = reverseName(args[++i] ?? "");
      type = "PTR";
    } else if (a === "-t") type = queryType(args[++i]) ?? type;
    else if (queryType(a) && name !== undefined) type = queryType(a)!;
    else if (name === undefined) name = a;
    else if (queryType(a)) type = queryType(a)!;
  }
  name ??= ".";
  const qname = search ? name : fqdn(name);
  const r: DnsResult = resolveWith(ctx, qname, type, server === nameserver(ctx) ? undefined : server);
  const out = ctx.stdout;
  const header = `\n; <<>> DiG ${BIND_VERSION} <<>> ${ctx.argv.slice(1).join(" ")}\n;; global options: +cmd\n`;
  if (r.rcode === "timeout") {
    for (let i = 0; i < 3; i++) {
      if (!(await ctx.sys.clock.sleep(5000, ctx.signal))) return 130;
      out.write(`;; communications error to ${server}#53: timed out\n`);
    }
    if (!short) out.write(`${header};; no servers could be reached\n`);
    return 9;
  }
  const answered = fqdn(r.name || qname);
  const line = (a: DnsAnswer) => `${fqdn(a.name)}\t${a.ttl}\tIN\t${a.type}\t${a.type === "CNAME" || a.type === "PTR" ? fqdn(a.data) : a.data}`;
  if (short) {
    for (const a of r.answers) out.write(`${a.type === "CNAME" || a.type === "PTR" ? fqdn(a.data) : a.data}\n`);
    return 0;
  }
  const cluster = isClusterName(answered);
  const authority = r.rcode === "NXDOMAIN" || (r.rcode === "NOERROR" && r.answers.length === 0);
  let s = header;
  s += ";; Got answer:\n";
  s += `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}, id: ${dnsId(qname)}\n`;
  s += `;; flags: qr ${cluster ? "aa " : ""}rd${cluster ? "" : " ra"}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${authority ? 1 : 0}, ADDITIONAL: 1\n`;
  if (cluster) s += ";; WARNING: recursion requested but not available\n";
  s += "\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n";
  s += `;; QUESTION SECTION:\n;${answered}\t\tIN\t${type}\n`;
  if (r.answers.length) s += `\n;; ANSWER SECTION:\n${r.answers.map(line).join("\n")}\n`;
  if (authority) {
    const zone = cluster ? "cluster.local." : ".";
    s += `\n;; AUTHORITY SECTION:\n${zone}\t\t\t30\tIN\tSOA\t${cluster ? "ns.dns.cluster.local. hostmaster.cluster.local." : "a.root-servers.net. nstld.verisign-grs.com."} 1732690000 7200 1800 86400 30\n`;
  }
  s += `\n;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${dateLine(ctx.sys.clock.now())}\n;; MSG SIZE  rcvd: ${60 + answered.length * 2 + r.answers.length * 16}\n\n`;
  out.write(s);
  return 0;
};

export const host: Tool = async (ctx: ToolContext) => {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith("-"));
  if (!name) {
    ctx.stderr.write("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
    return 1;
  }
  const r = ctx.sys.network.resolve(ctx.sys.source, name, "A");
  if (r.rcode === "timeout") {
    if (!(await ctx.sys.clock.sleep(10_000, ctx.signal))) return 130;
    ctx.stdout.write(`;; communications error to ${nameserver(ctx)}#53: timed out\n;; no servers could be reached\n`);
    return 1;
  }
  if (r.rcode !== "NOERROR" || r.answers.length === 0) {
    ctx.stdout.write(`Host ${name} not found: 3(NXDOMAIN)\n`);
    return 1;
  }
  for (const a of r.answers) {
    if (a.type === "CNAME") ctx.stdout.write(`${a.name.replace(/\.$/, "")} is an alias for ${a.data.replace(/\.$/, "")}.\n`);
    else ctx.stdout.write(`${a.name.replace(/\.$/, "")} has address ${a.data}\n`);
  }
  return 0;
};
