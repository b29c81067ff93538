// Node (core/v1, cluster-scoped): a machine pods run on. Taint validation and printNode (Status
// from the Ready condition plus SchedulingDisabled, Roles from node-role.kubernetes.io/* labels).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { QUANTITY, TIME, metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { CORE } from "./podspec";
import { atomic, bool, enumStr, mergeBy, obj, opaque, ref, refList, refMap, str, strList, set } from "./schema";
import { notSupported, qualifiedName, invalidValue, required } from "./validation";

const c = (n: string) => `${CORE}.${n}`;
const NODE = c("Node");
const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role label, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return [...roles].sort();
}

export function nodeRow(o: K8sObject, now: Date): unknown[] {
  const status: string[] = [];
  const ready = (o.status?.conditions ?? []).find((x: any) => x.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (!status.length) status.push("Unknown");
  if (o.spec?.unschedulable) status.push("SchedulingDisabled");
  const roles = nodeRoles(o.metadata.labels).join(",") || "<none>";
  const info = o.status?.nodeInfo ?? {};
  const addr = (t: string) => (o.status?.addresses ?? []).find((a: any) => a.type === t)?.address ?? "<none>";
  return [
    o.metadata.name,
    status.join(","),
    roles,
    age(o, now),
    info.kubeletVersion ?? "",
    addr("InternalIP"),
    addr("ExternalIP"),
    info.osImage || "<unknown>",
    info.kernelVersion || "<unknown>",
    info.containerRuntimeVersion || "<unknown>",
  ];
}

function validateNode(o: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, false);
  (o.spec?.taints ?? []).forEach((t: any, i: number) => {
    const f = `spec.taints[${i}]`;
    if (!t?.key) errs.push(required(`${f}.key`));
    else for (const m of qualifiedName(t.key)) errs.push(invalidValue(`${f}.key`, t.key, m));
    if (!t?.effect) errs.push(required(`${f}.effect`));
    else if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${f}.effect`, t.effect, EFFECTS));
  });
  return errs;
}

export const node = defineKind({
  group: "",
  version: "v1",
  kind: "Node",
  plural: "nodes",
  singular: "node",
  namespaced: false,
  shortNames: ["no"],
  verbs: STANDARD_VERBS,
  subresources: ["status"],
  rootSchema: NODE,
  library: {
    ...metaSchemas,
    [c("Taint")]: obj(
      "Repels pods that do not tolerate it.",
      {
        effect: enumStr("NoSchedule, PreferNoSchedule or NoExecute.", ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
        key: str("Taint key."),
        timeAdded: ref(TIME, "When a NoExecute taint was added."),
        value: str("Taint value."),
      },
      ["key", "effect"],
    ),
    [c("NodeSpec")]: obj("How a node is configured for scheduling.", {
      configSource: opaque("Deprecated dynamic kubelet configuration source."),
      externalID: str("Deprecated."),
      podCIDR: str("Pod IP range assigned to the node."),
      podCIDRs: strList("Pod IP ranges assigned to the node, one per family.", { ...set, "x-kubernetes-patch-strategy": "merge" }),
      providerID: str("ID of the node at the cloud provider."),
      taints: refList(c("Taint"), "Taints of the node.", atomic),
      unschedulable: bool("Cordoned: no new pods are scheduled here."),
    }),
    [c("NodeAddress")]: obj("An address of a node.", { address: str("The address."), type: str("Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.") }, [
      "type",
      "address",
    ]),
    [c("NodeCondition")]: obj(
      "One aspect of a node's health.",
      {
        lastHeartbeatTime: ref(TIME, "When the condition was last reported."),
        lastTransitionTime: ref(TIME, "When the status last changed."),
        message: str("Human-readable details."),
        reason: str("CamelCase reason."),
        status: str("True, False or Unknown."),
        type: str("Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable."),
      },
      ["type", "status"],
    ),
    [c("NodeSystemInfo")]: obj("Software versions and identifiers of a node.", {
      architecture: str("CPU architecture."),
      bootID: str("Boot ID."),
      containerRuntimeVersion: str("Container runtime and version, e.g. containerd://1.7.24."),
      kernelVersion: str("Kernel version (uname -r)."),
      kubeProxyVersion: str("Deprecated: kube-proxy version."),
      kubeletVersion: str("Kubelet version."),
      machineID: str("Machine ID."),
      operatingSystem: str("Operating system, e.g. linux."),
      osImage: str("OS image, from /etc/os-release."),
      swap: opaque("Swap information."),
      systemUUID: str("System UUID."),
    }, ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture"]),
    [c("NodeStatus")]: obj("Observed state of a node, reported by its kubelet.", {
      addresses: refList(c("NodeAddress"), "Addresses of the node.", mergeBy("type", ["type"])),
      allocatable: refMap(QUANTITY, "Resources available to pods."),
      capacity: refMap(QUANTITY, "Total resources of the node."),
      conditions: refList(c("NodeCondition"), "Current conditions.", mergeBy("type", ["type"])),
      config: opaque("Kubelet configuration status."),
      daemonEndpoints: opaque("Ports of daemons on the node (the kubelet's)."),
      features: opaque("Features the node supports."),
      images: { type: "array", description: "Images present on the node.", items: opaque("An image and its names."), ...atomic },
      nodeInfo: ref(c("NodeSystemInfo"), "Versions and identifiers."),
      phase: str("Deprecated."),
      runtimeHandlers: { type: "array", description: "Available runtime handlers.", items: opaque("A runtime handler."), ...atomic },
      volumesAttached: { type: "array", description: "Volumes attached to the node.", items: opaque("An attached volume."), ...atomic },
      volumesInUse: strList("Volumes in use on the node.", atomic),
    }),
    [NODE]: obj("A worker machine (virtual or physical) that runs pods, managed by its kubelet.", {
      ...typeMetaProps(),
      spec: ref(c("NodeSpec"), "Scheduling configuration of the node.", { default: {} }),
      status: ref(c("NodeStatus"), "Observed state of the node. Read-only.", { default: {} }),
    }),
  },
  columns: [
    nameColumn,
    col("Status", "Readiness of the node, and SchedulingDisabled when cordoned."),
    col("Roles", "Roles of the node, from node-role.kubernetes.io labels."),
    ageColumn,
    col("Version", "Kubelet version."),
    col("Internal-IP", "Internal IP address of the node.", 1),
    col("External-IP", "External IP address of the node.", 1),
    col("OS-Image", "Operating system image.", 1),
    col("Kernel-Version", "Kernel version.", 1),
    col("Container-Runtime", "Container runtime and version.", 1),
  ],
  row: nodeRow,
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, { status: true }, subresource);
  },
  validate: validateNode,
});
