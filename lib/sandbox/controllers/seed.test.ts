import { test } from "node:test";
import assert from "node:assert/strict";
import { harness } from "./testkit";
import { controllers } from "./registry";
import { seed } from "./seed";
import { R } from "./refs";
import { Store } from "../store/store";

test("seed: a fresh 3-node kind cluster, already settled", () => {
  const h = harness(controllers);
  seed(h.ctx);
  const rvBefore = h.store.resourceVersion;
  h.loop.start();
  h.run(5000);
  // Seeded objects are what the controllers would have made: starting them changes nothing.
  const changed = rvBefore === h.store.resourceVersion ? [] : [`store moved from ${rvBefore} to ${h.store.resourceVersion}`];
  assert.deepEqual(changed, []);

  const names = (ref: { group: string; resource: string }, ns?: string) => h.store.list(ref, ns).map((o) => o.metadata.name);
  assert.deepEqual(names(R.namespaces), ["default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"]);
  assert.deepEqual(names(R.nodes), ["kind-control-plane", "kind-worker", "kind-worker2"]);
  assert.deepEqual(names(R.leases, "kube-node-lease"), ["kind-control-plane", "kind-worker", "kind-worker2"]);
  for (const ns of names(R.namespaces)) {
    assert.ok(h.store.get(R.serviceaccounts, ns, "default"), `default ServiceAccount in ${ns}`);
    assert.ok(h.store.get(R.configmaps, ns, "kube-root-ca.crt"), `kube-root-ca.crt in ${ns}`);
  }
  const pods = h.store.list(R.pods);
  const shape = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name!.replace(/-[4-9bcdf]{8,10}-[a-z0-9]{5}$/, "-HASH-X").replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, "-X")} ${p.spec.nodeName} ${p.status.podIP} ${p.status.phase}`);
  assert.deepEqual(shape.sort(), [
    "kube-system/coredns-HASH-X kind-control-plane 10.244.0.2 Running",
    "kube-system/coredns-HASH-X kind-control-plane 10.244.0.3 Running",
    "kube-system/etcd-kind-control-plane kind-control-plane 10.89.0.2 Running",
    "kube-system/kindnet-X kind-control-plane 10.89.0.2 Running",
    "kube-system/kindnet-X kind-worker 10.89.0.3 Running",
    "kube-system/kindnet-X kind-worker2 10.89.0.4 Running",
    "kube-system/kube-apiserver-kind-control-plane kind-control-plane 10.89.0.2 Running",
    "kube-system/kube-controller-manager-kind-control-plane kind-control-plane 10.89.0.2 Running",
    "kube-system/kube-proxy-X kind-control-plane 10.89.0.2 Running",
    "kube-system/kube-proxy-X kind-worker 10.89.0.3 Running",
    "kube-system/kube-proxy-X kind-worker2 10.89.0.4 Running",
    "kube-system/kube-scheduler-kind-control-plane kind-control-plane 10.89.0.2 Running",
    "local-path-storage/local-path-provisioner-HASH-X kind-control-plane 10.244.0.4 Running",
  ].sort());
  assert.ok(pods.every((p) => p.status.containerStatuses.every((c: any) => c.ready && c.state.running)));

  const cp = h.store.mustGet(R.nodes, undefined, "kind-control-plane");
  assert.deepEqual(cp.spec.taints, [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }]);
  assert.equal(cp.status.nodeInfo.kubeletVersion, "v1.32.2");
  assert.equal(cp.status.nodeInfo.osImage, "Debian GNU/Linux 12 (bookworm)");
  assert.equal(cp.status.conditions.find((c: any) => c.type === "Ready").status, "True");

  const coredns = h.store.mustGet(R.deployments, "kube-system", "coredns");
  assert.equal(coredns.status.availableReplicas, 2);
  assert.equal(h.store.list(R.replicasets, "kube-system").length, 1);
  const dns = h.store.mustGet(R.endpoints, "kube-system", "kube-dns");
  assert.deepEqual(dns.subsets[0].addresses.map((a: any) => a.ip), ["10.244.0.2", "10.244.0.3"]);
  assert.deepEqual(h.store.mustGet(R.endpoints, "default", "kubernetes").subsets[0].addresses, [{ ip: "10.89.0.2" }]);
  assert.equal(h.store.mustGet(R.services, "default", "kubernetes").spec.clusterIP, "10.96.0.1");
  assert.equal(h.store.mustGet(R.services, "kube-system", "kube-dns").spec.clusterIP, "10.96.0.10");
  assert.equal(h.store.list(R.ingressclasses).length, 0, "no ingress controller without the addon");
});

test("seed: the ingress-nginx addon runs its controller and serves Ingress addresses", () => {
  const h = harness(controllers, { store: new Store() });
  seed(h.ctx, ["ingress-nginx"]);
  h.loop.start();
  h.run(3000);
  const svc = h.store.mustGet(R.services, "ingress-nginx", "ingress-nginx-controller");
  assert.equal(svc.spec.type, "LoadBalancer");
  assert.equal(svc.status.loadBalancer.ingress[0].ip, "172.18.255.200");
  const [pod] = h.store.list(R.pods, "ingress-nginx");
  assert.equal(pod.status.phase, "Running");
  assert.equal(pod.spec.nodeName, "kind-control-plane");
  assert.equal(h.store.mustGet(R.ingressclasses, undefined, "nginx").metadata.annotations!["ingressclass.kubernetes.io/is-default-class"], "true");
  h.store.create(R.ingresses, { metadata: { name: "web", namespace: "default" }, spec: { rules: [] } });
  h.settle();
  assert.deepEqual(h.store.mustGet(R.ingresses, "default", "web").status.loadBalancer.ingress, [{ ip: "172.18.255.200" }]);
});

test("seed: deleting a kube-proxy pod brings it back on the same node (DaemonSet)", () => {
  const h = harness(controllers);
  seed(h.ctx);
  h.loop.start();
  h.settle();
  const victim = h.store.list(R.pods, "kube-system").find((p) => p.metadata.name!.startsWith("kube-proxy-") && p.spec.nodeName === "kind-worker")!;
  h.store.remove(R.pods, "kube-system", victim.metadata.name!);
  h.run(3000);
  const back = h.store.list(R.pods, "kube-system").filter((p) => p.metadata.name!.startsWith("kube-proxy-") && p.spec.nodeName === "kind-worker");
  assert.equal(back.length, 1);
  assert.notEqual(back[0].metadata.name, victim.metadata.name);
  assert.equal(back[0].status.phase, "Running");
  assert.equal(back[0].status.podIP, "10.89.0.3");
});

test("seed: `kubectl rollout restart daemonset/kube-proxy` replaces the pods one node at a time", () => {
  const h = harness(controllers);
  seed(h.ctx);
  h.loop.start();
  h.settle();
  const before = new Set(h.store.list(R.pods, "kube-system").filter((p) => p.metadata.name!.startsWith("kube-proxy-")).map((p) => p.metadata.name));
  h.store.mutate(R.daemonsets, "kube-system", "kube-proxy", (o) => {
    o.spec.template.metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2026-11-27T08:00:00Z" };
  });
  let minRunning = Infinity;
  for (let i = 0; i < 100; i++) {
    h.clock.advance(100);
    h.settle();
    const running = h.store.list(R.pods, "kube-system").filter((p) => p.metadata.name!.startsWith("kube-proxy-") && !p.metadata.deletionTimestamp && p.status.phase === "Running");
    minRunning = Math.min(minRunning, running.length);
  }
  const after = h.store.list(R.pods, "kube-system").filter((p) => p.metadata.name!.startsWith("kube-proxy-"));
  assert.equal(after.length, 3);
  assert.ok(after.every((p) => !before.has(p.metadata.name) && p.status.phase === "Running"));
  assert.deepEqual(after.map((p) => p.spec.nodeName).sort(), ["kind-control-plane", "kind-worker", "kind-worker2"]);
  assert.ok(minRunning >= 2, `at most one node without kube-proxy at a time (saw ${minRunning} running)`);
  assert.equal(h.store.mustGet(R.daemonsets, "kube-system", "kube-proxy").status.updatedNumberScheduled, 3);
});
