// Password hashing with scrypt (node:crypto): a per-user random salt, cost N=2^15, r=8, p=1 (OWASP's minimum
// recommendation for scrypt), stored as "scrypt$N$r$p$salt$hash" so the cost can be raised later and old
// hashes still verify (needsRehash says when to upgrade one at sign-in). Verification is constant-time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

export const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 32, saltLength: 16 };
const maxmem = (N: number, r: number) => 256 * N * r; // 128*N*r is what scrypt needs; double for headroom

export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = SCRYPT): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await scrypt(password.normalize("NFKC"), salt, SCRYPT.keyLength, { ...cost, maxmem: maxmem(cost.N, cost.r) });
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string) {
  const [alg, n, r, p, salt, key] = stored.split("$");
  const N = Number(n), R = Number(r), P = Number(p);
  if (alg !== "scrypt" || !salt || !key || ![N, R, P].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.key.length === 0) return false;
  const key = await scrypt(password.normalize("NFKC"), h.salt, h.key.length, { N: h.N, r: h.r, p: h.p, maxmem: maxmem(h.N, h.r) });
  return timingSafeEqual(key, h.key);
}

export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N < SCRYPT.N || h.r !== SCRYPT.r || h.p !== SCRYPT.p;
}

// Verified against when the email is unknown, so "no such account" takes as long as "wrong password".
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("not a real password, only for timing");
  await verifyPassword(password, await dummy);
}
