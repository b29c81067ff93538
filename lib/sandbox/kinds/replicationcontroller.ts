// ReplicationController (core/v1): the ReplicaSet's predecessor; listed by `kubectl get all`, not run here.
import { ageColumn, col, nameColumn } from "./common";
import { age, containersAndImages, formatMap } from "./format";
import { listOnlyKind } from "./listonly";
import { replicasScale } from "./workload";

export const replicationcontroller = listOnlyKind({
  group: "",
  version: "v1",
  kind: "ReplicationController",
  plural: "replicationcontrollers",
  shortNames: ["rc"],
  subresources: ["scale", "status"],
  // An RC's selector is a plain label map, not a LabelSelector.
  scale: { ...replicasScale, selector: (o) => (o.spec?.selector ? formatMap(o.spec.selector) : "") },
  schemaPrefix: "io.k8s.api.core.v1",
  description: "The older form of ReplicaSet: keeps a number of pods running, selected by equality-based labels.",
  columns: [
    nameColumn,
    col("Desired", "Desired number of pods.", 0, "integer"),
    col("Current", "Pods currently owned.", 0, "integer"),
    col("Ready", "Pods that are ready.", 0, "integer"),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector for the pods.", 1),
  ],
  row(o, now) {
    const [c, i] = containersAndImages(o.spec?.template?.spec);
    return [o.metadata.name, o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o, now), c, i, formatMap(o.spec?.selector)];
  },
});
