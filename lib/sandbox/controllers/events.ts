// core/v1 Events written on behalf of the scheduler, the kubelet and the controllers, as
// client-go's event recorder writes them: named `<object>.<hex unix nanos>`, deduplicated by
// (object, type, reason, message, source) into count/firstTimestamp/lastTimestamp, and pruned
// after the API server's event TTL (1h) or when a cluster holds too many.
import type { Clock } from "../clock";
import { rfc3339 } from "../clock";
import type { EventRecorder } from "../cluster";
import type { Store } from "../store/store";
import type { K8sObject } from "../types";
import { R } from "./refs";

/** kube-apiserver --event-ttl default. */
export const eventTTLms = 60 * 60 * 1000;
/** Upper bound per cluster, so a crash-looping pod cannot grow a sandbox without limit. */
export const maxEvents = 1000;

let lastNanos = 0n;
/** Unix nanoseconds, strictly increasing within the process (two events in one ms get distinct names). */
function uniqueNanos(d: Date): bigint {
  let n = BigInt(d.getTime()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1000)) * 1000n;
  if (n <= lastNanos) n = lastNanos + 1n;
  lastNanos = n;
  return n;
}

/** Where the event comes from, as `kubectl get events`' SOURCE/From column shows it. */
function reportingFor(obj: K8sObject, component: string): { host?: string; instance: string } {
  if (component === "kubelet" || component === "kube-proxy") {
    const host = obj.kind === "Node" ? obj.metadata.name : obj.spec?.nodeName;
    return { host, instance: host ?? "" };
  }
  if (component === "default-scheduler") return { instance: "default-scheduler-kind-control-plane" };
  return { instance: "" };
}

export function createEventRecorder(store: Store, clock: Clock): EventRecorder {
  // dedup key -> event name, so repeated events bump a count instead of piling up.
  const seen = new Map<string, string>();
  let sincePrune = 0;

  function prune(now: Date): void {
    const events = store.list(R.events);
    const cutoff = now.getTime() - eventTTLms;
    const last = (e: K8sObject) => Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? "") || 0;
    const sorted = events.sort((a, b) => last(a) - last(b));
    let excess = sorted.length - maxEvents;
    for (const e of sorted) {
      if (last(e) >= cutoff && excess <= 0) break;
      store.remove(R.events, e.metadata.namespace, e.metadata.name!);
      excess--;
    }
  }

  return {
    record(obj, type, reason, message, component, fieldPath) {
      try {
        write(obj, type, reason, message, component, fieldPath);
      } catch (err) {
        // Events are best effort, as client-go's broadcaster drops what it cannot write: never fail a controller.
        console.error("sandbox event not recorded:", (err as Error)?.message ?? err);
      }
    },
  };

  function write(obj: K8sObject, type: "Normal" | "Warning", reason: string, message: string, component: string, fieldPath?: string): void {
    const now = clock.now();
    const ns = obj.metadata.namespace || "default";
    // The API server refuses new content in a terminating namespace; events are dropped then.
    if (store.get(R.namespaces, undefined, ns)?.metadata.deletionTimestamp) return;
    const { host, instance } = reportingFor(obj, component);
    const involvedObject: Record<string, string> = {
      kind: obj.kind ?? "",
      namespace: obj.metadata.namespace ?? "",
      name: obj.metadata.name!,
      uid: obj.metadata.uid ?? "",
      apiVersion: obj.apiVersion ?? "",
      resourceVersion: obj.metadata.resourceVersion ?? "",
    };
    if (!involvedObject.namespace) delete involvedObject.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const key = [ns, involvedObject.kind, involvedObject.name, involvedObject.uid, fieldPath ?? "", type, reason, message, component, host ?? ""].join("\0");
    const ts = rfc3339(now);
    const existing = seen.get(key);
    if (existing) {
      const e = store.get(R.events, ns, existing);
      if (e) {
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = ts;
        e.involvedObject = involvedObject;
        delete e.metadata.resourceVersion;
        store.update(R.events, e);
        return;
      }
    }
    const name = `${obj.metadata.name}.${uniqueNanos(now).toString(16)}`;
    const event: K8sObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject,
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: instance,
    };
    store.create(R.events, event);
    seen.set(key, name);
    if (seen.size > maxEvents * 2) seen.clear();
    if (++sincePrune >= 50) {
      sincePrune = 0;
      prune(now);
    }
  }
}
