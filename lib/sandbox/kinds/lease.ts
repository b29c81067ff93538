// Lease (coordination.k8s.io/v1): node heartbeats in kube-node-lease, which `kubectl describe
// node` reads. printLease shows the holder.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { MICRO_TIME, metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { int32, obj, ref, str } from "./schema";

const COORD = "io.k8s.api.coordination.v1";
const LEASE = `${COORD}.Lease`;

export const lease = defineKind({
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  plural: "leases",
  singular: "lease",
  namespaced: true,
  verbs: STANDARD_VERBS,
  rootSchema: LEASE,
  library: {
    ...metaSchemas,
    [`${COORD}.LeaseSpec`]: obj("Who holds the lease and until when.", {
      acquireTime: ref(MICRO_TIME, "When the current holder took the lease."),
      holderIdentity: str("Identity of the current holder."),
      leaseDurationSeconds: int32("How long others wait after the last renewal before taking over."),
      leaseTransitions: int32("How many times the lease changed hands."),
      preferredHolder: str("Holder the lease should move to."),
      renewTime: ref(MICRO_TIME, "When the holder last renewed the lease."),
      strategy: str("How a new holder is chosen for coordinated leader election."),
    }),
    [LEASE]: obj("A lease: a lock with a holder and a renewal time, used for node heartbeats and leader election.", {
      ...typeMetaProps(),
      spec: ref(`${COORD}.LeaseSpec`, "The lease's holder and timing.", { default: {} }),
    }),
  },
  columns: [nameColumn, col("Holder", "Identity of the current holder."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, o.spec?.holderIdentity ?? "", age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate: (o: K8sObject) => validateObjectMeta(o, true),
});
