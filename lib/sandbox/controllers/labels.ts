// Label selectors as the API defines them: a Service's map selector, and LabelSelector with
// matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) for workloads.

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A Service-style selector: every pair must match. An empty selector matches nothing here (callers decide). */
export function matchesMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** metav1.LabelSelector semantics: an empty selector matches everything; a missing one nothing. */
export function matchesSelector(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case "In":
        if (!has || !(e.values ?? []).includes(l[e.key])) return false;
        break;
      case "NotIn":
        if (has && (e.values ?? []).includes(l[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** "app=web,tier in (a,b)": the string form kubectl and the Scale subresource show. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return "";
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === "In") parts.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(",");
}
