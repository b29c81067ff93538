// DaemonSet (apps/v1): listed by `kubectl get all`; no controller runs it in the sandbox (the
// seeded kube-proxy and kindnet pods stand on their own).
import { ageColumn, col, nameColumn } from "./common";
import { age, containersAndImages, formatMap } from "./format";
import { formatLabelSelector } from "./meta";
import { listOnlyKind } from "./listonly";

export const daemonset = listOnlyKind({
  group: "apps",
  version: "v1",
  kind: "DaemonSet",
  plural: "daemonsets",
  shortNames: ["ds"],
  subresources: ["status"],
  schemaPrefix: "io.k8s.api.apps.v1",
  description: "Runs one copy of a pod on every (selected) node.",
  columns: [
    nameColumn,
    col("Desired", "Nodes that should run the pod.", 0, "integer"),
    col("Current", "Nodes running the pod.", 0, "integer"),
    col("Ready", "Nodes with the pod ready.", 0, "integer"),
    col("Up-to-date", "Nodes running the current template.", 0, "integer"),
    col("Available", "Nodes with the pod available.", 0, "integer"),
    col("Node Selector", "Node labels the pods require."),
    ageColumn,
    col("Containers", "Names of the template's containers.", 1),
    col("Images", "Images of the template's containers.", 1),
    col("Selector", "Label selector for the pods.", 1),
  ],
  row(o, now) {
    const s = o.status ?? {};
    const [c, i] = containersAndImages(o.spec?.template?.spec);
    return [
      o.metadata.name,
      s.desiredNumberScheduled ?? 0,
      s.currentNumberScheduled ?? 0,
      s.numberReady ?? 0,
      s.updatedNumberScheduled ?? 0,
      s.numberAvailable ?? 0,
      formatMap(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
      c,
      i,
      formatLabelSelector(o.spec?.selector),
    ];
  },
});
