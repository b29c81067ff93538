// The sandbox cluster's public API: an in-process Kubernetes API server that serves many sandbox
// clusters over HTTPS (createSandboxServer), and the cluster composition it uses (createCluster).
export { createSandboxServer, type SandboxServer, type SandboxServerOptions, type SandboxInfo, type RequestRecord } from "./server";
export { createCluster, newSandboxId, type Addon, type CreateClusterOptions } from "./sandbox";
export { DEFAULT_QUOTAS, type Quotas } from "./api/context";
export type { Cluster } from "./cluster";
