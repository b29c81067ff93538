// The contract of simulated containers. An image profile (images/*.ts) says what a container of
// that image does when it starts (serve on some ports, run a command and exit, crash), what it
// writes to its log, how it answers HTTP, and which tools `kubectl exec` finds inside it.
import type { Clock } from "../clock";
import type { K8sObject } from "../types";
import type { Protocol } from "../network/types";

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
  exit?: { code: number; afterMs: number; reason?: string };
  /** Lines written at start (stdout/stderr of the process), e.g. nginx's entrypoint messages. */
  startupLogs: string[];
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
}

export interface ImageProfile {
  /** Canonical repository, e.g. "docker.io/library/nginx" or "registry.k8s.io/e2e-test-images/agnhost". */
  repository: string;
  /** Names exec can run inside the container (besides shell builtins); e.g. busybox's applets. */
  tools: string[];
  /** The shell at /bin/sh, when the image has one. */
  shell?: "sh" | "bash" | "ash";
  /** A sha256 digest shown as imageID. */
  digest: string;
  /** Starts the container's main process as its command/args (or the image's entrypoint) say. */
  start(ctx: ContainerContext): ContainerProcess;
}
