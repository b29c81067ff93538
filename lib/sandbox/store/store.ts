// The object store of one sandbox cluster: what etcd plus the generic registry are upstream.
// It owns identity and bookkeeping (uid, resourceVersion from one counter, creationTimestamp,
// generateName), optimistic concurrency, and the event history that watches replay. What a kind
// defaults or bumps on write comes from its strategy (kinds/*.ts), so the API and the controllers
// write through the same rules. Objects handed out are copies: callers may change them freely.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { alreadyExists, conflict, expired, notFound } from "../errors";
import { rfc3339 } from "../clock";
import { refKey, type K8sObject, type ResourceRef } from "../types";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: WatchEventType;
  ref: ResourceRef;
  object: K8sObject;
  /** The resourceVersion this event produced (for DELETED, the version of the deletion). */
  rv: number;
}

/** Per-kind write rules, supplied by the kind registry. */
export interface Strategy {
  /** Fill defaults on create (e.g. a Pod's restartPolicy). May throw ApiError. */
  prepareForCreate?(obj: K8sObject, store: Store): void;
  /** Adjust an update (e.g. bump metadata.generation when spec changes, keep status). */
  prepareForUpdate?(obj: K8sObject, old: K8sObject, store: Store, opts: { subresource?: string }): void;
}

export interface StoreOptions {
  strategyFor?(ref: ResourceRef): Strategy | undefined;
  /** How many events watches can replay before answering 410 Expired. */
  historySize?: number;
  now?(): Date;
  /**
   * Admission for every create, API or controller (per-sandbox quotas): throw an ApiError to refuse.
   * Called with the object as it will be stored (name set), before the kind's defaults.
   */
  admit?(ref: ResourceRef, obj: K8sObject, store: Store): void;
}

export interface WriteOptions {
  /** A write to a subresource ("status", "scale"): strategies keep the rest of the object. */
  subresource?: string;
  /** Validate and compute the result, store nothing (dryRun=All). */
  dryRun?: boolean;
}

type Listener = (e: StoreEvent) => void;

const clone = <T>(v: T): T => structuredClone(v);
const nameSuffixChars = "bcdfghjklmnpqrstvwxz2456789";

/** The 5 random characters the API server appends for generateName. */
export function randomSuffix(n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += nameSuffixChars[Math.floor(Math.random() * nameSuffixChars.length)];
  return s;
}

export class Store {
  private readonly buckets = new Map<string, Map<string, K8sObject>>();
  private readonly refs = new Map<string, ResourceRef>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv = 1;
  private readonly historySize: number;

  constructor(private readonly opts: StoreOptions = {}) {
    this.historySize = opts.historySize ?? 2000;
  }

  /** The current (latest) resourceVersion of the whole store. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can resume from. */
  get oldestReplayable(): number {
    return this.history.length ? this.history[0].rv - 1 : this.rv;
  }

  private bucket(ref: ResourceRef): Map<string, K8sObject> {
    const k = refKey(ref);
    let b = this.buckets.get(k);
    if (!b) {
      b = new Map();
      this.buckets.set(k, b);
      this.refs.set(k, ref);
    }
    return b;
  }

  private static key(ns: string | undefined, name: string): string {
    return ns ? `${ns}/${name}` : name;
  }

  get(ref: ResourceRef, ns: string | undefined, name: string): K8sObject | undefined {
    const o = this.buckets.get(refKey(ref))?.get(Store.key(ns, name));
    return o ? clone(o) : undefined;
  }

  /** Like get, but throws the API server's NotFound. */
  mustGet(ref: ResourceRef, ns: string | undefined, name: string): K8sObject {
    const o = this.get(ref, ns, name);
    if (!o) throw notFound(ref.resource, ref.group, name);
    return o;
  }

  /** Every object of a resource, optionally in one namespace, sorted by namespace then name (as etcd returns them). */
  list(ref: ResourceRef, ns?: string): K8sObject[] {
    const b = this.buckets.get(refKey(ref));
    if (!b) return [];
    const out: K8sObject[] = [];
    for (const o of b.values()) if (!ns || o.metadata.namespace === ns) out.push(clone(o));
    return out.sort((a, b) => Store.key(a.metadata.namespace, a.metadata.name!).localeCompare(Store.key(b.metadata.namespace, b.metadata.name!)));
  }

  /**
   * Like list, but the stored objects themselves, not copies: for read-only paths (API list and
   * Table responses) where copying every object would dominate the cost. Stored objects are
   * replaced, never changed in place, on write; callers must not modify what this returns.
   */
  listShared(ref: ResourceRef, ns?: string): readonly Readonly<K8sObject>[] {
    const b = this.buckets.get(refKey(ref));
    if (!b) return [];
    const out: K8sObject[] = [];
    for (const o of b.values()) if (!ns || o.metadata.namespace === ns) out.push(o);
    // Byte order of namespace/name, as etcd returns keys (and as list continue tokens compare).
    const key = (o: K8sObject) => Store.key(o.metadata.namespace, o.metadata.name!);
    return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** How many objects a resource holds (optionally in one namespace), without copying them. */
  count(ref: ResourceRef, ns?: string): number {
    const b = this.buckets.get(refKey(ref));
    if (!b) return 0;
    if (!ns) return b.size;
    let n = 0;
    for (const o of b.values()) if (o.metadata.namespace === ns) n++;
    return n;
  }

  /** Total objects across every resource (for quotas and memory accounting). */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.size;
    return n;
  }

  create(ref: ResourceRef, input: K8sObject, opts: WriteOptions = {}): K8sObject {
    const obj = clone(input);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (!meta.name && meta.generateName) {
      const b = this.bucket(ref);
      do meta.name = meta.generateName + randomSuffix();
      while (b.has(Store.key(meta.namespace, meta.name)));
    }
    const b = this.bucket(ref);
    const key = Store.key(meta.namespace, meta.name!);
    if (b.has(key)) throw alreadyExists(ref.resource, ref.group, meta.name!);
    this.opts.admit?.(ref, obj, this);
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(this.now());
    delete meta.deletionTimestamp;
    delete meta.resourceVersion;
    this.opts.strategyFor?.(ref)?.prepareForCreate?.(obj, this);
    if (opts.dryRun) return obj;
    meta.resourceVersion = String(++this.rv);
    b.set(key, obj);
    this.emit({ type: "ADDED", ref, object: clone(obj), rv: this.rv });
    return clone(obj);
  }

  /**
   * Replaces an object. When `input.metadata.resourceVersion` is set it must match the stored
   * one (optimistic concurrency: 409 Conflict otherwise). Writes that change nothing keep the
   * resourceVersion and emit no event, as the API server does.
   */
  update(ref: ResourceRef, input: K8sObject, opts: WriteOptions = {}): K8sObject {
    const obj = clone(input);
    const meta = obj.metadata;
    const b = this.bucket(ref);
    const key = Store.key(meta.namespace, meta.name!);
    const old = b.get(key);
    if (!old) throw notFound(ref.resource, ref.group, meta.name!);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) throw conflict(ref.resource, ref.group, meta.name!);
    // Identity is the server's, whatever the client sent.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    meta.resourceVersion = old.metadata.resourceVersion;
    this.opts.strategyFor?.(ref)?.prepareForUpdate?.(obj, clone(old), this, { subresource: opts.subresource });
    meta.resourceVersion = old.metadata.resourceVersion;
    if (isDeepStrictEqual(obj, old)) return clone(old);
    if (opts.dryRun) return obj;
    meta.resourceVersion = String(++this.rv);
    b.set(key, obj);
    this.emit({ type: "MODIFIED", ref, object: clone(obj), rv: this.rv });
    // An object marked for deletion whose finalizers are all gone is removed (as the API server does).
    if (meta.deletionTimestamp && !(meta.finalizers?.length) && old.metadata.finalizers?.length) return this.remove(ref, meta.namespace, meta.name!) ?? clone(obj);
    return clone(obj);
  }

  /** Reads, changes and writes an object in one step (no conflict possible: the store is single-threaded). */
  mutate(ref: ResourceRef, ns: string | undefined, name: string, change: (o: K8sObject) => void, opts: WriteOptions = {}): K8sObject {
    const o = this.mustGet(ref, ns, name);
    change(o);
    delete o.metadata.resourceVersion;
    return this.update(ref, o, opts);
  }

  /** Removes an object now and emits DELETED. Graceful deletion and cascading belong to the callers (API, garbage collector). */
  remove(ref: ResourceRef, ns: string | undefined, name: string, opts: WriteOptions = {}): K8sObject | undefined {
    const b = this.buckets.get(refKey(ref));
    const key = Store.key(ns, name);
    const old = b?.get(key);
    if (!b || !old) return undefined;
    if (opts.dryRun) return clone(old);
    b.delete(key);
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: "DELETED", ref, object: clone(gone), rv: this.rv });
    return gone;
  }

  /**
   * Subscribes to changes. With `sinceRV`, first replays every event after that version
   * (throws 410 Expired when the history no longer reaches back that far). Returns unsubscribe.
   */
  watch(listener: Listener, sinceRV?: number): () => void {
    if (sinceRV !== undefined) {
      if (sinceRV < this.oldestReplayable) throw expired(`too old resource version: ${sinceRV} (${this.oldestReplayable})`);
      for (const e of this.history) if (e.rv > sinceRV) listener(e);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every resource this store has held objects of. */
  resources(): ResourceRef[] {
    return [...this.refs.values()];
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > this.historySize) this.history.splice(0, this.history.length - this.historySize);
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        // A broken listener must not stop the others, the write that caused the event, or other sandboxes.
        console.error("sandbox store listener failed:", err);
      }
    }
  }
}
