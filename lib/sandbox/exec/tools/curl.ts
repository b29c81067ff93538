// curl 8.x (curlimages/curl, netshoot, the nginx image's Debian curl): the options labs use and
// curl's own error lines and exit codes (https://curl.se/libcurl/c/libcurl-errors.html):
//   curl: (6) Could not resolve host: web
//   curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server
//   curl: (28) Failed to connect to web port 80 after 2002 ms: Timeout was reached
//   curl: (28) Resolving timed out after 2000 milliseconds
//   curl: (22) The requested URL returned error: 404
// -s hides errors unless -S; -w '%{http_code}' prints 000 when nothing answered.
import type { Tool, ToolContext } from "./types";
import { fetchHttp, isIPv4, lookupHost, parseUrl, resolverTimeoutMs, KERNEL_CONNECT_TIMEOUT_MS, ephemeralPort } from "./net";
import { resolvePath } from "../fs";
import type { HttpResponse } from "../../images/types";

export const CURL_VERSION = "8.11.1";

interface Opts {
  silent: boolean;
  showError: boolean;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  head: boolean;
  include: boolean;
  output?: string;
  remoteName: boolean;
  writeOut?: string;
  verbose: boolean;
  headers: Record<string, string>;
  method?: string;
  data?: string;
  follow: boolean;
  fail: boolean;
  resolve: Map<string, string>;
  userAgent: string;
  urls: string[];
}

const WITH_ARG = new Set(["m", "o", "w", "H", "X", "d", "A", "u", "e", "b", "c", "x", "r", "T", "F", "K", "D", "E", "Y", "y", "z", "C", "P", "Q", "t"]);

function parseArgs(argv: string[]): Opts | { error: string; code: number } {
  const o: Opts = { silent: false, showError: false, head: false, include: false, remoteName: false, verbose: false, headers: {}, follow: false, fail: false, resolve: new Map(), userAgent: `curl/${CURL_VERSION}`, urls: [] };
  const secs = (v: string | undefined, opt: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw { error: `curl: option ${opt}: expected a proper numerical parameter\ncurl: try 'curl --help' for more information\n`, code: 2 };
    return Math.round(n * 1000);
  };
  const apply = (name: string, val: () => string | undefined, display: string) => {
    switch (name) {
      case "s": case "silent": o.silent = true; break;
      case "S": case "show-error": o.showError = true; break;
      case "m": case "max-time": o.maxTimeMs = secs(val(), display); break;
      case "connect-timeout": o.connectTimeoutMs = secs(val(), display); break;
      case "I": case "head": o.head = true; break;
      case "i": case "include": o.include = true; break;
      case "o": case "output": o.output = val(); break;
      case "O": case "remote-name": o.remoteName = true; break;
      case "w": case "write-out": o.writeOut = val(); break;
      case "v": case "verbose": o.verbose = true; break;
      case "H": case "header": {
        const h = val() ?? "";
        const c = h.indexOf(":");
        if (c > 0) o.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
        break;
      }
      case "X": case "request": o.method = val(); break;
      case "d": case "data": case "data-raw": case "data-binary": o.data = (o.data ? `${o.data}&` : "") + (val() ?? ""); break;
      case "A": case "user-agent": o.userAgent = val() ?? ""; break;
      case "L": case "location": o.follow = true; break;
      case "f": case "fail": o.fail = true; break;
      case "resolve": {
        const v = val() ?? "";
        const [host, port, addr] = v.split(":");
        if (host && port && addr) o.resolve.set(`${host}:${port}`, addr.replace(/^\[|\]$/g, ""));
        break;
      }
      case "k": case "insecure": case "4": case "ipv4": case "http1.1": case "compressed": case "no-keepalive": case "sS": case "fail-early": case "no-progress-meter": case "N": case "no-buffer":
        break;
      case "retry": case "u": case "user": case "e": case "referer": case "b": case "cookie": case "x": case "proxy": val(); break;
      default:
        throw { error: `curl: option ${display}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, code: 2 };
    }
  };
  try {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
        apply(name, () => (eq > 0 ? a.slice(eq + 1) : argv[++i]), a);
      } else if (a.startsWith("-") && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const f = a[j];
          if (WITH_ARG.has(f)) {
            const rest = a.slice(j + 1);
            apply(f, () => (rest ? rest : argv[++i]), `-${f}`);
            break;
          }
          apply(f, () => undefined, `-${f}`);
        }
      } else o.urls.push(a);
    }
  } catch (e: any) {
    if (e && typeof e.error === "string") return e;
    throw e;
  }
  // Bare `curl` prints only the hint; options without a URL say so first (curl 8.x).
  if (o.urls.length === 0) return { error: `${argv.length > 1 ? "curl: no URL specified\n" : ""}curl: try 'curl --help' or 'curl --manual' for more information\n`, code: 2 };
  return o;
}

function writeOut(fmt: string, vars: Record<string, string>): string {
  return fmt
    .replace(/%\{([a-z_]+)\}/g, (all, name) => (name in vars ? vars[name] : all === "%{json}" ? "{}" : ""))
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t")
    .replace(/\\r/g, "\r");
}

export const curl: Tool = async (ctx: ToolContext) => {
  const { sys, signal } = ctx;
  const o = parseArgs(ctx.argv);
  if ("error" in o) {
    ctx.stderr.write(o.error);
    return o.code;
  }
  const showErr = !o.silent || o.showError;
  const vars: Record<string, string> = { http_code: "000", response_code: "000", remote_ip: "", remote_port: "", size_download: "0", time_total: "0.000000", time_connect: "0.000000", time_namelookup: "0.000000", url_effective: "", content_type: "", num_redirects: "0", exitcode: "0", errormsg: "" };
  const verbose = (s: string) => {
    if (o.verbose) ctx.stderr.write(s);
  };
  const finish = (code: number, msg?: string): number => {
    vars.exitcode = String(code);
    if (msg) {
      vars.errormsg = msg;
      verbose(`* ${msg}\n`);
      if (showErr) ctx.stderr.write(`curl: (${code}) ${msg}\n`);
    }
    if (o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, vars));
    return code;
  };

  let code = 0;
  for (let raw of o.urls) {
    let redirects = 0;
    for (;;) {
      const url = parseUrl(raw);
      vars.url_effective = raw;
      if (!url) return finish(3, `URL rejected: Malformed input to a URL function`);
      if (!["http", "https"].includes(url.scheme)) return finish(1, `Protocol "${url.scheme}" not supported`);
      const deadline = o.maxTimeMs;
      let ip = o.resolve.get(`${url.host}:${url.port}`);
      const elapsed = 0;
      if (!ip) {
        const look = await lookupHost(sys, url.host, signal, { maxWaitMs: deadline });
        if (!look.ok) {
          if (look.error === "aborted") return 130;
          if (look.error === "timeout" && deadline !== undefined && deadline < resolverTimeoutMs(sys, "libc")) return finish(28, `Resolving timed out after ${deadline} milliseconds`);
          return finish(6, `Could not resolve host: ${url.host}`);
        }
        ip = look.ips[0];
      } else verbose(`* Added ${url.host}:${url.port}:${ip} to DNS cache\n`);
      if (!isIPv4(url.host)) verbose(`* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`);
      verbose(`*   Trying ${ip}:${url.port}...\n`);
      const connectLimit = [o.connectTimeoutMs, deadline].filter((x): x is number => x !== undefined).reduce((a, b) => Math.min(a, b), Infinity);
      const method = o.method ?? (o.head ? "HEAD" : o.data !== undefined ? "POST" : "GET");
      const headers: Record<string, string> = { Host: url.hostHeader, "User-Agent": o.userAgent, Accept: "*/*", ...o.headers };
      if (o.data !== undefined) {
        headers["Content-Length"] = String(Buffer.byteLength(o.data));
        headers["Content-Type"] ??= "application/x-www-form-urlencoded";
      }
      const res = await fetchHttp(sys, ip, url.port, { method, path: url.path, host: url.hostHeader, headers, body: o.data }, Number.isFinite(connectLimit) ? connectLimit : undefined, signal);
      if (res.outcome === "aborted") return 130;
      vars.remote_ip = ip;
      vars.remote_port = String(url.port);
      if (res.outcome === "refused") {
        verbose(`* connect to ${ip} port ${url.port} from ${sys.podIP} port ${ephemeralPort(`${ip}:${url.port}`)} failed: Connection refused\n`);
        return finish(7, `Failed to connect to ${url.host} port ${url.port} after ${elapsed} ms: Couldn't connect to server`);
      }
      if (res.outcome === "timeout") {
        const waited = Math.min(Number.isFinite(connectLimit) ? connectLimit : KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS) + 2;
        vars.time_total = (waited / 1000).toFixed(6);
        return finish(28, `Failed to connect to ${url.host} port ${url.port} after ${waited} ms: Timeout was reached`);
      }
      verbose(`* Connected to ${url.host} (${ip}) port ${url.port}\n* using HTTP/1.x\n`);
      verbose(`> ${method} ${url.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `> ${k}: ${v}\r\n`).join("")}> \r\n`);
      if (o.data !== undefined) verbose(`* upload completely sent off: ${Buffer.byteLength(o.data)} bytes\n`);
      else verbose("* Request completely sent off\n");
      const resp: HttpResponse | undefined = res.http?.response;
      if (!resp) return finish(52, "Empty reply from server");
      vars.http_code = vars.response_code = String(resp.status).padStart(3, "0");
      vars.content_type = resp.headers["Content-Type"] ?? "";
      vars.time_total = "0.002000";
      vars.time_connect = "0.001000";
      const head = `HTTP/1.1 ${resp.status} ${resp.statusText}\r\n${Object.entries(resp.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
      verbose(head.split("\r\n").slice(0, -1).map((l) => `< ${l}\r\n`).join(""));
      const location = Object.entries(resp.headers).find(([k]) => k.toLowerCase() === "location")?.[1];
      if (o.follow && location && resp.status >= 300 && resp.status < 400 && redirects < 50) {
        redirects++;
        vars.num_redirects = String(redirects);
        verbose(`* Ignoring the response-body\n* Connection #0 to host ${url.host} left intact\n* Issue another request to this URL: '${location}'\n`);
        raw = location.startsWith("/") ? `${url.scheme}://${url.hostHeader}${location}` : location;
        continue;
      }
      if (o.fail && resp.status >= 400) return finish(22, `The requested URL returned error: ${resp.status}`);
      const body = method === "HEAD" ? "" : resp.body;
      vars.size_download = String(Buffer.byteLength(body));
      const out = (o.head || o.include ? head : "") + body;
      const file = o.output ?? (o.remoteName ? url.path.split("/").pop() || "index.html" : undefined);
      if (file !== undefined && file !== "-") {
        if (!sys.fs.write(resolvePath(ctx.cwd, file), out)) return finish(23, `Failure writing output to destination, passed ${Buffer.byteLength(out)} returned 0`);
      } else ctx.stdout.write(out);
      verbose(`* Connection #0 to host ${url.host} left intact\n`);
      break;
    }
    code = 0;
  }
  if (o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, vars));
  return code;
};
