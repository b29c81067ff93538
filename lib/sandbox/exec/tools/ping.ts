// ping (busybox and iputils). ICMP is neither TCP, UDP nor SCTP, so NetworkPolicy ports never
// match it: the CNIs that enforce policy (Calico, Cilium, kindnet's network-policy controller)
// let an echo request through only where a rule with *no* ports allows the peer, or where the pod
// is not isolated. We ask the network exactly that: Network.explain on port 0, which no port rule
// covers. "connected" or "refused" mean the packet reached the destination (echo reply).
// ClusterIPs do not answer ping with kube-proxy in iptables mode (kind's default): 100% loss.
import type { Tool, ToolContext } from "./types";
import { isIPv4, lookupHost, routeTarget } from "./net";
import type { ConnectResult, Network, Source } from "../../network/types";

const SERVICE_CIDR = /^10\.96\./;

function echoAnswered(ctx: ToolContext, ip: string): boolean {
  const to = routeTarget(ctx.sys, ip);
  if (to === ctx.sys.podIP) return true;
  // The sandbox network answers ICMP itself when it can (SandboxNetwork.ping); any other Network
  // is asked the equivalent policy question on port 0.
  const net = ctx.sys.network as Network & { ping?(from: Source, to: string): ConnectResult };
  if (net.ping) return net.ping(ctx.sys.source, to).outcome === "connected";
  if (SERVICE_CIDR.test(ip)) return false;
  const r = net.explain(ctx.sys.source, to, 0, "TCP");
  return r.outcome === "connected" || r.outcome === "refused";
}

export const ping: Tool = async (ctx: ToolContext) => {
  const iputils = ctx.sys.variant("ping") === "iputils";
  const args = ctx.argv.slice(1);
  let count = Infinity;
  let waitSec = 10;
  let deadline = Infinity;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (flag: string) => (a.length > 2 ? a.slice(2) : args[++i]) ?? flag;
    if (a.startsWith("-c")) count = Number(val("-c"));
    else if (a.startsWith("-W")) waitSec = Number(val("-W"));
    else if (a.startsWith("-w")) deadline = Number(val("-w"));
    else if (a.startsWith("-i") || a.startsWith("-s") || a.startsWith("-t") || a.startsWith("-I")) val(a);
    else if (a.startsWith("-")) continue;
    else target = a;
  }
  if (!target) {
    ctx.stderr.write(iputils ? "ping: usage error: Destination address required\n" : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
    return 1;
  }
  const look = await lookupHost(ctx.sys, target, ctx.signal);
  if (!look.ok) {
    if (look.error === "aborted") return 130;
    ctx.stderr.write(iputils ? `ping: ${target}: ${ctx.sys.libc === "musl" ? "Name does not resolve" : "Name or service not known"}\n` : `ping: bad address '${target}'\n`);
    return iputils ? 2 : 1;
  }
  const ip = look.ips[0];
  const shown = look.fromHosts || isIPv4(target) ? target : look.canonical.replace(/\.$/, "");
  const out = ctx.stdout;
  out.write(iputils ? `PING ${shown} (${ip}) 56(84) bytes of data.\n` : `PING ${target} (${ip}): 56 data bytes\n`);
  const answered = echoAnswered(ctx, ip);
  const times: number[] = [];
  let sent = 0;
  let elapsed = 0;
  const ttl = ip === ctx.sys.podIP ? 64 : 63;
  let interrupted = false;
  while (sent < count && elapsed < deadline * 1000) {
    sent++;
    if (answered) {
      const t = 0.05 + ((sent * 37) % 50) / 1000;
      times.push(t);
      out.write(iputils ? `64 bytes from ${ip}: icmp_seq=${sent} ttl=${ttl} time=${t.toFixed(3)} ms\n` : `64 bytes from ${ip}: seq=${sent - 1} ttl=${ttl} time=${t.toFixed(3)} ms\n`);
    }
    if (sent >= count) break;
    if (!(await ctx.sys.clock.sleep(1000, ctx.signal))) {
      interrupted = true;
      break;
    }
    elapsed += 1000;
  }
  // busybox waits -W seconds for the last reply when nothing came back.
  if (!answered && !interrupted && Number.isFinite(count)) {
    if (!(await ctx.sys.clock.sleep(Math.min(waitSec, 10) * 1000, ctx.signal))) interrupted = true;
  }
  const recv = times.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - recv) / sent) * 100);
  const min = Math.min(...times), max = Math.max(...times), avg = times.reduce((a, b) => a + b, 0) / (recv || 1);
  if (iputils) {
    out.write(`\n--- ${shown} ping statistics ---\n${sent} packets transmitted, ${recv} received, ${loss}% packet loss, time ${Math.max(0, (sent - 1) * 1000)}ms\n`);
    if (recv) out.write(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${((max - min) / 2).toFixed(3)} ms\n`);
  } else {
    out.write(`\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${recv} packets received, ${loss}% packet loss\n`);
    if (recv) out.write(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
  }
  return recv ? 0 : 1;
};
