// Cell formatting shared by the kinds' table printers, as upstream's printers
// (pkg/printers/internalversion/printers.go) and apimachinery's duration package compute them.

/**
 * apimachinery/pkg/util/duration.HumanDuration: "7s", "2m3s", "10m", "3h", "5h20m", "2d", "3d4h", "1y2d".
 * Up to 2 s in the future counts as now (clock skew); further is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the Age cell; "<unknown>" when the timestamp is unset. */
export function since(ts: string | null | undefined, now: Date): string {
  if (!ts) return "<unknown>";
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return "<unknown>";
  return humanDuration(now.getTime() - t);
}

/** The Age cell of any object. */
export const age = (o: { metadata?: { creationTimestamp?: string | null } }, now: Date): string => since(o.metadata?.creationTimestamp, now);

/** "<none>" for an empty string or list, as the printers write missing values. */
export const orNone = (s: string | undefined | null): string => (s ? s : "<none>");

/** A string map as "k=v,k2=v2" (sorted by key), or "<none>": the Selector cells. */
export function formatMap(m: Record<string, string> | undefined | null): string {
  const entries = Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(",") : "<none>";
}

/** Lists the printers cut short: "a,b,c + 2 more..." (upstream's formatEndpoints/formatHosts use max 3). */
export function listWithMore(items: string[], max = 3): string {
  if (items.length <= max) return items.join(",");
  return `${items.slice(0, max).join(",")} + ${items.length - max} more...`;
}

/** Containers/Images cells of Deployment, ReplicaSet, Job...: names and images joined by commas. */
export function containersAndImages(podSpec: any): [string, string] {
  const cs = (podSpec?.containers ?? []) as { name?: string; image?: string }[];
  return [cs.map((c) => c.name ?? "").join(","), cs.map((c) => c.image ?? "").join(",")];
}
