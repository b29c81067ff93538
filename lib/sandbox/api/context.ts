// What one API request knows while it is handled: the sandbox cluster its token chose, the raw
// request and response, its query, collected warnings, and the sandbox's limits.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cluster } from "../cluster";
import type { Reply } from "./http";

export interface Quotas {
  /** Objects of any kind one sandbox may hold (ResourceQuota count/* style). */
  maxObjects: number;
  /** Pods one sandbox may hold. */
  maxPods: number;
  /** Sustained requests per second per sandbox (token bucket refill rate). */
  requestsPerSecond: number;
  /** Requests a sandbox may make in a burst above the sustained rate. */
  burst: number;
}

export const DEFAULT_QUOTAS: Quotas = { maxObjects: 2000, maxPods: 150, requestsPerSecond: 100, burst: 400 };

/** The user every sandbox token authenticates as: a kind cluster's admin kubeconfig user. */
export const SANDBOX_USER = { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] };

export interface RequestContext extends Reply {
  cluster: Cluster;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  query: URLSearchParams;
  warnings: string[];
  /** Aborted when the client disconnects or the sandbox is deleted (ends watches and log follows). */
  signal: AbortSignal;
}
