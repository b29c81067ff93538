// What the kinds' strategies do through the store: defaults on create as the API server fills
// them, ClusterIP/NodePort allocation with the allocator's errors, generation bookkeeping, and
// status kept apart from spec (main resource vs the status subresource).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../errors";
import { Store } from "../store/store";
import type { K8sObject } from "../types";
import { strategyFor } from "./index";

const PODS = { group: "", resource: "pods" };
const SVCS = { group: "", resource: "services" };
const DEPLOYS = { group: "apps", resource: "deployments" };
const NETPOLS = { group: "networking.k8s.io", resource: "networkpolicies" };
const NS = { group: "", resource: "namespaces" };
const SECRETS = { group: "", resource: "secrets" };

const newStore = () => new Store({ strategyFor });

/** Reads a dotted path ("spec.containers.0.imagePullPolicy"). */
const at = (o: any, path: string) => path.split(".").reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), o);

test("create defaults match what the API server fills in", () => {
  const s = newStore();
  const p = s.create(PODS, {
    metadata: { name: "web", namespace: "default" },
    spec: {
      containers: [
        { name: "a", image: "nginx" },
        { name: "b", image: "nginx:1.27", ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } }, resources: { limits: { cpu: "1", memory: "64Mi" } } },
        { name: "c", image: "registry.k8s.io/pause@sha256:abc" },
        { name: "d", image: "localhost:5000/app" },
      ],
    },
  });
  const d = s.create(DEPLOYS, {
    metadata: { name: "web", namespace: "default" },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
  });
  const svc = s.create(SVCS, { metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
  const np = s.create(NETPOLS, { metadata: { name: "deny", namespace: "default" }, spec: { podSelector: {}, egress: [{}] } });
  const ns = s.create(NS, { metadata: { name: "team-a" } });
  const sec = s.create(SECRETS, { metadata: { name: "s", namespace: "default" }, stringData: { password: "hi" } });
  const cases: [string, K8sObject, string, unknown][] = [
    ["pod", p, "spec.restartPolicy", "Always"],
    ["pod", p, "spec.dnsPolicy", "ClusterFirst"],
    ["pod", p, "spec.terminationGracePeriodSeconds", 30],
    ["pod", p, "spec.schedulerName", "default-scheduler"],
    ["pod", p, "spec.enableServiceLinks", true],
    ["pod", p, "spec.serviceAccountName", "default"],
    ["pod", p, "spec.serviceAccount", "default"],
    ["pod", p, "spec.priority", 0],
    ["pod", p, "spec.preemptionPolicy", "PreemptLowerPriority"],
    ["pod", p, "spec.securityContext", {}],
    ["pod", p, "spec.tolerations", [
      { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
      { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
    ]],
    ["pod", p, "spec.containers.0.imagePullPolicy", "Always"],
    ["pod", p, "spec.containers.1.imagePullPolicy", "IfNotPresent"],
    ["pod", p, "spec.containers.2.imagePullPolicy", "IfNotPresent"],
    ["pod", p, "spec.containers.3.imagePullPolicy", "Always"],
    ["pod", p, "spec.containers.0.terminationMessagePath", "/dev/termination-log"],
    ["pod", p, "spec.containers.0.terminationMessagePolicy", "File"],
    ["pod", p, "spec.containers.1.ports.0.protocol", "TCP"],
    ["pod", p, "spec.containers.1.readinessProbe", { httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }],
    ["pod", p, "spec.containers.1.resources.requests", { cpu: "1", memory: "64Mi" }],
    ["pod", p, "spec.containers.0.volumeMounts.0.mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"],
    ["pod", p, "status", { phase: "Pending", qosClass: "Burstable" }],
    ["pod", p, "metadata.generation", undefined],
    ["deployment", d, "metadata.generation", 1],
    ["deployment", d, "spec.replicas", 1],
    ["deployment", d, "spec.strategy", { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } }],
    ["deployment", d, "spec.revisionHistoryLimit", 10],
    ["deployment", d, "spec.progressDeadlineSeconds", 600],
    ["deployment", d, "spec.template.spec.restartPolicy", "Always"],
    ["deployment", d, "spec.template.spec.serviceAccountName", undefined],
    ["deployment", d, "spec.template.metadata.creationTimestamp", null],
    ["service", svc, "spec.type", "ClusterIP"],
    ["service", svc, "spec.sessionAffinity", "None"],
    ["service", svc, "spec.internalTrafficPolicy", "Cluster"],
    ["service", svc, "spec.ipFamilies", ["IPv4"]],
    ["service", svc, "spec.ipFamilyPolicy", "SingleStack"],
    ["service", svc, "spec.ports.0", { port: 80, protocol: "TCP", targetPort: 80 }],
    ["service", svc, "status", { loadBalancer: {} }],
    ["networkpolicy", np, "spec.policyTypes", ["Ingress", "Egress"]],
    ["networkpolicy", np, "metadata.generation", 1],
    ["namespace", ns, "spec.finalizers", ["kubernetes"]],
    ["namespace", ns, "status.phase", "Active"],
    ["namespace", ns, "metadata.labels", { "kubernetes.io/metadata.name": "team-a" }],
    ["secret", sec, "type", "Opaque"],
    ["secret", sec, "data", { password: "aGk=" }],
    ["secret", sec, "stringData", undefined],
  ];
  const bad = cases.filter(([, o, path, want]) => JSON.stringify(at(o, path)) !== JSON.stringify(want)).map(([k, o, path, want]) => `${k} ${path}: ${JSON.stringify(at(o, path))} want ${JSON.stringify(want)}`);
  assert.deepEqual(bad, []);
  assert.match(svc.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
  assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
});

test("ClusterIP and NodePort allocation: free addresses, requested ones checked, the allocator's errors", () => {
  const s = newStore();
  const mk = (name: string, spec: any) => s.create(SVCS, { metadata: { name, namespace: "default" }, spec });
  const kubernetes = mk("kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, targetPort: 6443 }] });
  assert.equal(kubernetes.spec.clusterIP, "10.96.0.1");
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const ip = mk(`s${i}`, { ports: [{ port: 80 }] }).spec.clusterIP;
    assert.ok(!["10.96.0.0", "10.96.0.1", "10.96.0.10", "10.96.255.255"].includes(ip), ip);
    assert.ok(!seen.has(ip));
    seen.add(ip);
  }
  const np = mk("np", { type: "NodePort", ports: [{ port: 80 }, { port: 443, name: "https" }] });
  for (const p of np.spec.ports) assert.ok(p.nodePort >= 30000 && p.nodePort <= 32767);
  assert.equal(np.spec.externalTrafficPolicy, "Cluster");
  const lb = mk("lb", { type: "LoadBalancer", ports: [{ port: 80 }] });
  assert.ok(lb.spec.ports[0].nodePort >= 30000);
  assert.equal(lb.spec.allocateLoadBalancerNodePorts, true);
  assert.equal(lb.spec.healthCheckNodePort, undefined);
  const local = mk("local", { type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 80 }] });
  assert.ok(local.spec.healthCheckNodePort >= 30000 && local.spec.healthCheckNodePort !== local.spec.ports[0].nodePort);
  const headless = mk("headless", { clusterIP: "None", selector: { app: "x" }, ports: [{ port: 80 }] });
  assert.deepEqual(headless.spec.clusterIPs, ["None"]);
  const ext = mk("ext", { type: "ExternalName", externalName: "example.com" });
  assert.equal(ext.spec.clusterIP, undefined);

  const errors: [string, any, string][] = [
    ["taken", { clusterIP: "10.96.0.1", ports: [{ port: 80 }] }, 'Service "e" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated'],
    ["out of range", { clusterIP: "10.97.0.5", ports: [{ port: 80 }] }, 'Service "e" is invalid: spec.clusterIPs: Invalid value: []string{"10.97.0.5"}: failed to allocate IP 10.97.0.5: the provided IP (10.97.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/16'],
    ["nodePort taken", { type: "NodePort", ports: [{ port: 80, nodePort: np.spec.ports[0].nodePort }] }, `Service "e" is invalid: spec.ports[0].nodePort: Invalid value: ${np.spec.ports[0].nodePort}: provided port is already allocated`],
    ["nodePort out of range", { type: "NodePort", ports: [{ port: 80, nodePort: 8080 }] }, 'Service "e" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767'],
  ];
  const bad: string[] = [];
  for (const [name, spec, want] of errors) {
    try {
      mk("e", spec);
      bad.push(`${name}: created`);
      s.remove(SVCS, "default", "e");
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 422 || e.message !== want) bad.push(`${name}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("service updates keep allocated values and move node ports with the type", () => {
  const s = newStore();
  const svc = s.create(SVCS, { metadata: { name: "web", namespace: "default" }, spec: { type: "NodePort", ports: [{ port: 80 }] } });
  // A replace that leaves out clusterIP and nodePort keeps both.
  const kept = s.update(SVCS, { metadata: { name: "web", namespace: "default" }, spec: { type: "NodePort", ports: [{ port: 80 }] } });
  assert.equal(kept.spec.clusterIP, svc.spec.clusterIP);
  assert.equal(kept.spec.ports[0].nodePort, svc.spec.ports[0].nodePort);
  // Back to ClusterIP: the node port goes away with the type.
  const back = s.update(SVCS, { ...kept, metadata: { ...kept.metadata, resourceVersion: undefined }, spec: { ...kept.spec, type: "ClusterIP" } });
  assert.equal(back.spec.ports[0].nodePort, undefined);
  assert.equal(back.spec.externalTrafficPolicy, undefined);
  assert.equal(back.spec.clusterIP, svc.spec.clusterIP);
});

test("generation, and status kept apart from spec", () => {
  const s = newStore();
  const d = s.create(DEPLOYS, {
    metadata: { name: "web", namespace: "default" },
    spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
    status: { replicas: 99 },
  });
  assert.deepEqual(d.status, {});
  const withStatus = s.mutate(DEPLOYS, "default", "web", (o) => (o.status = { replicas: 1, observedGeneration: 1 }), { subresource: "status" });
  assert.deepEqual(withStatus.status, { replicas: 1, observedGeneration: 1 });
  assert.equal(withStatus.metadata.generation, 1);
  // A status write cannot change spec or labels.
  const sneaky = s.mutate(DEPLOYS, "default", "web", (o) => ((o.spec.replicas = 5), (o.metadata.labels = { x: "y" }), (o.status.replicas = 2)), { subresource: "status" });
  assert.equal(sneaky.spec.replicas, 1);
  assert.equal(sneaky.metadata.labels, undefined);
  assert.equal(sneaky.status.replicas, 2);
  // A main-resource write keeps status and bumps generation only when spec changes.
  const labelled = s.mutate(DEPLOYS, "default", "web", (o) => ((o.metadata.labels = { a: "b" }), (o.status = {})));
  assert.equal(labelled.metadata.generation, 1);
  assert.equal(labelled.status.replicas, 2);
  const scaled = s.mutate(DEPLOYS, "default", "web", (o) => (o.spec.replicas = 3));
  assert.equal(scaled.metadata.generation, 2);
  // Scale subresource writes count as spec writes.
  const viaScale = s.mutate(DEPLOYS, "default", "web", (o) => (o.spec.replicas = 4), { subresource: "scale" });
  assert.equal(viaScale.metadata.generation, 3);
  assert.equal(viaScale.status.replicas, 2);
});

test("pods: spec defaults also apply on update, status only through /status", () => {
  const s = newStore();
  s.create(PODS, { metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx" }] } });
  const bound = s.mutate(PODS, "default", "web", (o) => (o.spec.nodeName = "kind-worker"));
  assert.equal(bound.spec.nodeName, "kind-worker");
  const running = s.mutate(PODS, "default", "web", (o) => (o.status = { ...o.status, phase: "Running", podIP: "10.244.1.5" }), { subresource: "status" });
  assert.equal(running.status.phase, "Running");
  const ignored = s.mutate(PODS, "default", "web", (o) => (o.status.phase = "Failed"));
  assert.equal(ignored.status.phase, "Running");
});
