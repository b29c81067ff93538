// Time in the sandbox. Timestamps that kubectl shows are real wall-clock time. Waiting (a denied
// connection timing out, `sleep 5` in a container, a pod taking a moment to start) runs in real time
// for learners, and can be sped up for tests: SANDBOX_TIME_SCALE=20 makes a 1 s timeout take 50 ms.

export interface Clock {
  /** Wall-clock now, for timestamps. */
  now(): Date;
  /** How many times faster than real time waits run (1 = real time). */
  readonly scale: number;
  /** Waits `ms` of sandbox time; resolves early (with false) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** setTimeout in sandbox time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export function scaleFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_TIME_SCALE;
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`SANDBOX_TIME_SCALE must be a positive number, got "${raw}"`);
  return n;
}

export function createClock(scale = scaleFromEnv()): Clock {
  return {
    scale,
    now: () => new Date(),
    sleep(ms, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve(false);
        const t = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve(true);
        }, ms / scale);
        const onAbort = () => {
          clearTimeout(t);
          resolve(false);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    after(ms, fn) {
      const t = setTimeout(fn, ms / scale);
      return () => clearTimeout(t);
    },
  };
}

/** RFC 3339 without fractional seconds, as the API server writes timestamps. */
export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");
