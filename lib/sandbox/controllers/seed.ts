// What a fresh 3-node kind cluster (kindest/node:v1.32.2) holds right after `kind create
// cluster`: its namespaces, the three nodes with their Leases, the kube-system workloads
// (static control-plane pods, CoreDNS, kube-proxy and kindnet on every node), the local-path
// provisioner, the `kubernetes` and `kube-dns` Services; and, with the "ingress-nginx" addon, the
// ingress-nginx controller as its kind manifest installs it. The pods are already running.
import { createHash } from "node:crypto";
import { rfc3339 } from "../clock";
import { randomSuffix } from "../store/store";
import type { K8sObject } from "../types";
import { podTemplateHash } from "./hash";
import { startInstantly } from "./kubelet";
import type { ControllerContext } from "./loop";
import { reconcileNamespace } from "./namespace";
import { R } from "./refs";
import { ingressClassName, ingressNginxNamespace, ingressNginxService } from "./loadbalancer";
import { reconcileEndpoints } from "./endpoints";
import { reconcileEndpointSlices } from "./endpointslice";
import { reconcileLoadBalancer } from "./loadbalancer";
import { reconcileDeployment } from "./deployment";
import { reconcileReplicaSet } from "./replicaset";
import { daemonSetRevision } from "./daemonset";
import { corefile } from "./corefile";

export type Addon = "ingress-nginx";

export const kubernetesVersion = "v1.32.2";

export interface NodeFacts {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
}

export const kindNodes: NodeFacts[] = [
  { name: "kind-control-plane", ip: "10.89.0.2", podCIDR: "10.244.0.0/24", controlPlane: true },
  { name: "kind-worker", ip: "10.89.0.3", podCIDR: "10.244.1.0/24", controlPlane: false },
  { name: "kind-worker2", ip: "10.89.0.4", podCIDR: "10.244.2.0/24", controlPlane: false },
];

export const images = {
  etcd: "registry.k8s.io/etcd:3.5.16-0",
  apiserver: `registry.k8s.io/kube-apiserver:${kubernetesVersion}`,
  controllerManager: `registry.k8s.io/kube-controller-manager:${kubernetesVersion}`,
  scheduler: `registry.k8s.io/kube-scheduler:${kubernetesVersion}`,
  proxy: `registry.k8s.io/kube-proxy:${kubernetesVersion}`,
  coredns: "registry.k8s.io/coredns/coredns:v1.11.3",
  kindnet: "docker.io/kindest/kindnetd:v20250214-acbabc1a",
  localPath: "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a",
  localPathHelper: "docker.io/kindest/local-path-helper:v20241212-8ac705d0",
  pause: "registry.k8s.io/pause:3.10",
  ingressNginx: "registry.k8s.io/ingress-nginx/controller:v1.12.0",
};

/** Images kind's node image ships preloaded (`crictl images` on a fresh node). */
const preloaded = [images.etcd, images.apiserver, images.controllerManager, images.scheduler, images.proxy, images.coredns, images.kindnet, images.localPath, images.localPathHelper, images.pause];

const hex = (seed: string, n: number) => createHash("sha256").update(seed).digest("hex").slice(0, n);
const uuidFrom = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function nodeObject(n: NodeFacts, addons: readonly Addon[]): K8sObject {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": n.name,
    "kubernetes.io/os": "linux",
  };
  if (n.controlPlane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    // kind's ingress guide labels the control-plane node so the ingress-nginx manifest lands there.
    if (addons.includes("ingress-nginx")) labels["ingress-ready"] = "true";
  }
  const resources = { cpu: "4", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "16365380Ki", pods: "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: n.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      providerID: `kind://docker/kind/${n.name}`,
      ...(n.controlPlane ? { taints: [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }] } : {}),
    },
    status: {
      addresses: [
        { address: n.ip, type: "InternalIP" },
        { address: n.name, type: "Hostname" },
      ],
      allocatable: { ...resources },
      capacity: { ...resources },
      conditions: [] as unknown[],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: preloaded.map((i) => ({ names: [i], sizeBytes: 1_000_000 + (parseInt(hex(i, 6), 16) % 60_000_000) })),
      nodeInfo: {
        architecture: "amd64",
        bootID: uuidFrom(`${n.name}-boot`),
        containerRuntimeVersion: "containerd://1.7.24",
        kernelVersion: "6.1.0-31-cloud-amd64",
        kubeProxyVersion: kubernetesVersion,
        kubeletVersion: kubernetesVersion,
        machineID: hex(`${n.name}-machine`, 32),
        operatingSystem: "linux",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        systemUUID: uuidFrom(`${n.name}-system`),
      },
    },
  };
}

function nodeConditions(now: string): unknown[] {
  const c = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: now, lastTransitionTime: now, message, reason, status, type });
  return [
    c("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    c("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    c("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    c("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ];
}

/** A Lease's renewTime is a MicroTime: RFC 3339 with microseconds. */
const microTime = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

/** Creates, or with status writes through the status subresource so a kind strategy that resets status on create does not lose it. */
function put(ctx: ControllerContext, ref: { group: string; resource: string }, obj: K8sObject): K8sObject {
  const status = obj.status;
  const created = ctx.store.create(ref, obj);
  if (status === undefined) return created;
  return ctx.store.mutate(ref, created.metadata.namespace, created.metadata.name!, (o) => void (o.status = status), { subresource: "status" });
}

const namespaceObject = (name: string, labels: Record<string, string> = {}): K8sObject => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } },
  spec: { finalizers: ["kubernetes"] },
  status: { phase: "Active" },
});

const configMap = (ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>): K8sObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
  data,
});

const serviceAccount = (ns: string, name: string, labels?: Record<string, string>): K8sObject => ({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
});


const kubeProxyConfig = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: 10.244.0.0/16
conntrack:
  maxPerCore: 0
iptables:
  masqueradeAll: false
  minSyncPeriod: 1s
  syncPeriod: 30s
kind: KubeProxyConfiguration
metricsBindAddress: 0.0.0.0:10249
mode: iptables
`;

const controlPlaneToleration = { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" };

interface PodSeed {
  ns: string;
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  node: string;
  owner?: K8sObject;
  ownerKind?: string;
  ownerApiVersion?: string;
  spec: any;
  ip?: string;
}

function seedPod(ctx: ControllerContext, p: PodSeed): K8sObject {
  const meta: any = { name: p.name, namespace: p.ns, labels: p.labels };
  if (p.annotations) meta.annotations = p.annotations;
  if (p.owner)
    meta.ownerReferences = [{ apiVersion: p.ownerApiVersion ?? "apps/v1", kind: p.ownerKind ?? p.owner.kind, name: p.owner.metadata.name, uid: p.owner.metadata.uid, controller: true, blockOwnerDeletion: true }];
  const pod = ctx.store.create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: meta, spec: { ...p.spec, nodeName: p.node } });
  const scheduled = rfc3339(ctx.clock.now());
  ctx.store.mutate(R.pods, p.ns, p.name, (o) => {
    o.status = { ...(o.status ?? {}), phase: "Pending", conditions: [{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: scheduled }] };
  }, { subresource: "status" });
  startInstantly(ctx, pod, p.ip);
  return ctx.store.mustGet(R.pods, p.ns, p.name);
}

function staticPod(ctx: ControllerContext, node: K8sObject, component: string, image: string, command: string[], annotations: Record<string, string> = {}): void {
  const name = `${component}-${node.metadata.name}`;
  const hash = hex(`${component}-config`, 32);
  seedPod(ctx, {
    ns: "kube-system",
    name,
    labels: { component, tier: "control-plane" },
    annotations: {
      ...annotations,
      "kubernetes.io/config.hash": hash,
      "kubernetes.io/config.mirror": hash,
      "kubernetes.io/config.seen": rfc3339(ctx.clock.now()),
      "kubernetes.io/config.source": "file",
    },
    node: node.metadata.name!,
    owner: node,
    ownerKind: "Node",
    ownerApiVersion: "v1",
    ip: kindNodes[0].ip,
    spec: {
      containers: [{ name: component, image, imagePullPolicy: "IfNotPresent", command, resources: { requests: { cpu: component === "etcd" ? "100m" : component === "kube-apiserver" ? "250m" : component === "kube-controller-manager" ? "200m" : "100m", ...(component === "etcd" ? { memory: "100Mi" } : {}) } } }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      tolerations: [{ effect: "NoExecute", operator: "Exists" }],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
    },
  });
}

/** A Deployment with its ReplicaSet and running pods, as the deployment controller would have left them. */
function seedDeployment(
  ctx: ControllerContext,
  d: { ns: string; name: string; labels: Record<string, string>; selector: Record<string, string>; replicas: number; template: any; strategy?: any; pods: { node: string; ip?: string }[] },
): void {
  const deploy = ctx.store.create(R.deployments, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.name, namespace: d.ns, labels: d.labels, annotations: { "deployment.kubernetes.io/revision": "1" } },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: d.selector },
      template: d.template,
      strategy: d.strategy ?? { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  });
  const template = structuredClone(deploy.spec.template);
  const hash = podTemplateHash(template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
  const rsName = `${d.name}-${hash}`;
  const rs = ctx.store.create(R.replicasets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: rsName,
      namespace: d.ns,
      labels: template.metadata.labels,
      annotations: {
        "deployment.kubernetes.io/desired-replicas": String(d.replicas),
        "deployment.kubernetes.io/max-replicas": String(d.replicas + Math.ceil(d.replicas / 4)),
        "deployment.kubernetes.io/revision": "1",
      },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.name, uid: deploy.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: d.replicas, selector: { matchLabels: { ...d.selector, "pod-template-hash": hash } }, template },
  });
  for (const p of d.pods)
    seedPod(ctx, {
      ns: d.ns,
      name: `${rsName}-${randomSuffix()}`,
      labels: template.metadata.labels,
      node: p.node,
      owner: rs,
      ip: p.ip,
      spec: structuredClone(template.spec),
    });
  reconcileReplicaSet(ctx, `${d.ns}/${rsName}`);
  reconcileDeployment(ctx, `${d.ns}/${d.name}`);
}

/** A DaemonSet with one running pod per node (kube-proxy, kindnet). */
function seedDaemonSet(ctx: ControllerContext, nodes: K8sObject[], d: { name: string; labels: Record<string, string>; selector: Record<string, string>; template: any }): void {
  const ds = ctx.store.create(R.daemonsets, {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: d.name, namespace: "kube-system", labels: d.labels, annotations: { "deprecated.daemonset.template.generation": "1" } },
    spec: {
      selector: { matchLabels: d.selector },
      template: d.template,
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
    },
  });
  // The same revision label the DaemonSet controller computes from the stored template.
  const revision = daemonSetRevision(ds);
  for (const n of nodes) {
    const spec = structuredClone(d.template.spec);
    // The DaemonSet controller pins each pod to its node with required node affinity.
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [n.metadata.name] }] }] } } };
    seedPod(ctx, {
      ns: "kube-system",
      name: `${d.name}-${randomSuffix()}`,
      labels: { ...d.template.metadata.labels, "controller-revision-hash": revision, "pod-template-generation": "1" },
      node: n.metadata.name!,
      owner: ds,
      ip: n.status.addresses[0].address,
      spec,
    });
  }
  const count = nodes.length;
  ctx.store.mutate(R.daemonsets, "kube-system", d.name, (o) => {
    o.status = { currentNumberScheduled: count, desiredNumberScheduled: count, numberAvailable: count, numberMisscheduled: 0, numberReady: count, observedGeneration: 1, updatedNumberScheduled: count };
  }, { subresource: "status" });
}

function service(ns: string, name: string, spec: any, labels?: Record<string, string>, annotations?: Record<string, string>): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    spec: {
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
      ...spec,
      ...(spec.clusterIP ? { clusterIPs: [spec.clusterIP] } : {}),
    },
  };
}

export function seed(ctx: ControllerContext, addons: readonly Addon[] = []): void {
  const { store } = ctx;
  const now = ctx.clock.now();
  for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"]) put(ctx, R.namespaces, namespaceObject(ns));

  const nodes: K8sObject[] = [];
  for (const n of kindNodes) {
    const obj = nodeObject(n, addons);
    obj.status.conditions = nodeConditions(rfc3339(now));
    const node = put(ctx, R.nodes, obj);
    nodes.push(node);
    for (const img of preloaded) ctx.runtime.addImage(n.name, img);
    store.create(R.leases, {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: n.name, namespace: "kube-node-lease", ownerReferences: [{ apiVersion: "v1", kind: "Node", name: n.name, uid: node.metadata.uid! }] },
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: microTime(now) },
    });
  }
  for (const component of ["kube-controller-manager", "kube-scheduler"])
    store.create(R.leases, {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: component, namespace: "kube-system" },
      spec: { holderIdentity: `kind-control-plane_${uuidFrom(component)}`, leaseDurationSeconds: 15, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 },
    });

  for (const node of nodes) nodeStartupEvents(ctx, node);

  // Default ServiceAccounts and kube-root-ca.crt, as the namespace controllers create them.
  for (const ns of store.list(R.namespaces)) reconcileNamespace(ctx, ns.metadata.name!);

  const cp = nodes[0];
  const cpIP = kindNodes[0].ip;
  staticPod(ctx, cp, "etcd", images.etcd, ["etcd", `--advertise-client-urls=https://${cpIP}:2379`, "--data-dir=/var/lib/etcd", `--listen-client-urls=https://127.0.0.1:2379,https://${cpIP}:2379`, "--name=kind-control-plane"], {
    "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${cpIP}:2379`,
  });
  staticPod(ctx, cp, "kube-apiserver", images.apiserver, ["kube-apiserver", `--advertise-address=${cpIP}`, "--authorization-mode=Node,RBAC", "--secure-port=6443", "--service-cluster-ip-range=10.96.0.0/16", "--service-node-port-range=30000-32767"], {
    "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${cpIP}:6443`,
  });
  staticPod(ctx, cp, "kube-controller-manager", images.controllerManager, ["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16", "--cluster-name=kind", "--service-cluster-ip-range=10.96.0.0/16"]);
  staticPod(ctx, cp, "kube-scheduler", images.scheduler, ["kube-scheduler", "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true"]);

  for (const [ns, name] of [
    ["kube-system", "coredns"],
    ["kube-system", "kube-proxy"],
    ["kube-system", "kindnet"],
    ["local-path-storage", "local-path-provisioner-service-account"],
  ])
    store.create(R.serviceaccounts, serviceAccount(ns, name));
  store.create(R.configmaps, configMap("kube-system", "coredns", { Corefile: corefile }));
  store.create(R.configmaps, configMap("kube-system", "kube-proxy", { "config.conf": kubeProxyConfig }, { app: "kube-proxy" }));

  seedDaemonSet(ctx, nodes, {
    name: "kube-proxy",
    labels: { "k8s-app": "kube-proxy" },
    selector: { "k8s-app": "kube-proxy" },
    template: {
      metadata: { labels: { "k8s-app": "kube-proxy" } },
      spec: {
        containers: [
          {
            name: "kube-proxy",
            image: images.proxy,
            imagePullPolicy: "IfNotPresent",
            command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
            env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
            securityContext: { privileged: true },
          },
        ],
        hostNetwork: true,
        nodeSelector: { "kubernetes.io/os": "linux" },
        priorityClassName: "system-node-critical",
        serviceAccountName: "kube-proxy",
        tolerations: [{ operator: "Exists" }],
        dnsPolicy: "ClusterFirst",
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
      },
    },
  });
  seedDaemonSet(ctx, nodes, {
    name: "kindnet",
    labels: { app: "kindnet", "k8s-app": "kindnet", tier: "node" },
    selector: { app: "kindnet" },
    template: {
      metadata: { labels: { app: "kindnet", "k8s-app": "kindnet", tier: "node" } },
      spec: {
        containers: [
          {
            name: "kindnet-cni",
            image: images.kindnet,
            imagePullPolicy: "IfNotPresent",
            env: [
              { name: "HOST_IP", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.hostIP" } } },
              { name: "POD_IP", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } } },
              { name: "POD_SUBNET", value: "10.244.0.0/16" },
              { name: "CONTROL_PLANE_ENDPOINT", value: "kind-control-plane:6443" },
            ],
            resources: { limits: { cpu: "100m", memory: "50Mi" }, requests: { cpu: "100m", memory: "50Mi" } },
            securityContext: { capabilities: { add: ["NET_RAW", "NET_ADMIN"] }, privileged: false },
          },
        ],
        hostNetwork: true,
        nodeSelector: { "kubernetes.io/os": "linux" },
        serviceAccountName: "kindnet",
        tolerations: [{ operator: "Exists" }],
        dnsPolicy: "ClusterFirst",
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
      },
    },
  });

  seedDeployment(ctx, {
    ns: "kube-system",
    name: "coredns",
    labels: { "k8s-app": "kube-dns" },
    selector: { "k8s-app": "kube-dns" },
    replicas: 2,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
    template: {
      metadata: { labels: { "k8s-app": "kube-dns" } },
      spec: {
        containers: [
          {
            name: "coredns",
            image: images.coredns,
            imagePullPolicy: "IfNotPresent",
            args: ["-conf", "/etc/coredns/Corefile"],
            ports: [
              { containerPort: 53, name: "dns", protocol: "UDP" },
              { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
              { containerPort: 9153, name: "metrics", protocol: "TCP" },
            ],
            resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
          },
        ],
        dnsPolicy: "Default",
        nodeSelector: { "kubernetes.io/os": "linux" },
        priorityClassName: "system-cluster-critical",
        serviceAccountName: "coredns",
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, controlPlaneToleration],
        volumes: [{ configMap: { defaultMode: 420, items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" }, name: "config-volume" }],
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
      },
    },
    pods: [
      { node: cp.metadata.name!, ip: "10.244.0.2" },
      { node: cp.metadata.name!, ip: "10.244.0.3" },
    ],
  });
  store.create(R.configmaps, configMap("local-path-storage", "local-path-config", { "config.json": '{\n  "nodePathMap":[\n  {\n    "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n    "paths":["/var/local-path-provisioner"]\n  }\n  ]\n}\n' }));
  seedDeployment(ctx, {
    ns: "local-path-storage",
    name: "local-path-provisioner",
    labels: {},
    selector: { app: "local-path-provisioner" },
    replicas: 1,
    template: {
      metadata: { labels: { app: "local-path-provisioner" } },
      spec: {
        containers: [
          {
            name: "local-path-provisioner",
            image: images.localPath,
            imagePullPolicy: "IfNotPresent",
            command: ["local-path-provisioner", "--debug", "start", "--helper-image", images.localPathHelper, "--config", "/etc/config/config.json"],
            env: [{ name: "POD_NAMESPACE", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } } }],
          },
        ],
        nodeSelector: { "kubernetes.io/os": "linux" },
        serviceAccountName: "local-path-provisioner-service-account",
        tolerations: [controlPlaneToleration],
        dnsPolicy: "ClusterFirst",
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
      },
    },
    pods: [{ node: cp.metadata.name!, ip: "10.244.0.4" }],
  });

  store.create(R.services, service("default", "kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }] }, { component: "apiserver", provider: "kubernetes" }));
  store.create(
    R.services,
    service(
      "kube-system",
      "kube-dns",
      {
        clusterIP: "10.96.0.10",
        selector: { "k8s-app": "kube-dns" },
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
      },
      { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    ),
  );

  if (addons.includes("ingress-nginx")) seedIngressNginx(ctx, cp);

  for (const svc of store.list(R.services)) {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    reconcileEndpoints(ctx, key);
    reconcileEndpointSlices(ctx, key);
    reconcileLoadBalancer(ctx, key);
  }
}

/**
 * The events a node leaves when it joins (`kubectl describe node`, `kubectl get events`). The
 * kubelet refers to its node with the node name as uid; the node controller with the real uid.
 */
function nodeStartupEvents(ctx: ControllerContext, node: K8sObject): void {
  const name = node.metadata.name!;
  const asKubelet: K8sObject = { apiVersion: "v1", kind: "Node", metadata: { name, uid: name } };
  for (const [reason, message] of [
    ["Starting", "Starting kubelet."],
    ["NodeHasSufficientMemory", `Node ${name} status is now: NodeHasSufficientMemory`],
    ["NodeHasNoDiskPressure", `Node ${name} status is now: NodeHasNoDiskPressure`],
    ["NodeHasSufficientPID", `Node ${name} status is now: NodeHasSufficientPID`],
    ["NodeAllocatableEnforced", "Updated Node Allocatable limit across pods"],
  ])
    ctx.events.record(asKubelet, "Normal", reason, message, "kubelet");
  ctx.events.record(node, "Normal", "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`, "node-controller");
  ctx.events.record(asKubelet, "Normal", "Starting", "", "kube-proxy");
  ctx.events.record(asKubelet, "Normal", "NodeReady", `Node ${name} status is now: NodeReady`, "kubelet");
}

/** ingress-nginx as its kind manifest installs it, with the controller Service of type LoadBalancer. */
function seedIngressNginx(ctx: ControllerContext, cp: K8sObject): void {
  const { store } = ctx;
  const ns = ingressNginxNamespace;
  const base = { "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" };
  const labels = { ...base, "app.kubernetes.io/part-of": "ingress-nginx", "app.kubernetes.io/version": "1.12.0" };
  const controllerLabels = { ...labels, "app.kubernetes.io/component": "controller" };
  put(ctx, R.namespaces, namespaceObject(ns, base));
  reconcileNamespace(ctx, ns);
  store.create(R.serviceaccounts, serviceAccount(ns, "ingress-nginx", controllerLabels));
  store.create(R.configmaps, configMap(ns, "ingress-nginx-controller", {}, controllerLabels));
  store.create(R.ingressclasses, {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: ingressClassName, labels: controllerLabels, annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
    spec: { controller: "k8s.io/ingress-nginx" },
  });
  const selector = { ...base, "app.kubernetes.io/component": "controller" };
  seedDeployment(ctx, {
    ns,
    name: ingressNginxService,
    labels: controllerLabels,
    selector,
    replicas: 1,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
    template: {
      metadata: { labels: controllerLabels },
      spec: {
        containers: [
          {
            name: "controller",
            image: images.ingressNginx,
            imagePullPolicy: "IfNotPresent",
            args: [
              "/nginx-ingress-controller",
              "--election-id=ingress-nginx-leader",
              "--controller-class=k8s.io/ingress-nginx",
              "--ingress-class=nginx",
              "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
              "--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller",
              "--watch-ingress-without-class=true",
            ],
            env: [
              { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
              { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              { name: "LD_PRELOAD", value: "/usr/local/lib/libmimalloc.so" },
            ],
            ports: [
              { containerPort: 80, hostPort: 80, name: "http", protocol: "TCP" },
              { containerPort: 443, hostPort: 443, name: "https", protocol: "TCP" },
              { containerPort: 8443, name: "webhook", protocol: "TCP" },
            ],
            resources: { requests: { cpu: "100m", memory: "90Mi" } },
          },
        ],
        dnsPolicy: "ClusterFirst",
        nodeSelector: { "ingress-ready": "true", "kubernetes.io/os": "linux" },
        serviceAccountName: "ingress-nginx",
        terminationGracePeriodSeconds: 0,
        tolerations: [
          { effect: "NoSchedule", key: "node-role.kubernetes.io/master", operator: "Equal" },
          { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane", operator: "Equal" },
        ],
        restartPolicy: "Always",
      },
    },
    pods: [{ node: cp.metadata.name! }],
  });
  store.create(
    R.services,
    service(
      ns,
      ingressNginxService,
      {
        type: "LoadBalancer",
        externalTrafficPolicy: "Local",
        allocateLoadBalancerNodePorts: true,
        selector,
        ports: [
          { appProtocol: "http", name: "http", port: 80, protocol: "TCP", targetPort: "http" },
          { appProtocol: "https", name: "https", port: 443, protocol: "TCP", targetPort: "https" },
        ],
      },
      controllerLabels,
    ),
  );
  store.create(
    R.services,
    service(ns, "ingress-nginx-controller-admission", { selector, ports: [{ appProtocol: "https", name: "https-webhook", port: 443, targetPort: "webhook", protocol: "TCP" }] }, controllerLabels),
  );
}
