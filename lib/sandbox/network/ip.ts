// IPv4 arithmetic for the simulated network: parsing addresses and CIDRs, and the address ranges
// that decide whether a destination is inside the cluster, on a private network, or "the outside
// world". The sandbox cluster is single-stack IPv4 (like a default kind cluster); IPv6 CIDRs in a
// policy parse but never match an IPv4 address, as on a real single-stack cluster.

/** An address as an unsigned 32-bit number, or undefined when the text is not dotted-quad IPv4. */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export const isIPv4 = (s: string): boolean => parseIPv4(s) !== undefined;

/** A parsed CIDR. `v6` ones are kept so errors and explanations can name them, but match no IPv4 address. */
export interface Cidr {
  text: string;
  base: number;
  mask: number;
  bits: number;
  v6: boolean;
}

/** Parses "10.0.0.0/8" (also a bare address as /32). Undefined when it is not a CIDR at all. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, bitsText, extra] = text.split("/");
  if (extra !== undefined) return undefined;
  if (addr.includes(":")) {
    const bits = bitsText === undefined ? 128 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 128) return undefined;
    return { text, base: 0, mask: 0, bits, v6: true };
  }
  const ip = parseIPv4(addr);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (ip === undefined || !/^\d+$/.test(bitsText ?? "32") || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { text, base: (ip & mask) >>> 0, mask, bits, v6: false };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return !c.v6 && ((ip & c.mask) >>> 0) === c.base;
}

export function inCidr(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const n = parseIPv4(ip);
  return !!c && n !== undefined && cidrContains(c, n);
}

/** RFC 1918, carrier-grade NAT, loopback, link-local and other non-public ranges: never "the outside world". */
const nonPublic = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3"].map((c) => parseCidr(c)!);

export function isPublicIPv4(ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && !nonPublic.some((c) => cidrContains(c, n));
}

export const isLoopback = (ip: string): boolean => inCidr("127.0.0.0/8", ip);

/** "10.244.1.5" → "5.1.244.10.in-addr.arpa" */
export function reverseName(ip: string): string {
  return ip.split(".").reverse().join(".") + ".in-addr.arpa";
}

/** "5.1.244.10.in-addr.arpa" → "10.244.1.5" (undefined when not a full IPv4 reverse name). */
export function fromReverseName(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return undefined;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIPv4(ip) ? ip : undefined;
}
