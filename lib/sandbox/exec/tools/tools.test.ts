// Every network tool's output, error wording and exit code for allowed / refused / dropped /
// NXDOMAIN / DNS-blocked cases, against a scripted network. One table, one loop, every
// disagreeing cell reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { okText, runIn, makeService, type Scenario } from "../testkit";

const WEB = "10.96.12.3";
const dns = { "web.default.svc.cluster.local": [WEB], "kubernetes.default.svc.cluster.local": ["10.96.0.1"] };
const http = (_ip: string, _port: number, req: { path: string }) =>
  req.path === "/missing" ? okText("404 page\n", 404, "Not Found") : req.path === "/dir" ? { ...okText("", 301, "Moved Permanently"), headers: { Location: "http://web/dir/" } } : req.path === "/dir/" ? okText("in dir\n") : okText("hello\n");
const allowed: Scenario = { dns, connect: { [`${WEB}:80/TCP`]: "connected" }, http };
const refused: Scenario = { dns, connect: {} };
const dropped: Scenario = { dns, connect: { [`${WEB}:80/TCP`]: "timeout", [`${WEB}:80/UDP`]: "timeout" } };
const dnsBlocked: Scenario = { dns, dnsBlocked: true };

type Want = { code: number; stdout?: string | RegExp; stderr?: string | RegExp; waitedMs?: number };
const cases: [string, string, string[], Scenario, Want][] = [
  // busybox wget
  ["wget -qO- allowed", "busybox", ["wget", "-qO-", "http://web"], allowed, { code: 0, stdout: "hello\n", stderr: "" }],
  ["wget -O- verbose", "busybox", ["wget", "-O-", "http://web"], allowed, { code: 0, stdout: "hello\n", stderr: /^Connecting to web \(10\.96\.12\.3:80\)\nwriting to stdout\n-\s+100% \|\*+\|\s+6\s+0:00:00 ETA\nwritten to stdout\n$/ }],
  ["wget refused", "busybox", ["wget", "-qO-", "http://web"], refused, { code: 1, stderr: "wget: can't connect to remote host (10.96.12.3): Connection refused\n" }],
  ["wget -T 2 dropped", "busybox", ["wget", "-q", "-T", "2", "-O-", "http://web"], dropped, { code: 1, stderr: "wget: download timed out\n", waitedMs: 2000 }],
  ["wget dropped, no -T: the kernel gives up", "busybox", ["wget", "-qO-", "web"], dropped, { code: 1, stderr: "wget: can't connect to remote host (10.96.12.3): Connection timed out\n", waitedMs: 127000 }],
  ["wget NXDOMAIN", "busybox", ["wget", "-qO-", "http://nope"], allowed, { code: 1, stderr: "wget: bad address 'nope'\n", waitedMs: 0 }],
  ["wget DNS blocked", "busybox", ["wget", "-qO-", "http://web"], dnsBlocked, { code: 1, stderr: "wget: bad address 'web'\n", waitedMs: 10000 }],
  ["wget 404", "busybox", ["wget", "-qO-", "http://web/missing"], allowed, { code: 1, stderr: "wget: server returned error: HTTP/1.1 404 Not Found\n" }],
  ["wget follows a redirect", "busybox", ["wget", "-O-", "http://web/dir"], allowed, { code: 0, stdout: "in dir\n", stderr: /^Connecting to web \(10\.96\.12\.3:80\)\nConnecting to web \(10\.96\.12\.3:80\)\nwriting to stdout\n/ }],
  ["curl does not follow without -L", "curlimages/curl", ["curl", "-s", "-w", "%{http_code}", "http://web/dir"], allowed, { code: 0, stdout: "301" }],
  ["curl -L follows", "curlimages/curl", ["curl", "-sL", "http://web/dir"], allowed, { code: 0, stdout: "in dir\n" }],
  ["wget --spider", "busybox", ["wget", "--spider", "http://web"], allowed, { code: 0, stdout: "", stderr: "Connecting to web (10.96.12.3:80)\nremote file exists\n" }],
  ["alpine wget DNS blocked (musl: 5 s)", "alpine", ["wget", "-qO-", "http://web"], dnsBlocked, { code: 1, stderr: "wget: bad address 'web'\n", waitedMs: 5000 }],
  // curl
  ["curl -s allowed", "curlimages/curl", ["curl", "-s", "http://web"], allowed, { code: 0, stdout: "hello\n", stderr: "" }],
  ["curl -w http_code", "curlimages/curl", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://web"], allowed, { code: 0, stdout: "200" }],
  ["curl refused", "curlimages/curl", ["curl", "http://web"], refused, { code: 7, stderr: "curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server\n" }],
  ["curl -s refused is silent", "curlimages/curl", ["curl", "-s", "http://web"], refused, { code: 7, stderr: "" }],
  ["curl -s -w on refused prints 000", "curlimages/curl", ["curl", "-s", "-w", "%{http_code}", "web"], refused, { code: 7, stdout: "000" }],
  ["curl -sS -m 2 dropped", "curlimages/curl", ["curl", "-sS", "-m", "2", "http://web"], dropped, { code: 28, stderr: "curl: (28) Failed to connect to web port 80 after 2002 ms: Timeout was reached\n", waitedMs: 2000 }],
  ["curl --connect-timeout 1 dropped", "curlimages/curl", ["curl", "--connect-timeout", "1", "http://web"], dropped, { code: 28, stderr: "curl: (28) Failed to connect to web port 80 after 1002 ms: Timeout was reached\n", waitedMs: 1000 }],
  ["curl NXDOMAIN", "curlimages/curl", ["curl", "http://nope"], allowed, { code: 6, stderr: "curl: (6) Could not resolve host: nope\n" }],
  ["curl -m 2 with DNS blocked", "curlimages/curl", ["curl", "-sS", "-m", "2", "http://web"], dnsBlocked, { code: 28, stderr: "curl: (28) Resolving timed out after 2000 milliseconds\n", waitedMs: 2000 }],
  ["curl -f 404", "curlimages/curl", ["curl", "-sSf", "http://web/missing"], allowed, { code: 22, stderr: "curl: (22) The requested URL returned error: 404\n" }],
  ["curl -I", "curlimages/curl", ["curl", "-sI", "http://web"], allowed, { code: 0, stdout: /^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain\r\n/ }],
  ["curl without URL", "curlimages/curl", ["curl"], allowed, { code: 2, stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n" }],
  ["curl unknown option", "curlimages/curl", ["curl", "--bogus", "web"], allowed, { code: 2, stderr: /^curl: option --bogus: is unknown\n/ }],
  // busybox nc (netcat 1.10 style)
  ["busybox nc -zv open", "busybox", ["nc", "-zv", "web", "80"], allowed, { code: 0, stderr: "web (10.96.12.3:80) open\n" }],
  ["busybox nc -zv refused is silent", "busybox", ["nc", "-zv", "web", "80"], refused, { code: 1, stderr: "" }],
  ["busybox nc -zvv refused", "busybox", ["nc", "-zvv", "web", "80"], refused, { code: 1, stderr: "nc: web (10.96.12.3:80): Connection refused\n" }],
  ["busybox nc -zv -w 2 dropped", "busybox", ["nc", "-zv", "-w", "2", "web", "80"], dropped, { code: 1, stderr: "nc: web (10.96.12.3:80): Connection timed out\n", waitedMs: 2000 }],
  ["busybox nc bad name", "busybox", ["nc", "-zv", "nope", "80"], allowed, { code: 1, stderr: "nc: bad address 'nope'\n" }],
  ["busybox nc -zuv dropped UDP looks open", "busybox", ["nc", "-zuv", "-w", "1", "web", "80"], dropped, { code: 0, stderr: "web (10.96.12.3:80) open\n" }],
  // OpenBSD nc (netshoot)
  ["openbsd nc -zv open", "nicolaka/netshoot", ["nc", "-zv", "web", "80"], allowed, { code: 0, stderr: "Connection to web (10.96.12.3) 80 port [tcp/http] succeeded!\n" }],
  ["openbsd nc -zv refused", "nicolaka/netshoot", ["nc", "-zv", "web", "80"], refused, { code: 1, stderr: "nc: connect to web (10.96.12.3) port 80 (tcp) failed: Connection refused\n" }],
  ["openbsd nc -zv -w 2 dropped", "nicolaka/netshoot", ["nc", "-zv", "-w", "2", "web", "80"], dropped, { code: 1, stderr: "nc: connect to web (10.96.12.3) port 80 (tcp) timed out: Operation now in progress\n", waitedMs: 2000 }],
  ["openbsd nc bad name", "nicolaka/netshoot", ["nc", "-zv", "nope", "80"], allowed, { code: 1, stderr: 'nc: getaddrinfo for host "nope" port 80: Name does not resolve\n' }],
  // nslookup
  ["busybox nslookup", "busybox", ["nslookup", "web"], allowed, { code: 0, stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n" }],
  ["busybox nslookup NXDOMAIN", "busybox", ["nslookup", "nope"], allowed, { code: 1, stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n" }],
  ["busybox nslookup DNS blocked", "busybox", ["nslookup", "web"], dnsBlocked, { code: 1, stdout: ";; connection timed out; no servers could be reached\n\n", waitedMs: 10000 }],
  ["bind nslookup", "nicolaka/netshoot", ["nslookup", "web"], allowed, { code: 0, stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n" }],
  ["bind nslookup DNS blocked", "nicolaka/netshoot", ["nslookup", "web"], dnsBlocked, { code: 1, stdout: ";; communications error to 10.96.0.10#53: timed out\n".repeat(3) + ";; no servers could be reached\n\n", waitedMs: 15000 }],
  // dig
  ["dig +short FQDN", "nicolaka/netshoot", ["dig", "+short", "web.default.svc.cluster.local"], allowed, { code: 0, stdout: "10.96.12.3\n" }],
  ["dig does not search", "nicolaka/netshoot", ["dig", "+short", "web"], allowed, { code: 0, stdout: "" }],
  ["dig +search", "nicolaka/netshoot", ["dig", "+short", "+search", "web"], allowed, { code: 0, stdout: "10.96.12.3\n" }],
  ["dig full answer", "nicolaka/netshoot", ["dig", "web.default.svc.cluster.local"], allowed, { code: 0, stdout: /;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+\n;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n[\s\S]*;; ANSWER SECTION:\nweb\.default\.svc\.cluster\.local\.\t30\tIN\tA\t10\.96\.12\.3\n/ }],
  ["dig DNS blocked", "nicolaka/netshoot", ["dig", "+short", "web.default.svc.cluster.local"], dnsBlocked, { code: 9, stdout: ";; communications error to 10.96.0.10#53: timed out\n".repeat(3) }],
  // ping
  ["busybox ping pod", "busybox", ["ping", "-c", "2", "10.244.2.7"], { icmp: { "10.244.2.7": "connected" } }, { code: 0, stdout: /^PING 10\.244\.2\.7 \(10\.244\.2\.7\): 56 data bytes\n64 bytes from 10\.244\.2\.7: seq=0 ttl=63 time=\d\.\d{3} ms\n64 bytes from 10\.244\.2\.7: seq=1 ttl=63 time=\d\.\d{3} ms\n\n--- 10\.244\.2\.7 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d./]+ ms\n$/ }],
  ["busybox ping denied by policy", "busybox", ["ping", "-c", "2", "-W", "1", "10.244.2.7"], { icmp: { "10.244.2.7": "timeout" } }, { code: 1, stdout: /2 packets transmitted, 0 packets received, 100% packet loss\n$/ }],
  ["iputils ping", "nicolaka/netshoot", ["ping", "-c", "1", "10.244.2.7"], { icmp: { "10.244.2.7": "refused" } }, { code: 0, stdout: /^PING 10\.244\.2\.7 \(10\.244\.2\.7\) 56\(84\) bytes of data\.\n64 bytes from 10\.244\.2\.7: icmp_seq=1 ttl=63 time=/ }],
  ["busybox ping bad name", "busybox", ["ping", "-c", "1", "nope"], allowed, { code: 1, stderr: "ping: bad address 'nope'\n" }],
  // agnhost connect (upstream e2e netpol probes)
  ["agnhost connect allowed", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "10.96.12.3:80", "--timeout=1s", "--protocol=tcp"], allowed, { code: 0, stdout: "", stderr: "" }],
  ["agnhost connect refused", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "10.96.12.3:80", "--timeout=1s"], refused, { code: 1, stderr: "REFUSED\n" }],
  ["agnhost connect dropped", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "web:80", "--timeout=1s", "--protocol=tcp"], dropped, { code: 1, stderr: "TIMEOUT\n", waitedMs: 1000 }],
  ["agnhost connect NXDOMAIN", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "nope:80", "--timeout=1s"], allowed, { code: 1, stderr: "DNS: lookup nope on 10.96.0.10:53: no such host\n" }],
  ["agnhost connect udp dropped", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "10.96.12.3:80", "--timeout=1s", "--protocol=udp"], dropped, { code: 1, stderr: /^TIMEOUT: read udp 10\.244\.1\.5:\d+->10\.96\.12\.3:80: i\/o timeout\n$/, waitedMs: 1000 }],
  ["agnhost connect udp refused", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "10.96.12.3:80", "--timeout=1s", "--protocol=udp"], refused, { code: 1, stderr: /^REFUSED: read udp 10\.244\.1\.5:\d+->10\.96\.12\.3:80: read: connection refused\n$/ }],
  ["agnhost connect bad protocol", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "10.96.12.3:80", "--protocol=icmp"], allowed, { code: 1, stderr: "Unsupported protocol\n" }],
  ["agnhost connect without port", "registry.k8s.io/e2e-test-images/agnhost:2.47", ["/agnhost", "connect", "web"], allowed, { code: 1, stderr: "UNKNOWN: address web: missing port in address\n" }],
  // ip, hostname, files the kubelet writes
  ["ip route", "busybox", ["ip", "route"], {}, { code: 0, stdout: "default via 10.244.1.1 dev eth0 \n10.244.1.0/24 via 10.244.1.1 dev eth0 src 10.244.1.5 \n10.244.1.1 dev eth0 scope link src 10.244.1.5 \n" }],
  ["ip addr", "nicolaka/netshoot", ["ip", "addr"], {}, { code: 0, stdout: /2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n[\s\S]* {4}inet 10\.244\.1\.5\/24 brd 10\.244\.1\.255 scope global eth0\n/ }],
  ["hostname", "busybox", ["hostname"], {}, { code: 0, stdout: "client\n" }],
  ["resolv.conf", "busybox", ["cat", "/etc/resolv.conf"], {}, { code: 0, stdout: "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n" }],
  ["/etc/hosts", "busybox", ["cat", "/etc/hosts"], {}, { code: 0, stdout: /^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n[\s\S]*10\.244\.1\.5\tclient\n$/ }],
  ["cat missing file (busybox)", "busybox", ["cat", "/nope"], {}, { code: 1, stderr: "cat: can't open '/nope': No such file or directory\n" }],
  ["cat missing file (GNU)", "nginx", ["cat", "/nope"], {}, { code: 1, stderr: "cat: /nope: No such file or directory\n" }],
  // missing tools, as each shell words it
  ["dash: wget not found in nginx", "nginx", ["sh", "-c", "wget -qO- web"], allowed, { code: 127, stderr: "sh: 1: wget: not found\n" }],
  ["nginx has curl", "nginx", ["sh", "-c", "curl -s web"], allowed, { code: 0, stdout: "hello\n" }],
  ["ash: curl not found in busybox", "busybox", ["sh", "-c", "curl web"], allowed, { code: 127, stderr: "sh: curl: not found\n" }],
  ["bash: command not found", "nicolaka/netshoot", ["bash", "-c", "nope"], allowed, { code: 127, stderr: "bash: line 1: nope: command not found\n" }],
  ["curl image runs as curl_user", "curlimages/curl", ["id"], {}, { code: 0, stdout: "uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n" }],
  ["getent hosts (glibc)", "nginx", ["getent", "hosts", "web"], allowed, { code: 0, stdout: "10.96.12.3      web.default.svc.cluster.local\n" }],
  ["getent hosts unknown", "nginx", ["getent", "hosts", "nope"], allowed, { code: 2, stdout: "" }],
  // package managers: no mirror in the simulated world
  ["apk add in alpine", "alpine", ["apk", "add", "curl"], {}, { code: 1, stdout: /^fetch https:\/\/dl-cdn\.alpinelinux\.org\/alpine\/v3\.20\/main\/x86_64\/APKINDEX\.tar\.gz\n/, stderr: /WARNING: updating and opening https:\/\/dl-cdn\.alpinelinux\.org\/alpine\/v3\.20\/main: DNS lookup error\n[\s\S]*ERROR: unable to select packages:\n {2}curl \(no such package\):\n {4}required by: world\[curl\]\n$/ }],
  ["apt-get install in nginx", "nginx", ["apt-get", "install", "-y", "iputils-ping"], {}, { code: 100, stderr: "E: Unable to locate package iputils-ping\n" }],
  ["apt-get update in nginx", "nginx", ["apt-get", "update"], {}, { code: 0, stderr: /^W: Failed to fetch http:\/\/deb\.debian\.org\/debian\/dists\/bookworm\/InRelease {2}Temporary failure resolving 'deb\.debian\.org'\n/ }],
  ["busybox has no apk", "busybox", ["sh", "-c", "apk add curl"], {}, { code: 127, stderr: "sh: apk: not found\n" }],
  ["timeout around a dropped wget (busybox 143)", "busybox", ["timeout", "3", "wget", "-qO-", "web"], dropped, { code: 143, stderr: "" }],
];

test("network tools: output, errors and exit codes", async () => {
  const bad: string[] = [];
  await Promise.all(
    cases.map(async ([name, image, argv, scenario, want]) => {
      const got = await runIn(image, argv, scenario);
      const check = (field: "stdout" | "stderr", exp: string | RegExp | undefined) => {
        if (exp === undefined) return;
        const ok = typeof exp === "string" ? got[field] === exp : exp.test(got[field]);
        if (!ok) bad.push(`${name}: ${field} ${JSON.stringify(got[field])} does not match ${exp instanceof RegExp ? exp : JSON.stringify(exp)}`);
      };
      if (got.code !== want.code) bad.push(`${name}: exit ${got.code}, want ${want.code} (stderr ${JSON.stringify(got.stderr)})`);
      check("stdout", want.stdout);
      check("stderr", want.stderr);
      if (want.waitedMs !== undefined && got.waitedMs !== want.waitedMs) bad.push(`${name}: waited ${got.waitedMs} ms, want ${want.waitedMs}`);
    }),
  );
  assert.deepEqual(bad, []);
});

test("env: Kubernetes service variables and the container's env", async () => {
  const objects = [makeService("kubernetes", "10.96.0.1", [{ port: 443, name: "https" }]), makeService("web-svc", WEB, [{ port: 80, name: "http" }])];
  const got = await runIn("busybox", ["env"], {}, { objects });
  const want = ["KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443", "KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1", "WEB_SVC_SERVICE_HOST=10.96.12.3", "WEB_SVC_PORT_80_TCP=tcp://10.96.12.3:80", "HOSTNAME=client", "HOME=/root"];
  const lines = got.stdout.split("\n");
  assert.deepEqual(want.filter((w) => !lines.includes(w)), []);
  const noLinks = await runIn("busybox", ["env"], {}, { objects, pod: { ...(await import("../testkit")).makePod({ spec: { enableServiceLinks: false } }) } });
  assert.ok(noLinks.stdout.includes("KUBERNETES_SERVICE_HOST=10.96.0.1"), "kubernetes vars stay without service links");
  assert.ok(!noLinks.stdout.includes("WEB_SVC_SERVICE_HOST"), "enableServiceLinks: false drops the namespace's services");
});
