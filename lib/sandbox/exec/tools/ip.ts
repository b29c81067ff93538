// `ip addr` / `ip route` / `ip link` as a pod on a kind cluster shows them: kindnet's ptp plugin
// gives eth0 the pod IP as a /24 and routes everything via the node's .1 on the pod CIDR.
// busybox's ip and iproute2 print slightly different flags (busybox shows no "state"/"group").
import type { Tool, ToolContext } from "./types";

/** A stable locally-administered MAC and peer ifindex for a pod IP. */
function macFor(ip: string): string {
  const o = ip.split(".").map(Number);
  const bytes = [0x0a | ((o[3] * 7) & 0xf0), 0x58, o[1] ?? 0, o[2] ?? 0, o[3] ?? 0, ((o[2] ?? 0) * 13 + (o[3] ?? 0)) & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const h = (x: number, y: number) => ((x << 8) | y).toString(16);
  return `fe80::${h(b[0], b[1])}:${h(b[2], 0xff)}:${h(0xfe, b[3])}:${h(b[4], b[5])}`;
}

export const ip: Tool = async (ctx: ToolContext) => {
  const busybox = ctx.sys.variant("ip") === "busybox";
  const args = ctx.argv.slice(1).filter((a) => a !== "-4" && a !== "-br" && a !== "-c");
  const obj = args[0] ?? "";
  const podIP = ctx.sys.podIP;
  const prefix = podIP.split(".").slice(0, 3).join(".");
  const ifIndex = 2 + (Number(podIP.split(".")[3] ?? 0) % 20);
  const mac = macFor(podIP);
  const is = (full: string) => obj.length > 0 && full.startsWith(obj);
  if (is("address") || is("addr") || obj === "a") {
    let s = busybox
      ? "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n"
      : "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n";
    s += "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
    s += busybox
      ? `2: eth0@if${ifIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n`
      : `2: eth0@if${ifIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n`;
    s += `    inet ${podIP}/24 brd ${prefix}.255 scope global eth0\n       valid_lft forever preferred_lft forever\n    inet6 ${linkLocal(mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
    ctx.stdout.write(s);
    return 0;
  }
  if (is("route") || obj === "r") {
    ctx.stdout.write(`default via ${prefix}.1 dev eth0 \n${prefix}.0/24 via ${prefix}.1 dev eth0 src ${podIP} \n${prefix}.1 dev eth0 scope link src ${podIP} \n`);
    return 0;
  }
  if (is("link") || obj === "l") {
    ctx.stdout.write(
      (busybox ? "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n" : "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n") +
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
        (busybox ? `2: eth0@if${ifIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n` : `2: eth0@if${ifIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n`) +
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff${busybox ? "" : " link-netnsid 0"}\n`,
    );
    return 0;
  }
  if (!obj) {
    ctx.stderr.write(busybox ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n" : "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
    return busybox ? 1 : 255;
  }
  ctx.stderr.write(busybox ? `ip: invalid argument '${obj}' to 'ip'\n` : `Object "${obj}" is unknown, try "ip help".\n`);
  return busybox ? 1 : 255;
};
