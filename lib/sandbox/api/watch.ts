// Watch: a chunked stream of {"type","object"} lines, as the API server writes them. Headers are
// flushed at once (kubectl wait/rollout status hang otherwise), resourceVersion=N replays the
// store's history after N (410 Expired as an ERROR event when it no longer reaches back),
// unset/0 starts with synthetic ADDED events for the current state, and timeoutSeconds ends it.
// With a Table Accept each event's object is a one-row Table (kubectl get -w).
import type { ServerResponse } from "node:http";
import type { Cluster } from "../cluster";
import { ApiError } from "../errors";
import type { KindDef } from "../kinds/types";
import { apiVersionOf } from "../kinds/types";
import type { StoreEvent } from "../store/store";
import { refKey, type K8sObject, type ResourceRef } from "../types";
import { matches, type ObjectFilter } from "./selectors";
import { toTable, type IncludeObject } from "./table";

export interface WatchOptions {
  cluster: Cluster;
  def: KindDef;
  ref: ResourceRef;
  namespace?: string;
  filter: ObjectFilter;
  resourceVersion: string | null;
  timeoutSeconds?: number;
  table: IncludeObject | null;
  /** Aborted when the client goes away or the sandbox is deleted. */
  signal: AbortSignal;
  /** allowWatchBookmarks=true: send a BOOKMARK with the current resourceVersion now and then. */
  bookmarks?: boolean;
  bookmarkEveryMs?: number;
}

/** Upstream's default watch timeout is --min-request-timeout (1800 s) randomised up to twice that; one value is enough here. */
const DEFAULT_TIMEOUT_S = 1800;

export function serveWatch(res: ServerResponse, o: WatchOptions): void {
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private", "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  const key = refKey(o.ref);
  const apiVersion = apiVersionOf(o.def);
  const write = (type: string, obj: K8sObject) => {
    const full = { apiVersion, kind: o.def.kind, ...obj } as K8sObject;
    const object = o.table ? toTable(o.def, [obj], o.cluster.clock.now(), o.table, { resourceVersion: obj.metadata.resourceVersion }) : full;
    if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify({ type, object }) + "\n");
  };
  const inNamespace = (obj: K8sObject) => !o.namespace || obj.metadata.namespace === o.namespace;

  // Objects the client currently sees through its selectors: an object that stops matching is
  // reported DELETED, one that starts matching ADDED (as the API server's watch cache filter does).
  const visible = new Set<string>();
  const id = (obj: K8sObject) => `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
  let knownState = true;

  const onEvent = (e: StoreEvent) => {
    if (refKey(e.ref) !== key || !inNamespace(e.object)) return;
    const k = id(e.object);
    const ok = matches(o.filter, e.object);
    if (e.type === "DELETED") {
      if (visible.delete(k) || ok) write("DELETED", e.object);
      return;
    }
    if (ok) {
      const type = e.type === "ADDED" ? "ADDED" : visible.has(k) || !knownState ? "MODIFIED" : "ADDED";
      visible.add(k);
      write(type, e.object);
    } else if (visible.delete(k)) write("DELETED", e.object);
  };

  let unsubscribe: () => void = () => {};
  const rv = o.resourceVersion;
  if (!rv || rv === "0") {
    for (const obj of o.cluster.store.list(o.ref, o.namespace)) {
      if (!matches(o.filter, obj)) continue;
      visible.add(id(obj));
      write("ADDED", obj);
    }
    unsubscribe = o.cluster.store.watch(onEvent);
  } else {
    const since = Number(rv);
    try {
      if (!Number.isInteger(since) || since < 0) throw new ApiError(400, "BadRequest", `invalid resource version: ${JSON.stringify(rv)}`);
      // The client's view is the state at `since`. When nothing changed since (kubectl watches
      // from its list's resourceVersion), that is the current state; otherwise the current state
      // is the best guess, and a change to a matching object is reported as MODIFIED.
      for (const obj of o.cluster.store.listShared(o.ref, o.namespace)) if (matches(o.filter, obj as K8sObject)) visible.add(id(obj as K8sObject));
      knownState = since >= o.cluster.store.resourceVersion;
      unsubscribe = o.cluster.store.watch(onEvent, since);
    } catch (err) {
      const status = err instanceof ApiError ? err.toStatus() : new ApiError(500, "InternalError", String(err)).toStatus();
      res.end(JSON.stringify({ type: "ERROR", object: status }) + "\n");
      return;
    }
  }

  // Bookmarks let a client (client-go reflectors: kubectl wait, rollout status) resume from a
  // recent resourceVersion after a reconnect instead of relisting. Not sent in Table watches.
  const bookmark =
    o.bookmarks && !o.table
      ? setInterval(() => {
          if (!res.writableEnded && !res.destroyed)
            res.write(JSON.stringify({ type: "BOOKMARK", object: { kind: o.def.kind, apiVersion, metadata: { resourceVersion: String(o.cluster.store.resourceVersion) } } }) + "\n");
        }, o.bookmarkEveryMs ?? 60_000)
      : undefined;
  bookmark?.unref();
  const finish = () => {
    unsubscribe();
    clearTimeout(timer);
    if (bookmark) clearInterval(bookmark);
    o.signal.removeEventListener("abort", finish);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(finish, (o.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000);
  timer.unref();
  o.signal.addEventListener("abort", finish, { once: true });
  res.on("close", finish);
}
