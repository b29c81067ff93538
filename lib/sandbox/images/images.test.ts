// Image profiles: reference normalisation, every listed executable implemented, and what each
// image's main process does (listeners, log lines, exit) under Kubernetes' command/args rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knownRepositories, lookupImage } from "./index";
import { TOOLS } from "../exec/runner";
import { makePod, startContainer, testCluster } from "../exec/testkit";
import type { ContainerProcess, HttpRequest } from "./types";

test("lookupImage normalises references like the runtime does", () => {
  const cases: [string, string | undefined][] = [
    ["nginx", "docker.io/library/nginx"],
    ["nginx:1.27", "docker.io/library/nginx"],
    ["library/nginx", "docker.io/library/nginx"],
    ["docker.io/library/nginx:1.27", "docker.io/library/nginx"],
    ["index.docker.io/library/nginx:latest", "docker.io/library/nginx"],
    ["nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a", "docker.io/library/nginx"],
    ["nginx:1.27-alpine", "docker.io/library/nginx"],
    ["busybox:1.36", "docker.io/library/busybox"],
    ["curlimages/curl:8.11.1", "docker.io/curlimages/curl"],
    ["nicolaka/netshoot", "docker.io/nicolaka/netshoot"],
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", "registry.k8s.io/e2e-test-images/agnhost"],
    ["hashicorp/http-echo:1.0", "docker.io/hashicorp/http-echo"],
    ["traefik/whoami", "docker.io/traefik/whoami"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause"],
    ["registry.k8s.io/ingress-nginx/controller:v1.12.0", "registry.k8s.io/ingress-nginx/controller"],
    ["nginy", undefined],
    ["example.com/team/app:1.0", undefined],
    ["NGINX", undefined],
    ["", undefined],
  ];
  const bad = cases.filter(([image, want]) => lookupImage(image)?.repository !== want).map(([image, want]) => `${image}: ${lookupImage(image)?.repository}, want ${want}`);
  assert.deepEqual(bad, []);
});

test("every executable an image lists has an implementation, and digests look real", () => {
  const bad: string[] = [];
  for (const repo of knownRepositories()) {
    const p = lookupImage(repo)!;
    for (const t of p.tools) if (!TOOLS[t.slice(t.lastIndexOf("/") + 1)]) bad.push(`${repo}: ${t}`);
    if (!/^sha256:[0-9a-f]{64}$/.test(p.digest)) bad.push(`${repo}: digest ${p.digest}`);
  }
  assert.deepEqual(bad, []);
});

const req = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: "GET", path, host: "web", headers: { Host: "web", "User-Agent": "curl/8.11.1", Accept: "*/*" }, clientIp: "10.244.2.9", ...extra });
const settle = (p: ContainerProcess, ms = 100) => Promise.race([p.done ?? new Promise(() => {}), new Promise((r) => setTimeout(() => r("running"), ms))]);

test("nginx: entrypoint lines, welcome page on 80, access log in the combined format", async () => {
  const cluster = testCluster();
  const pod = makePod({ name: "web", image: "nginx:1.27" });
  const st = startContainer(cluster, pod);
  const p = st.process!;
  assert.deepEqual(p.listeners, [{ port: 80, protocol: "TCP", kind: "http" }]);
  assert.equal(p.startupLogs[0], "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
  assert.ok(p.startupLogs.includes("/docker-entrypoint.sh: Configuration complete; ready for start up"));
  assert.match(p.startupLogs.find((l) => l.includes("1#1: nginx/"))!, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: nginx\/1\.27\.3$/);
  const res = await p.handleHttp!(80, req("/"));
  assert.equal(res.status, 200);
  assert.equal(res.headers["Content-Length"], "615");
  assert.match(res.body, /<title>Welcome to nginx!<\/title>/);
  assert.equal(st.logs.at(-1), '10.244.2.9 - - [27/Nov/2026:06:30:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "-"');
  const missing = await p.handleHttp!(80, req("/nope"));
  assert.equal(missing.status, 404);
  assert.match(missing.body, /<center>nginx\/1\.27\.3<\/center>/);
  // What exec writes to the docroot is what nginx serves.
  p.files!.set("/usr/share/nginx/html/index.html", "hello from exec\n");
  assert.equal((await p.handleHttp!(80, req("/"))).body, "hello from exec\n");
});

test("main processes: command/args, exits and what keeps running", async () => {
  type Case = [string, string, Record<string, unknown>, { state: "running" | number; logs?: string[]; listeners?: string[]; reason?: string }];
  const cases: Case[] = [
    ["busybox default sh exits 0 at once", "busybox", {}, { state: 0 }],
    ["alpine default sh exits 0", "alpine", {}, { state: 0 }],
    ["busybox sh with stdin open (kubectl run -it) waits", "busybox", { stdin: true, tty: true }, { state: "running" }],
    ["busybox sleep 3600 keeps running", "busybox", { command: ["sleep", "3600"] }, { state: "running" }],
    ["busybox sleep infinity", "busybox", { args: ["sleep", "infinity"] }, { state: "running" }],
    ["busybox tail -f /dev/null", "busybox", { command: ["tail", "-f", "/dev/null"] }, { state: "running" }],
    ["while loop keeps running and logs", "busybox", { command: ["sh", "-c", "while true; do echo tick; sleep 5; done"] }, { state: "running", logs: ["tick"] }],
    ["sh -c exit 1", "busybox", { command: ["sh", "-c", "echo about to fail; exit 1"] }, { state: 1, logs: ["about to fail"] }],
    ["false", "busybox", { command: ["false"] }, { state: 1 }],
    ["echo hi", "busybox", { command: ["echo", "hi"] }, { state: 0, logs: ["hi"] }],
    ["$(VAR) from env in args", "busybox", { command: ["sh", "-c"], args: ["echo $(GREETING) $$HOME"], env: [{ name: "GREETING", value: "hello" }] }, { state: 0, logs: ["hello /root"] }],
    ["unknown executable: StartError 128", "busybox", { command: ["nope"] }, { state: 128, reason: "StartError" }],
    ["nginx runs another command through its entrypoint", "nginx", { args: ["sh", "-c", "echo via entrypoint"] }, { state: 0, logs: ["via entrypoint"] }],
    ["nginx overridden command", "nginx", { command: ["nginx", "-g", "daemon off;"] }, { state: "running", listeners: ["80/TCP/http"] }],
    ["httpd serves 80", "httpd:2.4", {}, { state: "running", listeners: ["80/TCP/http"] }],
    ["curl image without args: curl exits 2", "curlimages/curl", {}, { state: 2, logs: ["curl: try 'curl --help' or 'curl --manual' for more information"] }],
    ["curl image with args sleep", "curlimages/curl", { args: ["sleep", "3600"] }, { state: "running" }],
    ["curl image with args as curl options", "curlimages/curl", { args: ["-s", "http://nope"] }, { state: 6 }],
    ["netshoot default zsh exits 0", "nicolaka/netshoot", {}, { state: 0 }],
    ["agnhost default pause", "registry.k8s.io/e2e-test-images/agnhost:2.47", {}, { state: "running", logs: [], listeners: [] }],
    ["agnhost netexec", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec", "--http-port=80", "--udp-port=81"] }, { state: "running", listeners: ["80/TCP/http", "81/UDP/udp"] }],
    ["agnhost netexec sctp", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec", "--http-port=8080", "--udp-port=-1", "--sctp-port=80"] }, { state: "running", listeners: ["8080/TCP/http", "80/SCTP/sctp"] }],
    ["agnhost serve-hostname udp only", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["serve-hostname", "--udp", "--http=false", "--port", "80"] }, { state: "running", listeners: ["80/UDP/udp"] }],
    ["agnhost serve-hostname tcp", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["serve-hostname", "--tcp", "--http=false", "--port=81"] }, { state: "running", listeners: ["81/TCP/tcp"] }],
    ["agnhost serve-hostname --tcp without --http=false dies", "registry.k8s.io/e2e-test-images/agnhost:2.47", { command: ["/agnhost", "serve-hostname", "--tcp", "--port", "80"] }, { state: 1 }],
    ["agnhost serve-hostname tcp+udp", "registry.k8s.io/e2e-test-images/agnhost:2.47", { command: ["/agnhost", "serve-hostname", "--tcp", "--udp", "--http=false", "--port", "80"] }, { state: "running", listeners: ["80/TCP/tcp", "80/UDP/udp"] }],
    ["agnhost porter", "registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["porter"], env: [{ name: "SERVE_PORT_8080", value: "foo" }] }, { state: "running", listeners: ["8080/TCP/http"] }],
    ["http-echo", "hashicorp/http-echo", { args: ["-text=hi", "-listen=:8080"] }, { state: "running", listeners: ["8080/TCP/http"] }],
    ["whoami", "traefik/whoami", {}, { state: "running", listeners: ["80/TCP/http"] }],
    ["pause", "registry.k8s.io/pause:3.10", {}, { state: "running", listeners: [] }],
    ["redis", "redis:7", {}, { state: "running", listeners: ["6379/TCP/tcp"] }],
    ["postgres without a password exits 1", "postgres:17", {}, { state: 1, logs: ["Error: Database is uninitialized and superuser password is not specified."] }],
    ["postgres with a password", "postgres:17", { env: [{ name: "POSTGRES_PASSWORD", value: "x" }] }, { state: "running", listeners: ["5432/TCP/tcp"] }],
    ["ingress-nginx controller", "registry.k8s.io/ingress-nginx/controller:v1.12.0", {}, { state: "running", listeners: ["80/TCP/http", "443/TCP/http", "8443/TCP/tcp", "10254/TCP/http"] }],
  ];
  const bad: string[] = [];
  await Promise.all(
    cases.map(async ([name, image, container, want]) => {
      const cluster = testCluster();
      const st = startContainer(cluster, makePod({ name: "web", image, container }));
      const p = st.process!;
      const r = await settle(p);
      const state = r === "running" ? "running" : (r as { code: number }).code;
      if (state !== want.state) bad.push(`${name}: ${state}, want ${want.state}`);
      if (want.reason && (r as { reason?: string }).reason !== want.reason) bad.push(`${name}: reason ${(r as { reason?: string }).reason}, want ${want.reason}`);
      const logs = [...p.startupLogs, ...st.logs];
      for (const l of want.logs ?? []) if (!logs.includes(l)) bad.push(`${name}: log ${JSON.stringify(l)} missing from ${JSON.stringify(logs)}`);
      const listeners = p.listeners.map((l) => `${l.port}/${l.protocol}/${l.kind}`);
      if (want.listeners && JSON.stringify(listeners) !== JSON.stringify(want.listeners)) bad.push(`${name}: listeners ${listeners}, want ${want.listeners}`);
      p.stop?.();
    }),
  );
  assert.deepEqual(bad, []);
});

test("HTTP answers of the small servers", async () => {
  const cluster = testCluster();
  const cases: [string, Record<string, unknown>, number, string, RegExp][] = [
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec", "--http-port=8080"] }, 8080, "/hostname", /^web$/],
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec"] }, 8080, "/echo?msg=ping", /^ping$/],
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["netexec"] }, 8080, "/clientip", /^10\.244\.2\.9:\d+$/],
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["serve-hostname"] }, 9376, "/", /^web$/],
    ["registry.k8s.io/e2e-test-images/agnhost:2.47", { args: ["porter"], env: [{ name: "SERVE_PORT_8080", value: "foo" }] }, 8080, "/", /^foo$/],
    ["hashicorp/http-echo", { args: ["-text=hello world"] }, 5678, "/", /^hello world\n$/],
    ["traefik/whoami", {}, 80, "/api", /^Hostname: web\r\nIP: 127\.0\.0\.1\r\nIP: ::1\r\nIP: 10\.244\.1\.5\r\nRemoteAddr: 10\.244\.2\.9:\d+\r\nGET \/api HTTP\/1\.1\r\nHost: web\r\nUser-Agent: curl\/8\.11\.1\r\nAccept: \*\/\*\r\n\r\n$/],
    ["httpd", {}, 80, "/", /^<html><body><h1>It works!<\/h1><\/body><\/html>\n$/],
  ];
  const bad: string[] = [];
  for (const [image, container, port, path, want] of cases) {
    const st = startContainer(cluster, makePod({ name: "web", image, container }));
    const res = await st.process!.handleHttp!(port, req(path));
    if (!want.test(res.body)) bad.push(`${image} ${path}: ${JSON.stringify(res.body)}`);
  }
  assert.deepEqual(bad, []);
});
