// Per-sandbox limits: a token-bucket request rate (429 TooManyRequests past it) and object quotas
// enforced at admission for every create, the API's and the controllers' alike, worded as the
// ResourceQuota admission plugin words them ("exceeded quota: ...").
import { quotaExceeded, tooManyRequests } from "../errors";
import type { Store } from "../store/store";
import type { K8sObject, ResourceRef } from "../types";
import type { Quotas } from "./context";

export const QUOTA_NAME = "sandbox-quota";

export interface RateBucket {
  tokens: number;
  last: number;
}

export function newBucket(q: Quotas): RateBucket {
  return { tokens: q.burst, last: Date.now() };
}

/** Takes one request from the bucket; throws 429 when it is empty. */
export function takeToken(b: RateBucket, q: Quotas, now = Date.now()): void {
  b.tokens = Math.min(q.burst, b.tokens + ((now - b.last) / 1000) * q.requestsPerSecond);
  b.last = now;
  if (b.tokens < 1) throw tooManyRequests(Math.max(1, Math.ceil((1 - b.tokens) / q.requestsPerSecond)));
  b.tokens -= 1;
}

const EVENTS: ResourceRef = { group: "", resource: "events" };
const PODS: ResourceRef = { group: "", resource: "pods" };

/**
 * The store admission hook enforcing object quotas. Events are not counted: they are the cluster
 * reporting on itself (and the recorder must never fail a controller).
 */
export function quotaAdmission(q: Quotas): (ref: ResourceRef, obj: K8sObject, store: Store) => void {
  return (ref, obj, store) => {
    if (ref.group === EVENTS.group && ref.resource === EVENTS.resource) return;
    const name = obj.metadata.name ?? "";
    if (ref.group === "" && ref.resource === PODS.resource) {
      const used = store.count(PODS);
      if (used >= q.maxPods) throw quotaExceeded(ref.resource, ref.group, name, QUOTA_NAME, "pods", 1, used, q.maxPods);
    }
    const used = store.size - store.count(EVENTS);
    if (used >= q.maxObjects) throw quotaExceeded(ref.resource, ref.group, name, QUOTA_NAME, "count/objects", 1, used, q.maxObjects);
  };
}
