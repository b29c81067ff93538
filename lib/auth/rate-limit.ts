// In-memory rate limits (per process; a multi-process deployment would need a shared store). A fixed
// window per key: `limit` hits per `windowMs`; check() says whether one more is allowed and, if not, when.
// State lives on globalThis so every module instance in the process (tsx and Next's bundles) shares it.
import { HttpError } from "../server/http-error";

type Window = { count: number; resetAt: number };
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const stores = ((globalThis as unknown as { __platformRateLimits?: Map<string, Map<string, Window>> }).__platformRateLimits ??= new Map());

export class RateLimiter {
  private readonly windows: Map<string, Window>;
  constructor(
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    let w = stores.get(name);
    if (!w) stores.set(name, (w = new Map()));
    this.windows = w;
  }

  /** Whether another hit would be allowed, without counting one. */
  check(key: string): RateDecision {
    const w = this.current(key);
    if (w && w.count >= this.limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - this.now()) / 1000)) };
    return { ok: true };
  }

  /** Counts one hit and says whether it was within the limit. */
  hit(key: string): RateDecision {
    const decision = this.check(key);
    if (!decision.ok) return decision;
    const w = this.current(key) ?? { count: 0, resetAt: this.now() + this.windowMs };
    w.count++;
    this.windows.set(key, w);
    this.sweep();
    return { ok: true };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  // Bounded memory: drop expired windows once the map grows.
  private sweep(): void {
    if (this.windows.size < 10_000) return;
    const t = this.now();
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }
}

export function tooMany(what: string, d: { retryAfterSeconds: number }): HttpError {
  const wait = d.retryAfterSeconds >= 90 ? `${Math.ceil(d.retryAfterSeconds / 60)} minutes` : `${d.retryAfterSeconds} seconds`;
  return new HttpError(429, `Too many ${what}. Wait ${wait} and try again.`, undefined, { "retry-after": String(d.retryAfterSeconds) });
}

// The platform's limits, one place. Sign-in counts every attempt per client address and failed attempts
// per email (so guessing one account's password is slow from any number of addresses). Per-address limits
// are multiplied by RATE_LIMIT_IP_MULTIPLIER (default 1): the browser tests raise it, since every test
// browser shares 127.0.0.1; a classroom behind one NAT address may need it too.
const ipScale = Math.max(1, Number(process.env.RATE_LIMIT_IP_MULTIPLIER) || 1);

export const limits = {
  signInPerIp: new RateLimiter("signin-ip", 30 * ipScale, 10 * 60_000),
  signInFailuresPerEmail: new RateLimiter("signin-email", 8, 15 * 60_000),
  signUpPerIp: new RateLimiter("signup-ip", 10 * ipScale, 60 * 60_000),
  signUpPerEmail: new RateLimiter("signup-email", 5, 60 * 60_000),
  guestPerIp: new RateLimiter("guest-ip", 60 * ipScale, 60 * 60_000),
};
