// The NetworkPolicy suite through the real kubectl, as the upstream e2e tests run it: namespaces
// x, y, z with agnhost pods a, b, c (one container per port and protocol, serve-hostname on 80 and
// 81 over TCP, UDP and SCTP), policies applied with `kubectl apply`, every probe a
// `kubectl exec <pod> -c cont-<port>-<proto> -- /agnhost connect <ip>:<port> --timeout=1s`.
// Truth tables come from netpol-cases.ts (the same data the engine-level tables use; every case is
// covered there). Here one case is probed as the full 9×9 matrix and a few others from the sources
// that tell them apart (UDP and SCTP included), about 160 kubectl execs: some 40 s on 2 cores.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSandboxServer, type SandboxServer } from "../server";
import { haveKubectl, newSession, type Session } from "../api/testkit";
import { all, cases, namespaces, podNames, policiesOf, type Case, type Probe } from "./netpol-cases";

const version = "1.32";
let server: SandboxServer;
let s: Session;
const ips = new Map<string, string>();

/** kubectl reads YAML 1.1, where a bare `y` is a boolean: send JSON objects, one after another. */
const stream = (objs: object[]): string => objs.map((o) => JSON.stringify(o)).join("\n");

function agnhostPod(ns: string, name: string): object {
  const containers = [80, 81].flatMap((port) =>
    ["tcp", "udp", "sctp"].map((proto) => ({
      name: `cont-${port}-${proto}`,
      image: "registry.k8s.io/e2e-test-images/agnhost:2.53",
      args: ["serve-hostname", `--${proto}`, "--http=false", "--port", String(port)],
      ports: [{ containerPort: port, name: `serve-${port}-${proto}`, protocol: proto.toUpperCase() }],
    })),
  );
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels: { pod: name } }, spec: { containers } };
}

before(async () => {
  if (!haveKubectl(version)) return;
  server = await createSandboxServer({ port: 0 });
  s = await newSession(server, version);
  const objs = namespaces.flatMap((ns) => [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, ...podNames.map((p) => agnhostPod(ns, p))]);
  const applied = await s.kubectl(["apply", "-f", "-"], { stdin: stream(objs) });
  assert.equal(applied.code, 0, applied.stderr);
  for (const ns of namespaces) {
    const w = await s.kubectl(["wait", "--for=condition=Ready", "pod", "--all", "-n", ns, "--timeout=60s"]);
    assert.equal(w.code, 0, w.stderr);
  }
  const list = JSON.parse((await s.kubectl(["get", "pods", "-n", "x", "-o", "json"])).stdout).items.concat(
    JSON.parse((await s.kubectl(["get", "pods", "-n", "y", "-o", "json"])).stdout).items,
    JSON.parse((await s.kubectl(["get", "pods", "-n", "z", "-o", "json"])).stdout).items,
  );
  for (const p of list) ips.set(`${p.metadata.namespace}/${p.metadata.name}`, p.status.podIP);
});

after(async () => {
  await s?.close();
  await server?.close();
});

/** Runs the probes with a few kubectl processes at a time. */
async function probeAll(pairs: [string, string][], probe: Probe): Promise<Map<string, boolean>> {
  const got = new Map<string, boolean>();
  let next = 0;
  const proto = probe.protocol.toLowerCase();
  const worker = async () => {
    while (next < pairs.length) {
      const [from, to] = pairs[next++];
      const [ns, pod] = from.split("/");
      const r = await s.kubectl(["exec", "-n", ns, pod, "-c", `cont-${probe.port}-${proto}`, "--", "/agnhost", "connect", `${ips.get(to)}:${probe.port}`, "--timeout=1s", `--protocol=${proto}`]);
      got.set(`${from}>${to}`, r.code === 0);
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  return got;
}

async function runCase(c: Case, sources: string[], protocols?: Probe["protocol"][]): Promise<string[]> {
  const policies = policiesOf(c, (pod) => ips.get(pod)!).map(([ns, name, spec]) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec }));
  const applied = await s.kubectl(["apply", "-f", "-"], { stdin: stream(policies) });
  const wrong: string[] = [];
  if (applied.code !== 0) wrong.push(`kubectl apply failed: ${applied.stderr}`);
  for (const probe of c.probes.filter((p) => !protocols || protocols.includes(p.protocol))) {
    const pairs = sources.flatMap((f) => all.map((t) => [f, t] as [string, string]));
    const got = await probeAll(pairs, probe);
    for (const [f, t] of pairs) {
      const want = f === t ? true : probe.expect.cells.get(`${f}>${t}`)!;
      if (got.get(`${f}>${t}`) !== want) wrong.push(`${c.name}: ${f} -> ${t} ${probe.port}/${probe.protocol}: want ${want ? "allowed" : "denied"}`);
    }
  }
  for (const ns of namespaces) await s.kubectl(["delete", "networkpolicy", "--all", "-n", ns]);
  return wrong;
}

const byName = (prefix: string): Case => {
  const c = cases.find((x) => x.name.startsWith(prefix));
  if (!c) throw new Error(`no case named ${prefix}`);
  return c;
};

test("kubectl: upstream NetworkPolicy cases through kubectl apply and agnhost connect", { skip: !haveKubectl(version) && "kubectl 1.32 not installed" }, async () => {
  const plan: [Case, string[], Probe["protocol"][]?][] = [
    [byName("should enforce policy based on PodSelector and NamespaceSelector"), all],
    [byName("should support a 'default-deny-ingress' policy"), ["x/a", "y/b"], ["UDP", "SCTP"]],
    [byName("should allow ingress access from namespace on one named port"), ["x/b", "y/b"]],
    [byName("should enforce except clause while egress access to server in CIDR block"), ["x/a"]],
  ];
  const failures: string[] = [];
  for (const [c, sources, protocols] of plan) failures.push(...(await runCase(c, sources, protocols)));
  assert.equal(failures.length, 0, `\n${failures.join("\n")}`);
});
