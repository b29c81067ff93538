// Kubelet probes against simulated containers: httpGet (by number and by port name), tcpSocket,
// exec (exit code and timeoutSeconds).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runProbe } from "./probe";
import { makePod, startContainer, testCluster } from "./testkit";

test("probes", async () => {
  const cluster = testCluster();
  const web = makePod({ name: "web", image: "nginx", container: { ports: [{ name: "http", containerPort: 80 }] } });
  const st = startContainer(cluster, web);
  const redis = makePod({ name: "redis", image: "redis", ip: "10.244.1.6" });
  startContainer(cluster, redis);
  const cases: [string, typeof web, unknown, boolean][] = [
    ["httpGet / on 80", web, { httpGet: { path: "/", port: 80 } }, true],
    ["httpGet by port name", web, { httpGet: { path: "/", port: "http" } }, true],
    ["httpGet 404", web, { httpGet: { path: "/healthz", port: 80 } }, false],
    ["httpGet wrong port", web, { httpGet: { path: "/", port: 8080 } }, false],
    ["httpGet unknown port name", web, { httpGet: { path: "/", port: "metrics" } }, false],
    ["tcpSocket 80", web, { tcpSocket: { port: 80 } }, true],
    ["tcpSocket 81", web, { tcpSocket: { port: 81 } }, false],
    ["httpGet on a non-HTTP listener", redis, { httpGet: { path: "/", port: 6379 } }, false],
    ["tcpSocket redis", redis, { tcpSocket: { port: 6379 } }, true],
    ["exec cat", web, { exec: { command: ["cat", "/usr/share/nginx/html/index.html"] } }, true],
    ["exec missing file", web, { exec: { command: ["cat", "/tmp/healthy"] } }, false],
    ["exec not on the image", web, { exec: { command: ["wget", "-q", "localhost"] } }, false],
    ["exec sleeping past timeoutSeconds", web, { exec: { command: ["sleep", "5"] }, timeoutSeconds: 1 }, false],
  ];
  const bad: string[] = [];
  for (const [name, pod, probe, want] of cases) {
    const got = await runProbe(cluster, pod, "main", probe);
    if (got !== want) bad.push(`${name}: ${got}, want ${want}`);
  }
  assert.deepEqual(bad, []);
  assert.match(st.logs.find((l) => l.includes("kube-probe"))!, /^10\.244\.1\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"$/);
});
