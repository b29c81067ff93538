// registry.k8s.io/e2e-test-images/agnhost: the Kubernetes e2e test image (ENTRYPOINT /agnhost,
// CMD pause; Alpine with bash, curl, bind-tools, netcat-openbsd, iproute2). Main-process
// subcommands as test/images/agnhost implements them:
//   netexec --http-port=8080 --udp-port=8081 [--sctp-port=N]: /hostname, /clientip, /echo?msg=,
//     /healthz, /exit?code=; UDP answers "hostname"/"echo x"/"clientip".
//   serve-hostname [--tcp] [--udp] [--sctp] [--http=true] [--port=9376]: answers the hostname.
//   porter: serves $SERVE_PORT_<n> on port n.    pause: does nothing.
// Anything else (connect, dns-suffix, ...) runs like exec runs it.
import type { ContainerContext, ContainerProcess, HttpRequest, HttpResponse, ImageProfile, Listener } from "./types";
import type { ImageRef } from "./ref";
import { ALPINE_BASE, OS } from "./userland";
import { effectiveArgv, expandRefs, mainSystem, nowLog, runCommand } from "./process";
import { ephemeralPort } from "../exec/tools/net";

/** Parses cobra/pflag style flags: --name=value, --name value, --bool. */
export function parseFlags(args: string[], bools: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    if (m[2] !== undefined) out.set(m[1], m[2]);
    else if (bools.includes(m[1])) out.set(m[1], "true");
    else out.set(m[1], args[++i] ?? "");
  }
  return out;
}

const text = (status: number, body: string, now: Date, statusText = status === 200 ? "OK" : status === 404 ? "Not Found" : ""): HttpResponse => ({
  status,
  statusText,
  headers: { Date: now.toUTCString(), "Content-Length": String(Buffer.byteLength(body)), "Content-Type": "text/plain; charset=utf-8" },
  body,
});

/** Go's fmt of time.Now(): "2026-11-27 06:30:00.123456789 +0000 UTC m=+12.345678901". */
function goNow(d: Date, startedMs: number): string {
  const iso = d.toISOString();
  const mono = ((d.getTime() - startedMs) / 1000).toFixed(9);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(d.getUTCMilliseconds()).padStart(3, "0")}000000 +0000 UTC m=+${mono}`;
}

function netexec(ctx: ContainerContext, flags: Map<string, string>): ContainerProcess {
  const httpPort = Number(flags.get("http-port") ?? 8080);
  const udpPort = Number(flags.get("udp-port") ?? 8081);
  const sctpPort = Number(flags.get("sctp-port") ?? -1);
  const listeners: Listener[] = [{ port: httpPort, protocol: "TCP", kind: "http" }];
  if (udpPort > 0) listeners.push({ port: udpPort, protocol: "UDP", kind: "udp" });
  if (sctpPort > 0) listeners.push({ port: sctpPort, protocol: "SCTP", kind: "sctp" });
  // /healthz answers 200 once the UDP or SCTP server runs, 412 when neither was asked for.
  const serverReady = udpPort !== -1 || sctpPort !== -1;
  const started = ctx.clock.now().getTime();
  let resolveDone: ((r: { code: number; reason?: string }) => void) | undefined;
  const done = new Promise<{ code: number; reason?: string }>((r) => (resolveDone = r));
  const t = () => nowLog(ctx.clock.now());
  const logs = [`${t()} Started HTTP server on port ${httpPort}`];
  if (udpPort !== -1) logs.push(`${t()} Started UDP server on port  ${udpPort}`);
  if (sctpPort !== -1) logs.push(`${t()} Started SCTP server`);
  const exit = (code: number) => ctx.clock.after(0, () => resolveDone?.({ code, reason: code === 0 ? "Completed" : "Error" }));
  return {
    listeners,
    startupLogs: logs,
    done,
    async handleHttp(_port, req: HttpRequest) {
      const now = ctx.clock.now();
      const [path, query = ""] = req.path.split("?");
      const params = new URLSearchParams(query);
      const log = (line: string) => ctx.log(`${nowLog(now)} ${line}`);
      switch (path) {
        case "/":
          log("GET /");
          return text(200, `NOW: ${goNow(now, started)}`, now);
        case "/hostname":
        case "/hostName":
          log(`GET ${path}`);
          return text(200, ctx.hostname, now);
        case "/clientip":
          log("GET /clientip");
          return text(200, `${req.clientIp}:${ephemeralPort(req.clientIp + path)}`, now);
        case "/echo": {
          const msg = params.get("msg") ?? "";
          const code = params.get("code") ?? "";
          log(`GET /echo?msg=${msg}&code=${code}`);
          return text(code && /^\d+$/.test(code) ? Number(code) : 200, msg, now, code ? "" : "OK");
        }
        case "/healthz":
          log("GET /healthz");
          return serverReady ? text(200, "", now) : text(412, "", now, "Precondition Failed");
        case "/exit": {
          const code = Number(params.get("code") || 0);
          log(`GET /exit?code=${params.get("code") ?? ""}&timeout=${params.get("timeout") ?? ""}&wait=${params.get("wait") ?? ""}`);
          exit(code);
          return text(200, "", now);
        }
        case "/shutdown":
          log("GET /shutdown");
          exit(0);
          return text(200, "", now);
        case "/dial":
          return dial(ctx, params, log, now);
        default:
          return text(404, "404 page not found\n", now, "Not Found");
      }
    },
  };
}

/**
 * netexec's /dial?host=&port=&request=hostname&protocol=http|udp&tries=N: dials from this pod and
 * reports {"responses":[...]} / {"errors":[...]} (used by the upstream Service e2e tests).
 */
async function dial(ctx: ContainerContext, params: URLSearchParams, log: (l: string) => void, now: Date): Promise<HttpResponse> {
  const host = params.get("host") ?? "";
  const port = Number(params.get("port") ?? 0);
  const request = params.get("request") ?? "";
  const protocol = (params.get("protocol") ?? "").toLowerCase() || "http";
  const tries = Number(params.get("tries") || 1);
  log(`GET /dial?host=${host}&protocol=${protocol}&port=${params.get("port") ?? ""}&request=${request}&tries=${params.get("tries") ?? ""}`);
  if (!request) return text(400, "request parameter not specified. <nil>\n", now, "Bad Request");
  if (!["http", "udp"].includes(protocol)) return text(400, `unsupported protocol. ${protocol}\n`, now, "Bad Request");
  const net = ctx.cluster?.network;
  if (!net) throw new Error("the kubelet must pass ContainerContext.cluster for netexec /dial");
  const from = { pod: ctx.pod };
  const responses: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < tries; i++) {
    if (protocol === "http") {
      const r = await net.http(from, host, port, { method: "GET", path: `/${request}`, host: `${host}:${port}`, headers: { "User-Agent": "Go-http-client/1.1", "Accept-Encoding": "gzip" }, clientIp: ctx.podIP });
      const url = `http://${host}:${port}/${request}`;
      if (r.response) responses.push(r.response.body);
      else if (r.connect.outcome === "refused") errors.push(`Get "${url}": dial tcp ${host}:${port}: connect: connection refused`);
      else {
        // The dialer's http.Client has a 5 s timeout.
        await ctx.clock.sleep(5000);
        errors.push(`Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
      }
    } else {
      const r = net.connect({ from, to: host, port, protocol: "UDP" });
      const target = r.target?.pod;
      if (r.outcome === "connected" && target) responses.push(request.toLowerCase() === "hostname" ? (target.spec?.hostname ?? target.metadata.name ?? "") : request.replace(/^echo /i, ""));
      else {
        // The UDP read deadline is 5 s.
        if (r.outcome !== "refused") await ctx.clock.sleep(5000);
        errors.push(`reading from udp connection failed. err:'read udp ${ctx.podIP}:${ephemeralPort(host)}->${host}:${port}: ${r.outcome === "refused" ? "read: connection refused" : "i/o timeout"}'`);
      }
    }
  }
  const out: Record<string, string[]> = {};
  if (responses.length) out.responses = responses;
  if (errors.length) out.errors = errors;
  return text(200, JSON.stringify(out), now);
}

/** serve-hostname: --http (default true) cannot be combined with the raw --tcp/--udp/--sctp modes. */
function serveHostname(ctx: ContainerContext, flags: Map<string, string>): ContainerProcess {
  const port = Number(flags.get("port") ?? 9376);
  const listeners: Listener[] = [];
  const on = (name: string, def: boolean) => (flags.has(name) ? flags.get(name) !== "false" : def);
  const raw = on("tcp", false) || on("udp", false) || on("sctp", false);
  if (on("http", true) && raw) {
    const end = { code: 1, reason: "Error" };
    return { listeners: [], startupLogs: [`${nowLog(ctx.clock.now())} Can't server TCP/UDP mode and HTTP mode at the same time`], exit: { ...end, afterMs: 0 }, done: Promise.resolve(end) };
  }
  if (on("http", true)) listeners.push({ port, protocol: "TCP", kind: "http" });
  if (on("tcp", false)) listeners.push({ port, protocol: "TCP", kind: "tcp" });
  if (on("udp", false)) listeners.push({ port, protocol: "UDP", kind: "udp" });
  if (on("sctp", false)) listeners.push({ port, protocol: "SCTP", kind: "sctp" });
  return {
    listeners,
    startupLogs: [`${nowLog(ctx.clock.now())} Serving on port ${port}.`],
    handleHttp: (_p, req) => {
      ctx.log(`${nowLog(ctx.clock.now())} HTTP request from ${req.clientIp}:${ephemeralPort(req.clientIp)}`);
      return text(200, ctx.hostname, ctx.clock.now());
    },
  };
}

function porter(ctx: ContainerContext, env: Record<string, string>): ContainerProcess {
  const listeners: Listener[] = [];
  const bodies = new Map<number, string>();
  for (const [k, v] of Object.entries(env)) {
    const m = /^SERVE_(TLS_)?PORT_(\d+)$/.exec(k);
    if (m) {
      listeners.push({ port: Number(m[2]), protocol: "TCP", kind: "http" });
      bodies.set(Number(m[2]), v);
    }
  }
  return {
    listeners,
    startupLogs: listeners.map((l) => `${nowLog(ctx.clock.now())} Serving on port ${l.port}`),
    handleHttp: (port) => text(200, bodies.get(port) ?? "", ctx.clock.now()),
  };
}

export function agnhostProfile(ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tools: [...ALPINE_BASE, "bash", "curl", "dig", "host", "/agnhost", "/agnhost-2"],
    shell: "ash",
    libc: "musl",
    variants: { nc: "openbsd", nslookup: "bind", ip: "iproute2" },
    digest: ref.tag === "2.47" ? "sha256:7e8bdd271312fd25fc5ff5a8f04727be84044eb3d7d8d03611972a6752e2e11e" : "sha256:b173c7d0ffe3d805d49f4dfe48375169b7b8d2e1feb81783efd61eb9d08042e6",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    os: OS.alpine,
    start(ctx) {
      const raw = effectiveArgv(ctx.container, ["/agnhost"], ["pause"]);
      const bin = raw[0]?.slice(raw[0].lastIndexOf("/") + 1);
      if (bin !== "agnhost" && bin !== "agnhost-2") return runCommand(ctx, profile, raw);
      const sys = mainSystem(ctx, profile, raw, new Map());
      const argv = expandRefs(raw, sys.env);
      const [sub, ...args] = argv.slice(1);
      switch (sub) {
        case "netexec":
          return netexec(ctx, parseFlags(args, []));
        case "serve-hostname":
          return serveHostname(ctx, parseFlags(args, ["tcp", "udp", "sctp", "http", "close", "exit-after"]));
        case "porter":
          return porter(ctx, sys.env);
        case "pause":
          return { listeners: [], startupLogs: ["Paused"] };
        default:
          return runCommand(ctx, profile, ["/agnhost", ...argv.slice(1)]);
      }
    },
  };
  return profile;
}
