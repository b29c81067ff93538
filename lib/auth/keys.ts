// The server's secret key for signing cookies and CSRF tokens. SESSION_SECRET (at least 32 characters) when
// set: required when several server processes share one database. Otherwise a random key generated once and
// kept in <DATA_DIR>/secret.key (mode 0600; DATA_DIR defaults to ./data), so sessions survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

let cached: Buffer | undefined;

export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(/*turbopackIgnore: true*/ process.cwd(), env.DATA_DIR?.trim() || "data");
}

export function serverKey(env: Record<string, string | undefined> = process.env): Buffer {
  if (cached) return cached;
  const fromEnv = env.SESSION_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`).");
    cached = Buffer.from(fromEnv, "utf8");
    return cached;
  }
  const dir = dataDir(env);
  const file = join(dir, "secret.key");
  try {
    cached = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      // "wx": if two processes start together, one writes and the other reads the winner's key.
      writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new Error(`Cannot write the session key ${file} (${(err as NodeJS.ErrnoException).code}). Make ${dir} writable or set SESSION_SECRET.`);
      }
    }
    cached = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  }
  if (cached.length < 32) throw new Error(`The session key in ${file} is too short: delete the file to generate a new one.`);
  return cached;
}

/** Tests only: forget the cached key so another SESSION_SECRET or DATA_DIR takes effect. */
export function resetServerKeyForTests(): void {
  cached = undefined;
}
