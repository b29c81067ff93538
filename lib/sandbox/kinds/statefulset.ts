// StatefulSet (apps/v1): listed by `kubectl get all`; no controller runs it in the sandbox.
import { ageColumn, col, nameColumn } from "./common";
import { age, containersAndImages } from "./format";
import { listOnlyKind } from "./listonly";
import { replicasScale } from "./workload";

export const statefulset = listOnlyKind({
  group: "apps",
  version: "v1",
  kind: "StatefulSet",
  plural: "statefulsets",
  shortNames: ["sts"],
  subresources: ["scale", "status"],
  scale: replicasScale,
  schemaPrefix: "io.k8s.api.apps.v1",
  description: "Runs pods with stable names, network identities and storage, created and updated in order.",
  columns: [
    nameColumn,
    col("Ready", "Ready pods out of the desired number."),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
  ],
  row(o, now) {
    const [c, i] = containersAndImages(o.spec?.template?.spec);
    return [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, age(o, now), c, i];
  },
});
