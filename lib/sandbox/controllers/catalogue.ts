// Where the kubelet learns what an image does (images/index.ts, the image catalogue) and how
// probes are run against a simulated container (exec/probe.ts).
import { lookupImage } from "../images/index";
import { runProbe } from "../exec/probe";
import type { ContextDeps } from "./context";

export const catalogue: ContextDeps = {
  lookupImage,
  probe: (cluster, pod, container, probe) => runProbe(cluster, pod, container, probe),
};
