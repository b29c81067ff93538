// How the instructor pages write times and people: durations ("4 min", "2 h 05 min"), relative times
// ("3 min ago", "in 12 min"), calendar dates in UTC, and a learner's name (email, or "guest"). Kept in
// one place so every admin table says the same thing the same way.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time, coarse enough to read at a glance: "40 s", "4 min", "2 h 05 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const v = Math.max(0, Math.floor(ms));
  if (v < MINUTE) return `${Math.floor(v / 1000)} s`;
  if (v < HOUR) return `${Math.floor(v / MINUTE)} min`;
  if (v < DAY) return `${Math.floor(v / HOUR)} h ${String(Math.floor((v % HOUR) / MINUTE)).padStart(2, "0")} min`;
  return `${Math.floor(v / DAY)} d ${Math.floor((v % DAY) / HOUR)} h`;
}

/** "3 min ago" for a past time, "in 12 min" for a future one, relative to `now`. */
export function formatRelative(at: Date, now: Date): string {
  const diff = now.getTime() - at.getTime();
  return diff >= 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(-diff)}`;
}

/** "2026-11-27 07:10 UTC": the server renders in UTC so every instructor reads the same clock. */
export function formatDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A learner as the tables name them: the email of an account, "guest" for a guest without one. */
export function learnerLabel(u: { email: string | null; isGuest: boolean }): string {
  return u.email ?? (u.isGuest ? "guest" : "(no email)");
}

/** "80%" or "—" (not attempted). Percentages arrive rounded to at most one decimal. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? "—" : `${p}%`;
}
