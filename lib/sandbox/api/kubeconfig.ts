// The kubeconfig a sandbox hands out: one cluster, context and user, all named after the sandbox,
// with the server's CA inline and the sandbox's bearer token; namespace default (as kind writes it).
import YAML from "yaml";

export function kubeconfigFor(opts: { name: string; server: string; caPem: string; token: string; namespace?: string }): string {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: opts.name, cluster: { server: opts.server, "certificate-authority-data": Buffer.from(opts.caPem).toString("base64") } }],
    contexts: [{ name: opts.name, context: { cluster: opts.name, user: opts.name, namespace: opts.namespace ?? "default" } }],
    "current-context": opts.name,
    preferences: {},
    users: [{ name: opts.name, user: { token: opts.token } }],
  };
  return YAML.stringify(doc);
}
