// Services, DNS, Ingress and NetworkPolicy through the real kubectl and the images' own tools
// (busybox wget/nslookup, curl), in a sandbox with the ingress-nginx addon: a table of kubectl
// steps, every disagreeing step reported.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSandboxServer, type SandboxServer } from "../server";
import { createCluster } from "../sandbox";
import { haveKubectl, newSession, runSteps, type Session, type Step } from "../api/testkit";

const version = "1.32";
let server: SandboxServer;
let s: Session;

const stream = (objs: object[]): string => objs.map((o) => JSON.stringify(o)).join("\n");
const deployment = (name: string, image: string, port: number, args?: string[]) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ...(args ? { args } : {}), ports: [{ name: "http", containerPort: port }] }] } },
  },
});
const service = (name: string, spec: object) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec });
const sleeper = (name: string, image: string, role = "client") => ({ apiVersion: "v1", kind: "Pod", metadata: { name, labels: { role } }, spec: { containers: [{ name, image, command: ["sleep", "3600"] }] } });

const workload = stream([
  deployment("web", "nginx:1.27", 80),
  deployment("echo", "hashicorp/http-echo:1.0", 5678, ["-text=hello from echo"]),
  service("web", { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] }),
  service("web-headless", { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80 }] }),
  service("echo", { selector: { app: "echo" }, ports: [{ port: 80, targetPort: 5678 }] }),
  service("empty", { selector: { app: "nothing" }, ports: [{ port: 80 }] }),
  service("ext", { type: "ExternalName", externalName: "example.com" }),
  sleeper("client", "busybox:1.36"),
  sleeper("curl", "curlimages/curl:8.10.1", "tester"),
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "demo" },
    spec: {
      ingressClassName: "nginx",
      rules: [{ host: "demo.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }, { path: "/echo", pathType: "Prefix", backend: { service: { name: "echo", port: { number: 80 } } } }] } }],
    },
  },
]);

const denyEgress = stream([{ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny-egress" }, spec: { podSelector: { matchLabels: { role: "client" } }, policyTypes: ["Egress"] } }]);
const allowDns = stream([
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "allow-dns" },
    spec: {
      podSelector: { matchLabels: { role: "client" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] }],
    },
  },
]);

const inClient = (cmd: string): string[] => ["exec", "client", "--", "sh", "-c", cmd];
const inCurl = (cmd: string): string[] => ["exec", "curl", "--", "sh", "-c", cmd];

const steps: Step[] = [
  { args: ["apply", "-f", "-"], stdin: workload, stdout: ["deployment.apps/web created", "ingress.networking.k8s.io/demo created"] },
  { args: "rollout status deployment/web --timeout=60s", stdout: "successfully rolled out" },
  { args: "rollout status deployment/echo --timeout=60s", stdout: "successfully rolled out" },
  { args: "wait --for=condition=Ready pod/client pod/curl --timeout=60s" },
  // ClusterIP by name, through CoreDNS and kube-proxy.
  { args: inClient("wget -q -O- -T 2 http://web"), stdout: "Welcome to nginx!" },
  { args: inClient("nslookup web"), stdout: [/Name:\s+web\.default\.svc\.cluster\.local/, /Address: 10\.96\./] },
  // Headless: the pods' IPs.
  { args: inClient("nslookup web-headless | grep -c 'Address: 10.244.'"), stdout: "2" },
  { args: inClient("nslookup ext"), stdout: /example\.com/ },
  { args: inClient("nslookup no-such-service"), exit: 1, stdout: /NXDOMAIN/ },
  // A Service without endpoints is refused at once.
  { args: inClient("wget -q -O- -T 2 http://empty"), exit: 1, stderr: /Connection refused/ },
  { args: inClient("wget -q -O- -T 2 http://echo"), stdout: "hello from echo" },
  // Ingress: host and path routing, the controller's 404 for unknown hosts.
  { args: inCurl("curl -s -H 'Host: demo.example.com' http://ingress-nginx-controller.ingress-nginx/echo"), stdout: "hello from echo" },
  { args: inCurl("curl -s -H 'Host: demo.example.com' http://ingress-nginx-controller.ingress-nginx/"), stdout: "Welcome to nginx!" },
  { args: inCurl("curl -s -o /dev/null -w '%{http_code}' -H 'Host: unknown.example.com' http://ingress-nginx-controller.ingress-nginx/"), stdout: "404" },
  { args: ["get", "ingress", "demo", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}"], stdout: /^172\.18\.255\.\d+$/, eventuallyMs: 5000 },
  // Default deny egress: DNS breaks too; allowing DNS brings names back, not the traffic.
  { args: ["apply", "-f", "-"], stdin: denyEgress },
  { args: inClient("nslookup web"), exit: 1, stdout: /timed out/ },
  { args: ["apply", "-f", "-"], stdin: allowDns },
  { args: inClient("nslookup web"), stdout: /Address: 10\.96\./ },
  { args: inClient("wget -q -O- -T 1 http://web"), exit: 1, stderr: /timed out/ },
  { args: inCurl("curl -s -o /dev/null -w '%{http_code}' http://web"), stdout: "200" },
];

before(async () => {
  if (!haveKubectl(version)) return;
  server = await createSandboxServer({ port: 0, createCluster: (opts) => createCluster({ ...opts, addons: ["ingress-nginx"] }) });
  s = await newSession(server, version);
});

after(async () => {
  // Stop the sleeping clients first: their `sleep 3600` timers would otherwise keep the process alive.
  await s?.kubectl(["delete", "pod", "client", "curl", "--grace-period=0", "--force"]);
  await s?.close();
  await server?.close();
});

test("kubectl: Services, DNS, Ingress and egress policy through the images' tools", { skip: !haveKubectl(version) && "kubectl 1.32 not installed" }, async () => {
  const failures = await runSteps(s, version, steps);
  assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
});
