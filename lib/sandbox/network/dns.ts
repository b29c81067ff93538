// Name resolution as a pod's resolver and CoreDNS do it in a kind cluster (Corefile: `kubernetes
// cluster.local in-addr.arpa ip6.arpa { pods insecure; ttl 30 }`, `forward . /etc/resolv.conf`):
// the pod's resolv.conf (search path from its namespace, ndots:5, per dnsPolicy/dnsConfig), the
// query travelling to the kube-dns Service (10.96.0.10:53/UDP) and on to a CoreDNS pod through the
// same packet path as any other traffic (so NetworkPolicy can break DNS, and the lookup then times
// out), and CoreDNS's answers: Service A records, headless Services as endpoint IPs, ExternalName as
// CNAME, pod A records, SRV for named ports, PTR for Service and endpoint IPs, NXDOMAIN otherwise.
// Names outside cluster.local are forwarded upstream: the sandbox's small fixed outside world.
import type { ConnectRequest, ConnectResult, DnsAnswer, DnsResult, DnsType, Source } from "./types";
import type { EndpointInfo, PodInfo, ServiceInfo, Snapshot } from "./snapshot";
import { fromReverseName, isIPv4 } from "./ip";
import { outsideNames, publicResolvers } from "./outside";

export const clusterDomain = "cluster.local";
export const clusterDnsFallbackIP = "10.96.0.10";
const clusterTtl = 30;
const outsideTtl = 300;

/** What a pod's /etc/resolv.conf says (the kubelet writes it from dnsPolicy and dnsConfig). */
export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  ndots: number;
  /** Whether the first nameserver is the cluster DNS (CoreDNS) or a resolver that only knows outside names. */
  cluster: boolean;
}

export function kubeDnsIP(snap: Snapshot): string {
  return snap.serviceByKey.get("kube-system/kube-dns")?.clusterIPs[0] ?? clusterDnsFallbackIP;
}

/** resolv.conf for a source; `gateway` is the nodes' resolver (the host of the node network). */
export function resolvConfFor(snap: Snapshot, from: Source, pod: PodInfo | undefined, gateway: string | undefined): ResolvConf {
  const nodeConf: ResolvConf = { nameservers: gateway ? [gateway] : [], searches: [], ndots: 1, cluster: false };
  if (!("pod" in from) || !pod) return nodeConf;
  const spec = pod.obj.spec ?? {};
  const policy: string = spec.dnsPolicy ?? "ClusterFirst";
  const cfg = spec.dnsConfig ?? {};
  const ndotsOpt = (cfg.options ?? []).find((o: any) => o.name === "ndots");
  const withConfig = (base: ResolvConf): ResolvConf => ({
    nameservers: [...base.nameservers, ...(cfg.nameservers ?? [])].slice(0, 3),
    searches: [...base.searches, ...(cfg.searches ?? [])].slice(0, 32),
    ndots: ndotsOpt?.value !== undefined && /^\d+$/.test(String(ndotsOpt.value)) ? Number(ndotsOpt.value) : base.ndots,
    cluster: base.cluster,
  });
  const clusterFirst = policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && !pod.hostNetwork);
  if (policy === "None") return withConfig({ nameservers: [], searches: [], ndots: 1, cluster: false });
  if (!clusterFirst) return withConfig(nodeConf);
  const searches = [`${pod.ns}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain];
  return withConfig({ nameservers: [kubeDnsIP(snap)], searches, ndots: 5, cluster: true });
}

/** The names a resolver tries, in order (glibc/musl: search list first when dots < ndots). */
export function searchExpansion(name: string, conf: Pick<ResolvConf, "searches" | "ndots">): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1).toLowerCase()];
  const bare = name.toLowerCase();
  const dots = (bare.match(/\./g) ?? []).length;
  const viaSearch = conf.searches.map((s) => `${bare}.${s}`);
  return dots >= conf.ndots ? [bare, ...viaSearch] : [...viaSearch, bare];
}

interface Lookup {
  rcode: "NOERROR" | "NXDOMAIN";
  answers: DnsAnswer[];
}

const nx: Lookup = { rcode: "NXDOMAIN", answers: [] };
const dashed = (ip: string): string => ip.replace(/\./g, "-");
const undashed = (label: string): string | undefined => {
  const ip = label.replace(/-/g, ".");
  return /^\d+-\d+-\d+-\d+$/.test(label) && isIPv4(ip) ? ip : undefined;
};

/** Endpoints CoreDNS publishes for a Service: ready ones (all of them with publishNotReadyAddresses). */
function publishedEndpoints(snap: Snapshot, svc: ServiceInfo): EndpointInfo[] {
  const all = snap.endpointsByService.get(svc.key) ?? [];
  const list = svc.publishNotReadyAddresses ? all : all.filter((e) => e.ready);
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(e.ip) && seen.add(e.ip)).sort((a, b) => a.ip.localeCompare(b.ip, "en", { numeric: true }));
}

/** The DNS label of an endpoint under a headless Service: its hostname (pod hostname+subdomain) or dashed IP. */
function endpointLabel(snap: Snapshot, svc: ServiceInfo, ep: EndpointInfo): string {
  if (ep.hostname) return ep.hostname;
  const pod = ep.pod;
  if (pod?.obj.spec?.hostname && pod.obj.spec?.subdomain === svc.name) return pod.obj.spec.hostname;
  return dashed(ep.ip);
}

function outsideLookup(fqdn: string, type: DnsType): Lookup {
  const ip = outsideNames.get(fqdn);
  if (!ip) return nx;
  if (type === "A" || type === "ANY") return { rcode: "NOERROR", answers: [{ name: fqdn, type: "A", ttl: outsideTtl, data: ip }] };
  return { rcode: "NOERROR", answers: [] };
}

function serviceRecords(snap: Snapshot, svc: ServiceInfo, fqdn: string, type: DnsType): Lookup {
  if (svc.type === "ExternalName" && svc.externalName) {
    const target = svc.externalName.replace(/\.$/, "").toLowerCase();
    const cname: DnsAnswer = { name: fqdn, type: "CNAME", ttl: clusterTtl, data: target };
    if (type === "CNAME") return { rcode: "NOERROR", answers: [cname] };
    // CoreDNS also resolves the CNAME target (upstream) when it can, for A queries.
    const chased = type === "A" || type === "ANY" ? outsideLookup(target, "A").answers : [];
    return { rcode: "NOERROR", answers: [cname, ...chased] };
  }
  if (type === "SRV") {
    const answers: DnsAnswer[] = [];
    for (const p of svc.ports) answers.push(...srvFor(snap, svc, p.name, p.port, fqdn));
    return { rcode: "NOERROR", answers };
  }
  if (type !== "A" && type !== "ANY") return { rcode: "NOERROR", answers: [] };
  if (svc.headless) {
    const eps = publishedEndpoints(snap, svc);
    // A headless Service without published endpoints has no records at all.
    if (!eps.length) return nx;
    return { rcode: "NOERROR", answers: eps.map((e) => ({ name: fqdn, type: "A" as const, ttl: clusterTtl, data: e.ip })) };
  }
  return { rcode: "NOERROR", answers: svc.clusterIPs.map((ip) => ({ name: fqdn, type: "A" as const, ttl: clusterTtl, data: ip })) };
}

/** SRV records for one Service port ("priority weight port target", CoreDNS style). */
function srvFor(snap: Snapshot, svc: ServiceInfo, portName: string, port: number, name: string): DnsAnswer[] {
  const svcFqdn = `${svc.name}.${svc.ns}.svc.${clusterDomain}`;
  if (!svc.headless) return [{ name, type: "SRV", ttl: clusterTtl, data: `0 100 ${port} ${svcFqdn}` }];
  const eps = publishedEndpoints(snap, svc);
  const weight = eps.length ? Math.floor(100 / eps.length) : 100;
  return eps.map((e) => {
    const epPort = e.ports.find((p) => p.name === portName)?.port ?? port;
    return { name, type: "SRV" as const, ttl: clusterTtl, data: `0 ${weight} ${epPort} ${endpointLabel(snap, svc, e)}.${svcFqdn}` };
  });
}

function clusterLookup(snap: Snapshot, fqdn: string, type: DnsType): Lookup {
  const rel = fqdn === clusterDomain ? "" : fqdn.slice(0, -(clusterDomain.length + 1));
  const labels = rel ? rel.split(".") : [];
  const kind = labels[labels.length - 1];
  if (kind === "pod" && labels.length === 3) {
    // `pods insecure`: any dashed IPv4 under an existing namespace answers with that IP, unchecked.
    const ip = undashed(labels[0]);
    if (!ip || !snap.namespaceLabels.has(labels[1])) return nx;
    return type === "A" || type === "ANY" ? { rcode: "NOERROR", answers: [{ name: fqdn, type: "A", ttl: clusterTtl, data: ip }] } : { rcode: "NOERROR", answers: [] };
  }
  if (kind !== "svc") return nx;
  if (labels.length === 3) {
    const svc = snap.serviceByKey.get(`${labels[1]}/${labels[0]}`);
    return svc ? serviceRecords(snap, svc, fqdn, type) : nx;
  }
  if (labels.length === 4) {
    // <hostname or dashed-ip>.<headless service>.<ns>.svc.cluster.local
    const svc = snap.serviceByKey.get(`${labels[2]}/${labels[1]}`);
    if (!svc || !svc.headless) return nx;
    const eps = publishedEndpoints(snap, svc).filter((e) => endpointLabel(snap, svc, e) === labels[0] || dashed(e.ip) === labels[0]);
    if (!eps.length) return nx;
    return type === "A" || type === "ANY" ? { rcode: "NOERROR", answers: eps.map((e) => ({ name: fqdn, type: "A" as const, ttl: clusterTtl, data: e.ip })) } : { rcode: "NOERROR", answers: [] };
  }
  if (labels.length === 5 && labels[0].startsWith("_") && labels[1].startsWith("_")) {
    // _<port name>._<protocol>.<service>.<ns>.svc.cluster.local: only named ports have SRV records.
    const svc = snap.serviceByKey.get(`${labels[3]}/${labels[2]}`);
    if (!svc) return nx;
    const portName = labels[0].slice(1);
    const proto = labels[1].slice(1).toUpperCase();
    const port = svc.ports.find((p) => p.name && p.name === portName && p.protocol === proto);
    if (!port) return nx;
    return type === "SRV" || type === "ANY" ? { rcode: "NOERROR", answers: srvFor(snap, svc, port.name, port.port, fqdn) } : { rcode: "NOERROR", answers: [] };
  }
  return nx;
}

function reverseLookup(snap: Snapshot, fqdn: string, type: DnsType): Lookup {
  const ip = fromReverseName(fqdn);
  if (!ip) return nx;
  const ptr = (target: string): Lookup =>
    type === "PTR" || type === "ANY" ? { rcode: "NOERROR", answers: [{ name: fqdn, type: "PTR", ttl: clusterTtl, data: target }] } : { rcode: "NOERROR", answers: [] };
  const svc = snap.serviceByClusterIP.get(ip);
  if (svc) return ptr(`${svc.name}.${svc.ns}.svc.${clusterDomain}`);
  for (const s of snap.services) {
    const ep = (snap.endpointsByService.get(s.key) ?? []).find((e) => e.ip === ip);
    if (ep) return ptr(`${endpointLabel(snap, s, ep)}.${s.name}.${s.ns}.svc.${clusterDomain}`);
  }
  return nx;
}

/** What the server at the end of the query answers for one fully-qualified name. */
export function answer(snap: Snapshot, fqdn: string, type: DnsType, clusterServer: boolean): Lookup {
  if (clusterServer) {
    if (fqdn === clusterDomain || fqdn.endsWith(`.${clusterDomain}`)) return clusterLookup(snap, fqdn, type);
    if (fqdn.endsWith(".in-addr.arpa")) return reverseLookup(snap, fqdn, type);
  }
  return outsideLookup(fqdn, type);
}

export interface DnsDeps {
  snapshot(): Snapshot;
  connect(req: ConnectRequest): ConnectResult;
  gateway(snap: Snapshot): string | undefined;
  podOf(snap: Snapshot, from: Source): PodInfo | undefined;
}

/**
 * A lookup from a source, as its resolver does it: expand the name with the search path, send
 * each query to the first nameserver (through the packet path), stop at the first name that
 * exists. `server` overrides the nameserver (nslookup NAME SERVER, dig @SERVER).
 */
export function resolve(deps: DnsDeps, from: Source, name: string, type: DnsType = "A", server?: string): DnsResult {
  const snap = deps.snapshot();
  const pod = deps.podOf(snap, from);
  const conf = resolvConfFor(snap, from, pod, deps.gateway(snap));
  const ns = server ?? conf.nameservers[0];
  // A PTR query for a bare IP is asked as its in-addr.arpa name.
  const names = type === "PTR" && isIPv4(name) ? [name.split(".").reverse().join(".") + ".in-addr.arpa"] : searchExpansion(name, conf);
  if (!ns) return { rcode: "SERVFAIL", name: names[0] ?? name, answers: [], server: "", tried: [] };
  const transport = deps.connect({ from, to: ns, port: 53, protocol: "UDP" });
  if (transport.outcome !== "connected") return { rcode: "timeout", name: names[0] ?? name, answers: [], server: ns, tried: names, transport };
  const clusterServer = ns === kubeDnsIP(snap) || transport.target?.pod?.metadata.labels?.["k8s-app"] === "kube-dns";
  if (!clusterServer && !publicResolvers.has(ns) && ns !== deps.gateway(snap)) {
    // Something accepted UDP 53 but it is not a DNS server the sandbox knows: no answer comes back.
    return { rcode: "timeout", name: names[0] ?? name, answers: [], server: ns, tried: names, transport };
  }
  const tried: string[] = [];
  for (const fqdn of names) {
    tried.push(fqdn);
    const r = answer(snap, fqdn, type, clusterServer);
    if (r.rcode === "NOERROR") return { rcode: "NOERROR", name: fqdn, answers: r.answers, server: ns, tried };
  }
  return { rcode: "NXDOMAIN", name: tried[tried.length - 1] ?? name, answers: [], server: ns, tried };
}
