// Label selectors as NetworkPolicy, Service and IngressClass matching use them
// (metav1.LabelSelector: matchLabels AND every matchExpressions requirement).
// An empty selector ({}) selects everything; a missing one is handled by the caller, because
// its meaning differs by field (a missing podSelector in a peer is not the same as an empty one).

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
  return { matches: (l) => tests.every((t) => t(l)), empty, text: selectorText(sel) };
}

export function selectorText(sel: LabelSelector | null | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator} (${vals})`);
  }
  return parts.length ? parts.join(",") : "<all>";
}

/** A plain map selector (Service spec.selector): every pair must match; an empty map selects nothing here. */
export function mapSelects(selector: Record<string, string> | undefined | null, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
