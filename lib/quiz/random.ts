// Randomness for drawing questions and shuffling options: one injectable source, so tests can use a
// seeded generator and production uses the OS's (crypto.randomInt; no Math.random in the draw).
import { randomInt } from "node:crypto";

/** Returns an integer in [0, n). */
export type Random = (n: number) => number;

export const cryptoRandom: Random = (n) => randomInt(n);

/** A small deterministic generator (mulberry32) for tests. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(x * n);
  };
}

/** Fisher-Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
