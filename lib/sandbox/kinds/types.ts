// What one kind module (kinds/pod.ts, kinds/service.ts, ...) declares. Discovery, OpenAPI,
// Table printing, validation, defaulting, strategic-merge metadata and protobuf decoding all read
// this one record, so adding a kind means adding one file and one line in kinds/index.ts.
import type { FieldError } from "../errors";
import type { Strategy } from "../store/store";
import type { K8sObject } from "../types";

/** An OpenAPI v3 schema node, with the Kubernetes extensions kubectl reads. */
export interface Schema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: (string | number)[];
  default?: unknown;
  /** Reference to another schema in components.schemas, e.g. "#/components/schemas/io.k8s.api.core.v1.PodSpec". */
  $ref?: string;
  allOf?: Schema[];
  /** Used (without `type`) for Quantity and IntOrString, as upstream's v3 documents do, so `kubectl explain` names them. */
  oneOf?: Schema[];
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
  "x-kubernetes-group-version-kind"?: { group: string; version: string; kind: string }[];
}

export interface TableColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: "name" | "";
  description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: 0 | 1;
}

export type Subresource = "status" | "scale" | "log" | "exec" | "attach" | "portforward" | "binding" | "eviction" | "ephemeralcontainers";

export interface ScaleAccess {
  /** spec.replicas of the object. */
  specReplicas(obj: K8sObject): number;
  setSpecReplicas(obj: K8sObject, n: number): void;
  statusReplicas(obj: K8sObject): number;
  /** The label selector as a string, e.g. "app=web". */
  selector(obj: K8sObject): string;
}

/**
 * A kind's strategy (prepareForCreate/prepareForUpdate) keeps the stored status on main-resource
 * writes, as the API server does: controllers write status with `{ subresource: "status" }`.
 */
export interface KindDef extends Strategy {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name used in URLs ("networkpolicies"). */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /** "all" puts the kind in `kubectl get all`. */
  categories?: string[];
  verbs: string[];
  subresources?: Subresource[];
  /** Kinds that only exist to answer a POST (SelfSubjectAccessReview) set this and are never stored. */
  createOnly?: boolean;

  /**
   * OpenAPI schemas this kind contributes to components.schemas, keyed by the upstream name
   * (e.g. "io.k8s.api.networking.v1.NetworkPolicy"). `rootSchema` names the one for the kind itself.
   * These drive `kubectl explain`, strict field validation (unknown fields) and strategic merge patch.
   */
  schemas: Record<string, Schema>;
  rootSchema: string;

  /** Table columns and one row's cells, computed by the server as upstream's printers do. */
  columns: TableColumn[];
  row(obj: K8sObject, now: Date): unknown[];

  /** Field errors for a create or update (names, required fields, allowed values). Empty = valid. */
  validate?(obj: K8sObject, old?: K8sObject): FieldError[];

  scale?: ScaleAccess;

  /**
   * Field numbers for decoding this kind from a protobuf request body, when kubectl ≥ 1.32
   * sends it that way (typed `create` commands). See api/protobuf.ts for the descriptor format.
   */
  protobuf?: unknown;
}

/** Shortcut for the upstream apiVersion string ("v1", "apps/v1"). */
export const apiVersionOf = (k: Pick<KindDef, "group" | "version">): string => (k.group ? `${k.group}/${k.version}` : k.version);
