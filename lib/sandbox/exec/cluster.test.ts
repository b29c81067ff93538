// exec against a whole sandbox cluster (createCluster: the kubelet starts containers from the
// image profiles, the real Network decides): Service DNS, HTTP through a ClusterIP, logs written by
// nginx, service env vars, ping, and a NetworkPolicy turning an answer into the tool's timeout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCluster } from "../sandbox";
import { createClock } from "../clock";
import type { K8sObject } from "../types";
import { execInContainer } from "./index";

const PODS = { group: "", resource: "pods" };

test("exec tools against a sandbox cluster", async () => {
  const cluster = createCluster({ clock: createClock(200) });
  try {
    const mk = (name: string, image: string, extra: Record<string, unknown> = {}) =>
      cluster.store.create(PODS, { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels: { app: name } }, spec: { containers: [{ name, image, ...extra }] } });
    mk("web", "nginx:1.27");
    mk("client", "busybox", { command: ["sleep", "3600"] });
    mk("agn", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec", "--http-port=8080", "--udp-port=8081"] });
    cluster.store.create({ group: "", resource: "services" }, { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
    const ready = (p: K8sObject) => p.status?.phase === "Running" && (p.status?.containerStatuses ?? []).every((c: { ready: boolean }) => c.ready);
    for (let i = 0; i < 200 && !cluster.store.list(PODS, "default").every(ready); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(cluster.store.list(PODS, "default").every(ready), "pods become Ready");
    const client = cluster.store.get(PODS, "default", "client")!;
    const web = cluster.store.get(PODS, "default", "web")!;
    const svcIP = cluster.store.get({ group: "", resource: "services" }, "default", "web")!.spec.clusterIP;
    const run = async (argv: string[]) => {
      let out = "";
      const code = await execInContainer(cluster, client, "client", argv, { stdin: null, stdout: (d) => (out += d), stderr: (d) => (out += d), tty: false, signal: new AbortController().signal });
      return `${code}:${out}`;
    };
    const agnIP = cluster.store.get(PODS, "default", "agn")!.status.podIP;
    const cases: [string[], string | RegExp][] = [
      [["wget", "-qO-", `http://${agnIP}:8080/dial?host=${agnIP}&port=8081&request=hostname&protocol=udp`], '0:{"responses":["agn"]}'],
      [["wget", "-qO-", `http://${agnIP}:8080/dial?host=${agnIP}&port=8080&request=hostname&protocol=http`], '0:{"responses":["agn"]}'],
      [["wget", "-qO-", "http://web"], /^0:<!DOCTYPE html>[\s\S]*Welcome to nginx!/],
      [["nslookup", "web"], `0:Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svcIP}\n\n`],
      [["nslookup", "nope"], "1:Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n"],
      [["wget", "-qO-", "http://web/missing"], "1:wget: server returned error: HTTP/1.1 404 Not Found\n"],
      [["nc", "-zv", "web", "80"], `0:web (${svcIP}:80) open\n`],
      [["nc", "-zvv", "-w", "1", "web", "81"], new RegExp(`^1:nc: web \\(${svcIP.replace(/\./g, "\\.")}:81\\): Connection (refused|timed out)\\n$`)],
      [["sh", "-c", "echo $WEB_SERVICE_HOST:$WEB_SERVICE_PORT"], `0:${svcIP}:80\n`],
      [["ping", "-c", "1", web.status.podIP], /^0:PING [\d.]+ \([\d.]+\): 56 data bytes\n64 bytes from/],
      [["ping", "-c", "1", "-W", "1", svcIP], /1 packets transmitted, 0 packets received, 100% packet loss\n$/],
    ];
    const bad: string[] = [];
    for (const [argv, want] of cases) {
      const got = await run(argv);
      if (typeof want === "string" ? got !== want : !want.test(got)) bad.push(`${argv.join(" ")}: ${JSON.stringify(got)}`);
    }
    const logs = cluster.runtime.container(web.metadata.uid!, "web")!.logs;
    if (!logs.some((l) => /^10\.244\.\d+\.\d+ - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/.test(l))) bad.push(`nginx access log: ${JSON.stringify(logs.slice(-3))}`);
    // A default-deny ingress policy on web: the same wget now waits for its -T and gives up.
    cluster.store.create({ group: "networking.k8s.io", resource: "networkpolicies" }, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny", namespace: "default" }, spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] } });
    const denied = await run(["wget", "-qO-", "-T", "2", "http://web"]);
    if (denied !== "1:wget: download timed out\n") bad.push(`denied wget: ${JSON.stringify(denied)}`);
    const pingDenied = await run(["ping", "-c", "1", "-W", "1", web.status.podIP]);
    if (!pingDenied.startsWith("1:")) bad.push(`ping through a deny-all policy: ${JSON.stringify(pingDenied)}`);
    assert.deepEqual(bad, []);
  } finally {
    // Stop the containers' main processes (a sleeping busybox holds a timer) and the cluster.
    for (const p of cluster.store.list(PODS)) for (const c of cluster.runtime.containers(p.metadata.uid!)) c.process?.stop?.();
    cluster.close();
  }
});
