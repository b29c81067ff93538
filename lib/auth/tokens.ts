// Random tokens, hashes and HMAC signatures for cookies. A signed value is "<value>.<base64url hmac>";
// unsign() returns the value only when the signature matches (constant-time), else null: a tampered cookie
// reads as no cookie at all.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("base64url");

export function hmac(key: Buffer, value: string, purpose: string): string {
  // The purpose keeps a signature made for one cookie from being valid for another.
  return createHmac("sha256", key).update(`${purpose}\n${value}`).digest("base64url");
}

export function sign(key: Buffer, value: string, purpose: string): string {
  return `${value}.${hmac(key, value, purpose)}`;
}

export function unsign(key: Buffer, signed: string | undefined | null, purpose: string): string | null {
  if (!signed) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  return safeEqual(signed.slice(dot + 1), hmac(key, value, purpose)) ? value : null;
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
