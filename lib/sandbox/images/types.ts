// The contract of simulated containers. An image profile (images/*.ts) says what a container of
// that image does when it starts (serve on some ports, run a command and exit, crash), what it
// writes to its log, how it answers HTTP, and which tools `kubectl exec` finds inside it.
import type { Clock } from "../clock";
import type { K8sObject } from "../types";
import type { Protocol } from "../network/types";
import type { Cluster } from "../cluster";

export interface HttpRequest {
  method: string;
  /** Path with query, e.g. "/hostname?x=1". */
  path: string;
  /** Host header value as the client sent it. */
  host: string;
  headers: Record<string, string>;
  body?: string;
  /** The client's IP as the server sees it (after SNAT where the path has one). */
  clientIp: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface Listener {
  port: number;
  protocol: Protocol;
  /** "http" answers HTTP requests; "tcp"/"udp"/"sctp" only accept (or echo); "dns" answers DNS. */
  kind: "http" | "tcp" | "udp" | "sctp" | "dns";
}

/** What one running container is, as its image makes it. */
export interface ContainerProcess {
  listeners: Listener[];
  /** Answers an HTTP request that reached `port`. Absent for non-HTTP servers. */
  handleHttp?(port: number, req: HttpRequest): HttpResponse | Promise<HttpResponse>;
  /** When the main process ends by itself: its exit code and how long it runs first (sandbox ms). */
  exit?: { code: number; afterMs: number; reason?: string; message?: string };
  /** Lines written at start (stdout/stderr of the process), e.g. nginx's entrypoint messages. */
  startupLogs: string[];
  /**
   * (additive) Resolves when the main process ends by itself, for processes whose end is only known
   * by running them (a `sh -c` script, `sleep 5`). Statically known ends are also in `exit`.
   * Never resolves for servers and sleepers.
   */
  done?: Promise<{ code: number; reason?: string; message?: string }>;
  /** (additive) Kills the main process (pod deleted, container restarted): stops its timers and loops. */
  stop?(): void;
  /**
   * (additive, for the API's `attach`) Connects a `kubectl attach` / `kubectl run -i[t]` session to
   * the main process of a container started with `stdin: true`: the session's input becomes the
   * process's stdin (its end is end-of-file when `stdinOnce`), the process's output is sent to the
   * session as well as the log. Resolves when the session ends. Without it the API runs the
   * container's command as a separate session instead.
   */
  attach?(io: import("../exec/types").ExecIO): Promise<void>;
  /**
   * (additive) The container's writable filesystem layer: path → content. Exec reads and writes it
   * (`echo hi > /usr/share/nginx/html/index.html`), and servers read it (nginx serves from it).
   */
  files?: Map<string, string>;
}

export interface ContainerContext {
  pod: K8sObject;
  /** The container spec from pod.spec.containers[]. */
  container: any;
  clock: Clock;
  /** Appends a line to this container's log (`kubectl logs`). */
  log(line: string): void;
  /** The pod's hostname (pod name, or spec.hostname). */
  hostname: string;
  podIP: string;
  /**
   * (additive) The cluster, when the kubelet has it: a main process that is a shell script (a client
   * loop `while true; do wget -qO- web; sleep 1; done`) reaches the network through it.
   */
  cluster?: Cluster;
}

export interface ImageProfile {
  /** Canonical repository, e.g. "docker.io/library/nginx" or "registry.k8s.io/e2e-test-images/agnhost". */
  repository: string;
  /** Names exec can run inside the container (besides shell builtins); e.g. busybox's applets. */
  tools: string[];
  /** The shell at /bin/sh, when the image has one ("sh" = Debian's dash; "ash" = busybox ash). */
  shell?: "sh" | "bash" | "ash";
  /**
   * (additive) Which implementation provides a tool where images differ (busybox applets vs the
   * Debian/Alpine packages), e.g. { nc: "openbsd", nslookup: "bind" }. Absent = busybox's for
   * busybox-based images, the distribution's otherwise.
   */
  variants?: Partial<Record<ToolWithVariants, string>>;
  /** (additive) The C library, which decides resolver wording ("Name does not resolve" vs "Name or service not known"). */
  libc?: "musl" | "glibc";
  /** (additive) Working directory of exec sessions (the image's WORKDIR). */
  workdir?: string;
  /** (additive) PATH and other ENV of the image (docker inspect .Config.Env). */
  env?: Record<string, string>;
  /** (additive) The image's USER (docker inspect .Config.User); root when absent. */
  user?: { uid: number; gid: number; name: string; group: string };
  /** (additive) /etc/os-release PRETTY_NAME style identity, for `cat /etc/os-release` and uname. */
  os?: { id: string; prettyName: string; versionId: string };
  /** A sha256 digest shown as imageID. */
  digest: string;
  /** Starts the container's main process as its command/args (or the image's entrypoint) say. */
  start(ctx: ContainerContext): ContainerProcess;
}

/** (additive) Tools whose behaviour differs by which implementation an image ships. */
export type ToolWithVariants = "nc" | "nslookup" | "ping" | "ip" | "ps" | "wget" | "echo";
