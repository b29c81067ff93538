// Label selectors, in one place for the whole sandbox: workloads (Deployment/ReplicaSet selectors,
// affinity), Services (a plain map), NetworkPolicy peers, and the printed form tables and the
// Scale subresource show. metav1.LabelSelector: matchLabels AND every matchExpressions requirement;
// an empty selector ({}) selects everything; what a missing one means depends on the field, so
// compileSelector leaves it to the caller and selectorMatches treats it as nothing (as upstream's
// LabelSelectorAsSelector(nil) does).

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export type Labels = Record<string, string>;

/** A compiled selector: a predicate over labels plus a short text for explanations ("app=web,tier in (a,b)"). */
export interface Matcher {
  matches(labels: Labels): boolean;
  /** True for {} (selects everything). */
  empty: boolean;
  text: string;
}

export function compileSelector(sel: LabelSelector | null | undefined): Matcher {
  const labels = Object.entries(sel?.matchLabels ?? {});
  const exprs = sel?.matchExpressions ?? [];
  const empty = labels.length === 0 && exprs.length === 0;
  const tests: ((l: Labels) => boolean)[] = [];
  for (const [k, v] of labels) tests.push((l) => l[k] === v);
  for (const e of exprs) {
    const values = new Set(e.values ?? []);
    switch (e.operator) {
      case "In":
        tests.push((l) => e.key in l && values.has(l[e.key]));
        break;
      case "NotIn":
        tests.push((l) => !(e.key in l) || !values.has(l[e.key]));
        break;
      case "Exists":
        tests.push((l) => e.key in l);
        break;
      case "DoesNotExist":
        tests.push((l) => !(e.key in l));
        break;
      default:
        // The API server rejects unknown operators; should one slip through, it selects nothing
        // (metav1.LabelSelectorAsSelector fails and upstream consumers treat that as "nothing").
        tests.push(() => false);
    }
  }
  return { matches: (l) => tests.every((t) => t(l)), empty, text: formatSelector(sel, "<all>") };
}

/** Does a LabelSelector select these labels? A missing selector selects nothing; an empty one everything. */
export function selectorMatches(sel: LabelSelector | null | undefined, labels: Labels | undefined): boolean {
  return sel ? compileSelector(sel).matches(labels ?? {}) : false;
}

/**
 * "app=web,tier in (a,b)": requirements sorted by key with values sorted, as labels.Selector.String
 * prints them (kubectl's SELECTOR columns, Scale status). `empty` is shown for a missing or empty selector:
 * "<none>" in tables, "<all>" in policy explanations, "" in a Scale.
 */
export function formatSelector(sel: LabelSelector | null | undefined, empty = "<none>"): string {
  const parts: [string, string][] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push([e.key, `${e.key} in (${vals})`]);
    else if (e.operator === "NotIn") parts.push([e.key, `${e.key} notin (${vals})`]);
    else if (e.operator === "Exists") parts.push([e.key, e.key]);
    else if (e.operator === "DoesNotExist") parts.push([e.key, `!${e.key}`]);
    else parts.push([e.key, `${e.key} ${e.operator} (${vals})`]);
  }
  parts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.length ? parts.map(([, p]) => p).join(",") : empty;
}

/** A plain map selector (Service spec.selector): every pair must match; an empty map selects nothing here. */
export function mapSelects(selector: Record<string, string> | undefined | null, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
