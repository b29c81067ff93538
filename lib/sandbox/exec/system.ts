// Everything a command inside one simulated container can see: its pod, image, hostname and IP,
// filesystem, environment, which executables exist, and the network (through the cluster's
// Network, with the pod as the source of every connection).
import type { Clock } from "../clock";
import type { Store } from "../store/store";
import type { K8sObject } from "../types";
import type { ImageProfile, ToolWithVariants } from "../images/types";
import type { Network, Source } from "../network/types";
import type { Runtime } from "../runtime/types";
import { ContainerFs } from "./fs";
import { containerEnv } from "./env";

export interface ContainerSystem {
  network: Network;
  clock: Clock;
  pod: K8sObject;
  container: any;
  profile: ImageProfile;
  namespace: string;
  hostname: string;
  podIP: string;
  nodeName: string;
  source: Source;
  fs: ContainerFs;
  /** The environment exec starts with. */
  env: Record<string, string>;
  /** Absolute path of an executable, or undefined when the image lacks it. */
  which(name: string): string | undefined;
  /** Which implementation of a tool this image ships (see ImageProfile.variants). */
  variant(tool: ToolWithVariants): string;
  libc: "musl" | "glibc";
  /** The main process's argv, for ps and /proc/1/cmdline. */
  mainArgv: string[];
  runtime?: Runtime;
}

export interface SystemDeps {
  store: Store;
  network: Network;
  clock: Clock;
  runtime?: Runtime;
}

const BIN_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** The pod's hostname as the kubelet sets it (spec.hostname, else the pod name). */
export const podHostname = (pod: K8sObject): string => pod.spec?.hostname ?? pod.metadata.name ?? "";

export function resolvConf(pod: K8sObject): string {
  const ns = pod.metadata.namespace ?? "default";
  const policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  const clusterFirst = policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && !pod.spec?.hostNetwork);
  let search: string[] = [];
  let servers: string[] = [];
  let options: string[] = [];
  if (clusterFirst) {
    search = [`${ns}.svc.cluster.local`, "svc.cluster.local", "cluster.local"];
    servers = ["10.96.0.10"];
    options = ["ndots:5"];
  } else if (policy !== "None") {
    // The node's own resolv.conf (a kind node's points at the container network's gateway).
    servers = ["10.89.0.1"];
  }
  const cfg = pod.spec?.dnsConfig;
  if (cfg) {
    servers = [...servers, ...(cfg.nameservers ?? [])];
    search = [...search, ...(cfg.searches ?? [])];
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      options = options.filter((x) => x.split(":")[0] !== o.name).concat(text);
    }
  }
  const lines: string[] = [];
  if (search.length) lines.push(`search ${search.join(" ")}`);
  for (const s of servers) lines.push(`nameserver ${s}`);
  if (options.length) lines.push(`options ${options.join(" ")}`);
  return lines.join("\n") + "\n";
}

/** The kubelet-managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
export function etcHosts(pod: K8sObject): string {
  const hostname = podHostname(pod);
  const ip = pod.status?.podIP ?? "";
  let s = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  if (pod.spec?.subdomain) s += `${ip}\t${hostname}.${pod.spec.subdomain}.${pod.metadata.namespace ?? "default"}.svc.cluster.local\t${hostname}\n`;
  else s += `${ip}\t${hostname}\n`;
  const aliases: any[] = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    s += "\n# Entries added by HostAliases.\n";
    for (const a of aliases) s += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  }
  return s;
}

export function buildSystem(
  deps: SystemDeps,
  pod: K8sObject,
  containerName: string,
  profile: ImageProfile,
  opts: { files?: Map<string, string>; tty?: boolean; mainArgv?: string[] } = {},
): ContainerSystem {
  const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === containerName) ?? { name: containerName };
  const hostname = podHostname(pod);
  const ns = pod.metadata.namespace ?? "default";
  const generated = new Map<string, string>([
    ["/etc/resolv.conf", resolvConf(pod)],
    ["/etc/hosts", etcHosts(pod)],
    ["/etc/hostname", `${hostname}\n`],
    ["/var/run/secrets/kubernetes.io/serviceaccount/namespace", ns],
    ["/dev/termination-log", ""],
  ]);
  if (profile.os) {
    generated.set("/etc/os-release", `PRETTY_NAME="${profile.os.prettyName}"\nNAME="${profile.os.prettyName.split(" ")[0]}"\nVERSION_ID="${profile.os.versionId}"\nID=${profile.os.id}\n`);
  }
  const mainArgv = opts.mainArgv ?? [];
  generated.set("/proc/1/cmdline", mainArgv.join("\0") + (mainArgv.length ? "\0" : ""));
  const dirs = ["/bin", "/dev", "/etc", "/home", "/lib", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/sbin", "/var", "/var/log", "/var/tmp", profile.workdir ?? "/"];
  const files = opts.files ?? new Map<string, string>();
  const tools = new Set(profile.tools);
  const busyboxBased = profile.shell === "ash";
  const which = (name: string): string | undefined => {
    if (name.includes("/")) {
      if (tools.has(name)) return name;
      const base = name.slice(name.lastIndexOf("/") + 1);
      const dir = name.slice(0, name.lastIndexOf("/")) || "/";
      return tools.has(base) && BIN_DIRS.includes(dir) ? name : undefined;
    }
    if (tools.has(name)) return busyboxBased ? `/bin/${name}` : `/usr/bin/${name}`;
    return undefined;
  };
  return {
    network: deps.network,
    clock: deps.clock,
    pod,
    container,
    profile,
    namespace: ns,
    hostname,
    podIP: pod.status?.podIP ?? "",
    nodeName: pod.spec?.nodeName ?? "",
    source: { pod },
    fs: new ContainerFs(generated, files, dirs),
    env: containerEnv(deps.store, pod, container, profile, hostname, { tty: opts.tty }),
    which,
    variant: (tool) => profile.variants?.[tool] ?? (busyboxBased ? "busybox" : "gnu"),
    libc: profile.libc ?? (busyboxBased ? "musl" : "glibc"),
    mainArgv,
    runtime: deps.runtime,
  };
}
