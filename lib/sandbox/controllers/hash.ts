// pod-template-hash: upstream (pkg/controller/controller_utils.go ComputeHash) writes the pod
// template through an FNV-32a hasher, adds collisionCount, and safe-encodes the decimal sum with
// the alphabet "bcdfghjklmnpqrstvwxz2456789" (apimachinery rand.SafeEncodeString). We hash the
// template's canonical JSON instead of Go's spew dump, so values differ from a real cluster's, but
// the shape (8-10 characters of [4-9bcdf]) and the stability are the same.

const alphabet = "bcdfghjklmnpqrstvwxz2456789";

export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(s, "utf8");
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const safeEncode = (s: string): string => [...s].map((c) => alphabet[c.charCodeAt(0) % alphabet.length]).join("");

/** JSON with keys sorted at every level, so equal templates hash equally whatever their key order. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v as object)
      .filter((k) => (v as any)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as any)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let s = canonicalJSON(template);
  if (collisionCount) s += String(collisionCount);
  return safeEncode(String(fnv32a(s)));
}

/** Templates equal apart from the pod-template-hash label (upstream EqualIgnoreHash). */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels["pod-template-hash"];
      if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
    }
    if (c.metadata && !Object.keys(c.metadata).length) delete c.metadata;
    return canonicalJSON(c);
  };
  return strip(a) === strip(b);
}
