// One sandbox cluster: its store, clock, container runtime, network and controllers, wired
// together. The API server (api/) serves many of these, one per token.
import type { Clock } from "./clock";
import type { Store } from "./store/store";
import type { KindDef } from "./kinds/types";
import type { Network } from "./network/types";
import type { Runtime } from "./runtime/types";
import type { K8sObject, ResourceRef } from "./types";

export interface EventRecorder {
  /**
   * Records a core/v1 Event about `obj` (deduplicated by reason+message: count goes up), e.g.
   * record(pod, "Normal", "Scheduled", "Successfully assigned default/web to kind-worker", "default-scheduler").
   */
  record(obj: K8sObject, type: "Normal" | "Warning", reason: string, message: string, component: string, fieldPath?: string): void;
}

export interface Cluster {
  readonly id: string;
  readonly store: Store;
  readonly clock: Clock;
  readonly kinds: KindRegistry;
  readonly runtime: Runtime;
  readonly network: Network;
  readonly events: EventRecorder;
  /** Stops controllers and timers; the cluster is unusable afterwards. */
  close(): void;
}

export interface KindRegistry {
  all(): KindDef[];
  byResource(ref: ResourceRef): KindDef | undefined;
  byKind(group: string, kind: string): KindDef | undefined;
  refOf(def: KindDef): ResourceRef;
}
