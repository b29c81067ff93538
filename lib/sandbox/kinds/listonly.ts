// Shared builder for the workload kinds this sandbox lists but runs no controller for
// (ReplicationController, StatefulSet, DaemonSet, Job, CronJob, HorizontalPodAutoscaler): they
// answer `kubectl get all` with their real columns, accept and store valid manifests (spec and
// status are taken as written), and keep the generic registry's generation/status rules.
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, defineKind, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { obj, opaque, ref } from "./schema";
import type { KindDef, ScaleAccess, Schema, Subresource, TableColumn } from "./types";

export interface ListOnlyKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  subresources: Subresource[];
  schemaPrefix: string;
  description: string;
  /** Named spec schema (e.g. a full JobSpec) when the kind models it; opaque otherwise. */
  spec?: { name: string; library: Record<string, Schema> };
  columns: TableColumn[];
  row(o: K8sObject, now: Date): unknown[];
  defaults?(o: K8sObject): void;
  /** The scale subresource, for kinds that list it. */
  scale?: ScaleAccess;
  /** Field checks beyond ObjectMeta, for kinds whose spec is modelled. */
  validate?(o: K8sObject, old?: K8sObject): FieldError[];
}

export function listOnlyKind(k: ListOnlyKind): KindDef {
  const root = `${k.schemaPrefix}.${k.kind}`;
  return defineKind({
    group: k.group,
    version: k.version,
    kind: k.kind,
    plural: k.plural,
    singular: k.kind.toLowerCase(),
    namespaced: true,
    shortNames: k.shortNames,
    categories: ["all"],
    verbs: STANDARD_VERBS,
    subresources: k.subresources,
    rootSchema: root,
    library: {
      ...metaSchemas,
      ...(k.spec?.library ?? {}),
      [root]: obj(k.description, {
        ...typeMetaProps(),
        spec: k.spec ? ref(k.spec.name, `Desired state of the ${k.kind}.`, { default: {} }) : opaque(`Desired state of the ${k.kind} (stored as written).`),
        status: opaque(`Observed state of the ${k.kind}. Read-only.`),
      }),
    },
    columns: k.columns,
    row: k.row,
    ...(k.scale ? { scale: k.scale } : {}),
    prepareForCreate(o: K8sObject) {
      prepareCreateCommon(o, { generation: true });
      k.defaults?.(o);
      o.status ??= {};
    },
    prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
      if (subresource !== "status") k.defaults?.(o);
      prepareUpdateCommon(o, old, { status: true, generation: true }, subresource);
    },
    validate: (o: K8sObject, old?: K8sObject) => [...validateObjectMeta(o, true), ...(k.validate?.(o, old) ?? [])],
  });
}
