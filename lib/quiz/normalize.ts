// How a short-text answer is compared with the accepted answers: one normalisation, used for both
// sides, so `ClusterIP`, `cluster ip`, `Cluster-IP` and "`clusterIP`." all mean the same thing.
// Dots inside a word are kept (10.96.0.10, kube-dns.kube-system) because they carry meaning;
// spaces, hyphens and underscores are not (learners write `node port`, `NodePort`, `node-port`).

export function normalizeText(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .trim()
    .replace(/^[`'"“”‘’]+|[`'"“”‘’]+$/g, "") // surrounding quotes or code ticks
    .replace(/[.!?;:,]+$/, "") // sentence punctuation at the end
    .replace(/^[`'"“”‘’]+|[`'"“”‘’]+$/g, "") // quotes inside that punctuation: "`ClusterIP`."
    .replace(/[\s\-_\u2010-\u2015]+/g, ""); // whitespace, hyphens, dashes, underscores
}
