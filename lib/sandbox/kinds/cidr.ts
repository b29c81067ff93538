// CIDR parsing as Go's net.ParseCIDR (via netutils.ParseCIDRSloppy) accepts it: host bits may be
// set ("10.0.0.1/8" is the 10.0.0.0/8 network), IPv4 or IPv6. Shared by NetworkPolicy validation
// and anything else that checks ranges.
import ipaddr from "ipaddr.js";

export interface Cidr {
  kind: "ipv4" | "ipv6";
  bits: number;
  /** The network address as a bigint (host bits cleared). */
  network: bigint;
  /** Address width: 32 or 128. */
  width: number;
}

const toBig = (bytes: number[]) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);

export function parseCidr(s: string): Cidr | undefined {
  if (typeof s !== "string" || !s.includes("/")) return undefined;
  const [addr, prefix] = s.split("/");
  if (!/^\d{1,3}$/.test(prefix)) return undefined;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    if (ipaddr.IPv4.isIPv4(addr)) {
      // Go accepts only dotted decimal with four parts (leading zeros tolerated by the sloppy parser).
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) return undefined;
      ip = ipaddr.IPv4.parse(addr.split(".").map((p) => String(Number(p))).join("."));
    } else if (ipaddr.IPv6.isIPv6(addr)) ip = ipaddr.IPv6.parse(addr);
    else return undefined;
  } catch {
    return undefined;
  }
  const width = ip.kind() === "ipv4" ? 32 : 128;
  const bits = Number(prefix);
  if (bits > width) return undefined;
  const value = toBig(ip.toByteArray());
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
  return { kind: ip.kind(), bits, network: value & mask, width };
}

/** Whether `inner` lies inside `outer` (same family, outer's prefix no longer than inner's). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.kind !== inner.kind) return false;
  const shift = BigInt(outer.width - outer.bits);
  return inner.network >> shift === outer.network >> shift;
}

/** Whether an IP address string lies in a CIDR. */
export function ipInCidr(ip: string, c: Cidr): boolean {
  const p = parseCidr(`${ip}/${c.width}`);
  return !!p && cidrContains(c, p);
}
