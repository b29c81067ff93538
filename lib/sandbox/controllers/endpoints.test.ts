import { test } from "node:test";
import assert from "node:assert/strict";
import { harness } from "./testkit";
import { endpointsController } from "./endpoints";
import { endpointSliceController } from "./endpointslice";
import { garbageCollector } from "./gc";
import { loadBalancerController, ingressStatusController } from "./loadbalancer";
import { R } from "./refs";
import type { K8sObject } from "../types";

interface PodCase {
  name: string;
  ip?: string;
  ready: boolean;
  terminating?: boolean;
  labels?: Record<string, string>;
  ports?: { name: string; containerPort: number }[];
  phase?: string;
  node?: string;
}

const mkPod = (p: PodCase): K8sObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: p.name, namespace: "default", labels: p.labels ?? { app: "web" } },
  spec: { nodeName: p.node ?? "kind-worker", containers: [{ name: "c", image: "nginx", ports: p.ports ?? [{ name: "http", containerPort: 8080 }] }] },
  status: { phase: p.phase ?? "Running", ...(p.ip ? { podIP: p.ip } : {}), conditions: [{ type: "Ready", status: p.ready ? "True" : "False" }] },
});

const svc = (spec: any, name = "web"): K8sObject => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default", labels: { team: "a" } }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http", protocol: "TCP" }], ...spec } });

/** ready addresses | not-ready addresses | slice endpoints as ip:ready/serving/terminating | slice ports */
function summarize(h: ReturnType<typeof harness>, name = "web"): string {
  const ep = h.store.get(R.endpoints, "default", name);
  const subsets = (ep?.subsets ?? []) as any[];
  const ready = subsets.flatMap((s) => (s.addresses ?? []).map((a: any) => `${a.ip}:${s.ports?.map((p: any) => p.port).join("+")}`)).join(",");
  const notReady = subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a: any) => a.ip)).join(",");
  const slices = h.store
    .list(R.endpointslices)
    .filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === name)
    .sort((a, b) => (a.ports?.[0]?.port ?? 0) - (b.ports?.[0]?.port ?? 0));
  const eps = slices.flatMap((s) => (s.endpoints ?? []).map((e: any) => `${e.addresses[0]}:${+e.conditions.ready}${+e.conditions.serving}${+e.conditions.terminating}`)).join(",");
  const ports = slices.map((s) => (s.ports ?? []).map((p: any) => `${p.name}/${p.port}`).join("+")).join(";");
  return `${ready}|${notReady}|${eps}|${ports}`;
}

test("endpoints and endpointslices follow pod readiness, ports and termination", () => {
  const table: { name: string; spec?: any; pods: PodCase[]; want: string }[] = [
    { name: "no pods", pods: [], want: "|||" },
    { name: "one ready pod, named targetPort", pods: [{ name: "a", ip: "10.244.1.2", ready: true }], want: "10.244.1.2:8080||10.244.1.2:110|/8080" },
    { name: "not ready goes to notReadyAddresses", pods: [{ name: "a", ip: "10.244.1.2", ready: false }], want: "|10.244.1.2|10.244.1.2:000|/8080" },
    { name: "terminating leaves Endpoints, stays in slices", pods: [{ name: "a", ip: "10.244.1.2", ready: true, terminating: true }], want: "||10.244.1.2:011|/8080" },
    { name: "pod without IP is skipped", pods: [{ name: "a", ready: false }], want: "|||" },
    { name: "finished pod is skipped", pods: [{ name: "a", ip: "10.244.1.2", ready: false, phase: "Succeeded" }], want: "|||" },
    { name: "other labels are skipped", pods: [{ name: "a", ip: "10.244.1.2", ready: true, labels: { app: "db" } }], want: "|||" },
    {
      name: "numeric targetPort, sorted by IP",
      spec: { ports: [{ name: "web", port: 80, targetPort: 80, protocol: "TCP" }] },
      pods: [
        { name: "b", ip: "10.244.2.10", ready: true },
        { name: "a", ip: "10.244.1.9", ready: true },
      ],
      want: "10.244.1.9:80,10.244.2.10:80||10.244.1.9:110,10.244.2.10:110|web/80",
    },
    {
      name: "publishNotReadyAddresses",
      spec: { publishNotReadyAddresses: true },
      pods: [{ name: "a", ip: "10.244.1.2", ready: false }],
      want: "10.244.1.2:8080||10.244.1.2:100|/8080",
    },
    {
      name: "pods resolving a named port differently get their own subset and slice",
      pods: [
        { name: "a", ip: "10.244.1.2", ready: true },
        { name: "b", ip: "10.244.2.2", ready: true, ports: [{ name: "http", containerPort: 9090 }] },
      ],
      want: "10.244.1.2:8080,10.244.2.2:9090||10.244.1.2:110,10.244.2.2:110|/8080;/9090",
    },
  ];
  const wrong: string[] = [];
  for (const c of table) {
    const h = harness([endpointsController, endpointSliceController]);
    for (const p of c.pods) {
      h.store.create(R.pods, mkPod(p));
      // The store clears deletionTimestamp on create; deletion marks an existing pod.
      if (p.terminating) h.store.mutate(R.pods, "default", p.name, (o) => void (o.metadata.deletionTimestamp = "2026-11-27T08:00:30Z"));
    }
    h.store.create(R.services, svc(c.spec ?? {}));
    h.loop.start();
    h.settle();
    const got = summarize(h);
    if (got !== c.want) wrong.push(`${c.name}: got ${got}`);
  }
  assert.deepEqual(wrong, []);
});

test("endpointslice shape: name, labels, ownerReference, targetRef; updates follow readiness", () => {
  const h = harness([endpointsController, endpointSliceController, garbageCollector]);
  h.loop.start();
  h.store.create(R.pods, mkPod({ name: "a", ip: "10.244.1.2", ready: false }));
  const s = h.store.create(R.services, svc({ ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] }));
  h.settle();
  const [slice] = h.store.list(R.endpointslices);
  assert.match(slice.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(slice.metadata.labels, { team: "a", "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
  assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: "v1", kind: "Service", name: "web", uid: s.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(slice.addressType, "IPv4");
  // Slice ports carry the port on the pod (the resolved targetPort), named after the Service port.
  assert.deepEqual(slice.ports, [{ name: "http", port: 8080, protocol: "TCP" }]);
  assert.deepEqual(slice.endpoints[0].targetRef, { kind: "Pod", namespace: "default", name: "a", uid: h.store.mustGet(R.pods, "default", "a").metadata.uid });
  assert.equal(slice.endpoints[0].nodeName, "kind-worker");
  h.store.mutate(R.pods, "default", "a", (p) => void (p.status.conditions[0].status = "True"));
  h.settle();
  const [again] = h.store.list(R.endpointslices);
  assert.equal(again.metadata.name, slice.metadata.name, "the slice is updated in place");
  assert.equal(again.endpoints[0].conditions.ready, true);
  assert.equal(h.store.mustGet(R.endpoints, "default", "web").subsets[0].addresses[0].ip, "10.244.1.2");
  // Deleting the Service removes its Endpoints and (through the GC) its slices.
  h.store.remove(R.services, "default", "web");
  h.settle();
  assert.equal(h.store.get(R.endpoints, "default", "web"), undefined);
  assert.equal(h.store.list(R.endpointslices).length, 0);
});

test("selector-less Services: user Endpoints are kept and mirrored; kubernetes points at the API server", () => {
  const h = harness([endpointsController, endpointSliceController]);
  h.loop.start();
  h.store.create(R.services, { metadata: { name: "ext", namespace: "default" }, spec: { ports: [{ port: 5432, protocol: "TCP" }] } });
  h.store.create(R.endpoints, { metadata: { name: "ext", namespace: "default" }, subsets: [{ addresses: [{ ip: "192.0.2.10" }], ports: [{ port: 5432, protocol: "TCP" }] }] });
  h.store.create(R.services, { metadata: { name: "kubernetes", namespace: "default" }, spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, targetPort: 6443, protocol: "TCP" }] } });
  h.settle();
  assert.equal(h.store.mustGet(R.endpoints, "default", "ext").subsets[0].addresses[0].ip, "192.0.2.10");
  const mirrored = h.store.list(R.endpointslices).find((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "ext")!;
  assert.equal(mirrored.metadata.labels!["endpointslice.kubernetes.io/managed-by"], "endpointslicemirroring-controller.k8s.io");
  assert.deepEqual(mirrored.endpoints[0].addresses, ["192.0.2.10"]);
  assert.deepEqual(h.store.mustGet(R.endpoints, "default", "kubernetes").subsets, [{ addresses: [{ ip: "10.89.0.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
  assert.equal(h.store.mustGet(R.endpointslices, "default", "kubernetes").endpoints[0].addresses[0], "10.89.0.2");
});

test("LoadBalancer Services get pool IPs; Ingresses get the ingress-nginx address", () => {
  const h = harness([loadBalancerController, ingressStatusController]);
  h.loop.start();
  const lb = (name: string, extra: any = {}) => h.store.create(R.services, { metadata: { name, namespace: "default" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }], ...extra } });
  lb("a");
  lb("b");
  lb("c", { loadBalancerIP: "172.18.255.240" });
  h.store.create(R.services, { metadata: { name: "plain", namespace: "default" }, spec: { type: "ClusterIP", ports: [{ port: 80 }] } });
  h.settle();
  const ip = (n: string) => h.store.mustGet(R.services, "default", n).status?.loadBalancer?.ingress?.[0]?.ip;
  assert.deepEqual(["a", "b", "c", "plain"].map(ip), ["172.18.255.200", "172.18.255.201", "172.18.255.240", undefined]);
  h.store.mutate(R.services, "default", "a", (o) => void (o.spec.type = "ClusterIP"));
  h.settle();
  assert.equal(ip("a"), undefined);
  assert.deepEqual(
    h.events().filter((e) => e.involvedObject.name === "b").map((e) => e.reason),
    ["EnsuringLoadBalancer", "EnsuredLoadBalancer"],
  );

  h.store.create(R.ingresses, { metadata: { name: "web", namespace: "default" }, spec: { ingressClassName: "nginx", rules: [] } });
  h.settle();
  assert.equal(h.store.mustGet(R.ingresses, "default", "web").status?.loadBalancer?.ingress, undefined, "no controller, no address");
  h.store.create(R.ingressclasses, { metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } }, spec: { controller: "k8s.io/ingress-nginx" } });
  h.store.create(R.services, { metadata: { name: "ingress-nginx-controller", namespace: "ingress-nginx" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } });
  h.store.create(R.pods, { metadata: { name: "ingress-nginx-controller-x", namespace: "ingress-nginx", labels: { "app.kubernetes.io/component": "controller" } }, spec: {}, status: { conditions: [{ type: "Ready", status: "True" }] } });
  h.settle();
  assert.deepEqual(h.store.mustGet(R.ingresses, "default", "web").status, { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } });
});
