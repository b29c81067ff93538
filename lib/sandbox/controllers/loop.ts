// The control loop: every controller is a reconcile function of the store for one key
// ("ns/name"), run whenever a store event touches that key, coalesced so a burst of writes
// causes one reconcile per key, and re-run after a delay when the controller asks for it (a
// pull that takes a moment, a crash back-off, a probe period). Reconciles never remember what
// they did: running one twice, or in any order, gives the same store.
import type { Clock } from "../clock";
import type { Cluster, EventRecorder } from "../cluster";
import { ApiError } from "../errors";
import type { ImageProfile } from "../images/types";
import type { RuntimeTable } from "../runtime/runtime";
import type { Store, StoreEvent } from "../store/store";
import type { K8sObject } from "../types";

export type ProbeRunner = (pod: K8sObject, container: string, probe: any) => Promise<boolean | { ok: boolean; message?: string }>;

export interface ControllerContext {
  store: Store;
  clock: Clock;
  events: EventRecorder;
  runtime: RuntimeTable;
  /** Monotonic sandbox time in ms (real ms × clock.scale): what delays and back-offs are measured in. */
  ms(): number;
  /** Unknown image (undefined) means the pull fails with ErrImagePull. */
  lookupImage(image: string): ImageProfile | undefined;
  /** Readiness/liveness/startup probes; absent = a started container counts as ready. */
  probe?: ProbeRunner;
  /** Asks for a reconcile of `key` by the named controller (used when async work finishes). */
  enqueue(controller: string, key: string): void;
  /** The PEM of the cluster CA (kube-root-ca.crt); undefined until known. */
  caCert(): string | undefined;
  addons: readonly string[];
  cluster?: Cluster;
}

export interface Controller {
  readonly name: string;
  /** Keys this controller must look at after a store event. */
  keysFor(e: StoreEvent, ctx: ControllerContext): string[];
  /** Every key, for the first pass after start. */
  allKeys(ctx: ControllerContext): string[];
  /** Makes the store right for `key`. Returns sandbox ms after which to look again, if time matters. */
  reconcile(ctx: ControllerContext, key: string): number | void;
}

interface Item {
  c: Controller;
  key: string;
}

/** How many reconciles one flush runs before yielding to the event loop (the API keeps answering). */
const batch = 500;

export class ControllerLoop {
  private readonly queue = new Map<string, Item>();
  private readonly timers = new Map<string, { at: number; cancel: () => void }>();
  private readonly byName = new Map<string, Controller>();
  private scheduled = false;
  private stopped = false;
  private unwatch?: () => void;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly controllers: Controller[],
    /** How a flush is scheduled: setImmediate in the product, manual in tests. */
    private readonly schedule: (fn: () => void) => void = (fn) => setImmediate(fn),
  ) {
    for (const c of controllers) this.byName.set(c.name, c);
    ctx.enqueue = (name, key) => {
      const c = this.byName.get(name);
      if (c) this.add(c, key);
    };
  }

  start(): void {
    this.unwatch = this.ctx.store.watch((e) => this.onEvent(e));
    for (const c of this.controllers) for (const k of c.allKeys(this.ctx)) this.add(c, k);
  }

  stop(): void {
    this.stopped = true;
    this.unwatch?.();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.queue.clear();
  }

  get pending(): number {
    return this.queue.size;
  }

  private onEvent(e: StoreEvent): void {
    for (const c of this.controllers) {
      let keys: string[];
      try {
        keys = c.keysFor(e, this.ctx);
      } catch (err) {
        console.error(`sandbox controller ${c.name}: keysFor failed:`, err);
        continue;
      }
      for (const k of keys) this.add(c, k);
    }
  }

  add(c: Controller, key: string): void {
    if (this.stopped) return;
    this.queue.set(`${c.name}|${key}`, { c, key });
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush(batch);
      });
    }
  }

  private after(c: Controller, key: string, ms: number): void {
    const id = `${c.name}|${key}`;
    const at = this.ctx.ms() + ms;
    const t = this.timers.get(id);
    if (t && t.at <= at) return;
    t?.cancel();
    const cancel = this.ctx.clock.after(Math.max(0, ms), () => {
      this.timers.delete(id);
      this.add(c, key);
    });
    this.timers.set(id, { at, cancel });
  }

  /** Runs up to `limit` queued reconciles; returns how many ran. */
  flush(limit = Infinity): number {
    let n = 0;
    while (this.queue.size && n < limit && !this.stopped) {
      const [id, item] = this.queue.entries().next().value as [string, Item];
      this.queue.delete(id);
      n++;
      let again: number | void;
      try {
        again = item.c.reconcile(this.ctx, item.key);
      } catch (err) {
        // A write raced with a user's (NotFound, Conflict): look again shortly. Anything else is a bug
        // worth a log line, but must not stop the other controllers or other sandboxes.
        if (!(err instanceof ApiError)) console.error(`sandbox controller ${item.c.name} ${item.key}:`, err);
        again = 1000;
      }
      if (typeof again === "number" && Number.isFinite(again)) this.after(item.c, item.key, again);
    }
    if (this.queue.size && !this.scheduled && !this.stopped) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush(batch);
      });
    }
    return n;
  }
}
