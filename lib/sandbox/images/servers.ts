// Small single-binary servers (scratch/distroless images: no shell, no tools, so `kubectl exec`
// of anything fails with "executable file not found"):
//   hashicorp/http-echo  -text=... -listen=:5678 -status-code=200 (v1.0: text defaults to "hello-world")
//   traefik/whoami       port 80 (--port / WHOAMI_PORT_NUMBER): Hostname, IP, RemoteAddr, request line, headers
//   registry.k8s.io/pause  does nothing, forever
// and two common Debian-based servers that accept connections on their port: redis (6379) and
// postgres (5432, which refuses to start without POSTGRES_PASSWORD, exactly as its entrypoint does).
import type { ContainerContext, ContainerProcess, HttpResponse, ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { DEBIAN_BASE, DEBIAN_PATH, OS } from "./userland";
import { effectiveArgv, expandRefs, mainSystem, nowLog, runCommand, startError } from "./process";
import { parseFlags } from "./agnhost";
import { ephemeralPort } from "../exec/tools/net";

function binaryOnly(argv: string[], bin: string): boolean {
  return argv[0] === bin || argv[0] === bin.replace(/^\//, "");
}

export function httpEchoProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/hashicorp/http-echo",
    tools: [],
    digest: "sha256:fcb75f691c8b0414d670ae570240cbf95502cc18a9ba57e982ecac589760a186",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    start(ctx: ContainerContext): ContainerProcess {
      const argv = effectiveArgv(ctx.container, ["/http-echo"], []);
      if (!binaryOnly(argv, "/http-echo")) return startError(argv[0] ?? "");
      const sys = mainSystem(ctx, profile, argv, new Map());
      const flags = parseFlags(expandRefs(argv.slice(1), sys.env), []);
      const body = `${flags.get("text") ?? sys.env.ECHO_TEXT ?? "hello-world"}\n`;
      const listen = flags.get("listen") ?? `:${sys.env.PORT ?? 5678}`;
      const port = Number(listen.split(":").pop());
      const status = Number(flags.get("status-code") ?? 200);
      return {
        listeners: [{ port, protocol: "TCP", kind: "http" }],
        startupLogs: [`${nowLog(ctx.clock.now())} [INFO] server is listening on ${listen}`],
        handleHttp(_p, req): HttpResponse {
          const now = ctx.clock.now();
          const ua = Object.entries(req.headers).find(([k]) => k.toLowerCase() === "user-agent")?.[1] ?? "";
          ctx.log(`${nowLog(now)} ${req.host} ${req.clientIp}:${ephemeralPort(req.clientIp)} "${req.method} ${req.path} HTTP/1.1" ${status} ${Buffer.byteLength(body)} "${ua}" 21.734µs`);
          if (req.path === "/health") return { status: 200, statusText: "OK", headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Length": "16" }, body: '{"status":"ok"}\n' };
          return { status, statusText: status === 200 ? "OK" : "", headers: { "X-App-Name": "http-echo", "X-App-Version": "1.0.0", Date: now.toUTCString(), "Content-Length": String(Buffer.byteLength(body)), "Content-Type": "text/plain; charset=utf-8" }, body };
        },
      };
    },
  };
  return profile;
}

export function whoamiProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/traefik/whoami",
    tools: [],
    digest: "sha256:43a68d10b9dfcfc3ffbfe4dd42100dc9aeaf29b3a5636c856337a5940f1b4f1c",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    start(ctx: ContainerContext): ContainerProcess {
      const argv = effectiveArgv(ctx.container, ["/whoami"], []);
      if (!binaryOnly(argv, "/whoami")) return startError(argv[0] ?? "");
      const sys = mainSystem(ctx, profile, argv, new Map());
      const flags = parseFlags(expandRefs(argv.slice(1), sys.env), ["verbose"]);
      const port = Number(flags.get("port") ?? sys.env.WHOAMI_PORT_NUMBER ?? 80);
      return {
        listeners: [{ port, protocol: "TCP", kind: "http" }],
        startupLogs: [`${nowLog(ctx.clock.now())} Starting up on port ${port}`],
        handleHttp(_p, req) {
          const headers = Object.entries(req.headers)
            .filter(([k]) => k.toLowerCase() !== "host")
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join("");
          const body = `Hostname: ${ctx.hostname}\r\nIP: 127.0.0.1\r\nIP: ::1\r\nIP: ${ctx.podIP}\r\nRemoteAddr: ${req.clientIp}:${ephemeralPort(req.clientIp)}\r\n${req.method} ${req.path} HTTP/1.1\r\nHost: ${req.host}\r\n${headers}\r\n`;
          return { status: 200, statusText: "OK", headers: { Date: ctx.clock.now().toUTCString(), "Content-Length": String(Buffer.byteLength(body)), "Content-Type": "text/plain; charset=utf-8" }, body };
        },
      };
    },
  };
  return profile;
}

export function pauseProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "registry.k8s.io/pause",
    tools: [],
    digest: "sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a",
    start(ctx) {
      const argv = effectiveArgv(ctx.container, ["/pause"], []);
      if (!binaryOnly(argv, "/pause")) return startError(argv[0] ?? "");
      return { listeners: [], startupLogs: [] };
    },
  };
  return profile;
}

export function redisProfile(ref: ImageRef): ImageProfile {
  const version = /^\d+\.\d+\.\d+/.exec(ref.tag ?? "")?.[0] ?? "7.4.1";
  const profile: ImageProfile = {
    repository: "docker.io/library/redis",
    tools: [...DEBIAN_BASE],
    shell: "sh",
    libc: "glibc",
    digest: "sha256:a06cea905344470eb49c972f3d030e22f28f632c1b4f43bbe4a26a4329dd6be5",
    env: { PATH: DEBIAN_PATH, REDIS_VERSION: version },
    workdir: "/data",
    os: OS.debian,
    start(ctx) {
      const argv = effectiveArgv(ctx.container, ["docker-entrypoint.sh"], ["redis-server"]);
      const rest = argv[0] === "docker-entrypoint.sh" ? argv.slice(1) : argv;
      if (rest[0] !== "redis-server") return runCommand(ctx, profile, rest);
      const port = Number(parseFlags(rest.slice(1), ["protected-mode"]).get("port") ?? 6379);
      const d = ctx.clock.now();
      const t = `${d.getUTCDate()} ${d.toUTCString().split(" ")[2]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
      return {
        listeners: [{ port, protocol: "TCP", kind: "tcp" }],
        startupLogs: [
          `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
          `1:C ${t} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
          `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
          `1:M ${t} * monotonic clock: POSIX clock_gettime`,
          `1:M ${t} * Running mode=standalone, port=${port}.`,
          `1:M ${t} * Server initialized`,
          `1:M ${t} * Ready to accept connections tcp`,
        ],
      };
    },
  };
  return profile;
}

export function postgresProfile(ref: ImageRef): ImageProfile {
  const major = /^\d+/.exec(ref.tag ?? "")?.[0] ?? "17";
  const profile: ImageProfile = {
    repository: "docker.io/library/postgres",
    tools: [...DEBIAN_BASE],
    shell: "sh",
    libc: "glibc",
    digest: "sha256:888402a8cd6075c5dc83a31f58287f13306c318eaad016661ed12e076f3e6341",
    env: { PATH: `/usr/lib/postgresql/${major}/bin:${DEBIAN_PATH}`, PG_MAJOR: major, PGDATA: "/var/lib/postgresql/data" },
    os: OS.debian,
    start(ctx) {
      const argv = effectiveArgv(ctx.container, ["docker-entrypoint.sh"], ["postgres"]);
      const rest = argv[0] === "docker-entrypoint.sh" ? argv.slice(1) : argv;
      if (rest[0] !== "postgres") return runCommand(ctx, profile, rest);
      const sys = mainSystem(ctx, profile, argv, new Map());
      if (!sys.env.POSTGRES_PASSWORD && sys.env.POSTGRES_HOST_AUTH_METHOD !== "trust") {
        const lines = [
          "Error: Database is uninitialized and superuser password is not specified.",
          "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          "",
          "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all",
          "       connections without a password. This is *not* recommended.",
          "",
          "       See PostgreSQL documentation about \"trust\":",
          "       https://www.postgresql.org/docs/current/auth-trust.html",
        ];
        return { listeners: [], startupLogs: lines, exit: { code: 1, afterMs: 0, reason: "Error" }, done: Promise.resolve({ code: 1, reason: "Error" }) };
      }
      const t = `${ctx.clock.now().toISOString().replace("T", " ").slice(0, 23)} UTC`;
      return {
        listeners: [{ port: 5432, protocol: "TCP", kind: "tcp" }],
        startupLogs: [
          `${t} [1] LOG:  starting PostgreSQL ${major}.2 (Debian ${major}.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
          `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
          `${t} [1] LOG:  listening on IPv6 address "::", port 5432`,
          `${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
          `${t} [1] LOG:  database system is ready to accept connections`,
        ],
      };
    },
  };
  return profile;
}
