// busybox wget (networking/wget.c, v1.36): -q, -O FILE / -O-, -T SEC, --spider, -S, -U, --header,
// --post-data. Messages and exit codes as busybox prints them:
//   Connecting to web (10.96.12.3:80)            wget: bad address 'x'
//   wget: can't connect to remote host (10.96.0.5): Connection refused
//   wget: download timed out                      wget: server returned error: HTTP/1.1 404 Not Found
// -T defaults to 900 s, so against a dropped SYN the kernel's ~127 s connect timeout ends first
// ("can't connect to remote host (...): Connection timed out").
import type { Tool, ToolContext } from "./types";
import { fetchHttp, lookupHost, parseUrl } from "./net";
import { resolvePath } from "../fs";

const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP
`;

interface Opts {
  quiet: boolean;
  output?: string;
  timeoutSec: number;
  timeoutGiven: boolean;
  spider: boolean;
  serverResponse: boolean;
  userAgent: string;
  headers: Record<string, string>;
  postData?: string;
  urls: string[];
}

function parseArgs(argv: string[]): Opts | string {
  const o: Opts = { quiet: false, timeoutSec: 900, timeoutGiven: false, spider: false, serverResponse: false, userAgent: "Wget", headers: {}, urls: [] };
  const takesArg = new Set(["O", "o", "T", "U", "P", "Y", "t"]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const val = () => (inline !== undefined ? inline : argv[++i]);
      switch (name) {
        case "quiet": o.quiet = true; break;
        case "spider": o.spider = true; break;
        case "server-response": o.serverResponse = true; break;
        case "output-document": o.output = val(); break;
        case "timeout": o.timeoutSec = Number(val()); o.timeoutGiven = true; break;
        case "user-agent": o.userAgent = val(); break;
        case "header": {
          const h = val() ?? "";
          const c = h.indexOf(":");
          if (c > 0) o.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
          break;
        }
        case "post-data": o.postData = val(); break;
        case "no-check-certificate": case "continue": case "no-verbose": break;
        case "tries": case "directory-prefix": case "output-file": val(); break;
        default: return `wget: unrecognized option '${a}'\n${USAGE}`;
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (takesArg.has(f)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return `wget: option requires an argument -- '${f}'\n${USAGE}`;
          if (f === "O") o.output = v;
          else if (f === "T") {
            o.timeoutSec = Number(v);
            o.timeoutGiven = true;
          } else if (f === "U") o.userAgent = v;
          break;
        }
        if (f === "q") o.quiet = true;
        else if (f === "S") o.serverResponse = true;
        else if (f === "c" || f === "s") continue;
        else return `wget: invalid option -- '${f}'\n${USAGE}`;
      }
      continue;
    }
    o.urls.push(a);
  }
  if (o.urls.length === 0) return USAGE;
  return o;
}

/** busybox's progress line: name (20 wide), 100%, the bar, size, ETA. */
function progress(name: string, size: number): string {
  const shown = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  const amount = size < 100_000 ? String(size) : `${Math.round(size / 1024)}k`;
  return `${shown} 100% |${"*".repeat(32)}| ${amount.padStart(5)}  0:00:00 ETA\n`;
}

export const wget: Tool = async (ctx: ToolContext) => {
  const { sys, stderr, stdout, signal } = ctx;
  const o = parseArgs(ctx.argv);
  if (typeof o === "string") {
    stderr.write(o);
    return 1;
  }
  let code = 0;
  for (const first of o.urls) {
    let raw = first;
    let redirects = 0;
    for (;;) {
      const url = parseUrl(raw);
      if (!url || !["http", "https"].includes(url.scheme)) {
        stderr.write(`wget: not an http or ftp url: ${raw}\n`);
        return 1;
      }
      const look = await lookupHost(sys, url.host, signal);
      if (!look.ok) {
        if (look.error === "aborted") return 130;
        stderr.write(`wget: bad address '${url.host}'\n`);
        return 1;
      }
      const ip = look.ips[0];
      if (!o.quiet) stderr.write(`Connecting to ${url.host} (${ip}:${url.port})\n`);
      if (url.scheme === "https" && sys.variant("wget") === "busybox" && !o.quiet) stderr.write("wget: note: TLS certificate validation not implemented\n");
      const headers: Record<string, string> = { Host: url.hostHeader, "User-Agent": o.userAgent, ...o.headers };
      const res = await fetchHttp(sys, ip, url.port, { method: o.postData !== undefined ? "POST" : o.spider ? "HEAD" : "GET", path: url.path, host: url.hostHeader, headers, body: o.postData }, o.timeoutSec * 1000, signal);
      if (res.outcome === "aborted") return 130;
      if (res.outcome === "refused") {
        stderr.write(`wget: can't connect to remote host (${ip}): Connection refused\n`);
        return 1;
      }
      if (res.outcome === "timeout") {
        // -T covers the connect (busybox ≥1.32 arms its alarm around connect()); otherwise the kernel gives up.
        stderr.write(o.timeoutSec * 1000 < 127_000 ? "wget: download timed out\n" : `wget: can't connect to remote host (${ip}): Connection timed out\n`);
        return 1;
      }
      const resp = res.http?.response;
      if (!resp) {
        stderr.write("wget: error getting response: Connection reset by peer\n");
        return 1;
      }
      if (o.serverResponse) {
        stderr.write(`  HTTP/1.1 ${resp.status} ${resp.statusText}\n`);
        for (const [k, v] of Object.entries(resp.headers)) stderr.write(`  ${k}: ${v}\n`);
      }
      // busybox wget follows redirects itself (up to 20), announcing each new connection.
      const location = Object.entries(resp.headers).find(([k]) => k.toLowerCase() === "location")?.[1];
      if (resp.status >= 300 && resp.status < 400 && location) {
        if (++redirects > 20) {
          stderr.write("wget: too many redirections\n");
          return 1;
        }
        raw = location.startsWith("/") ? `${url.scheme}://${url.hostHeader}${location}` : location;
        continue;
      }
      if (resp.status >= 400 || resp.status < 200) {
        stderr.write(`wget: server returned error: HTTP/1.1 ${resp.status} ${resp.statusText}\n`);
        return 1;
      }
      if (o.spider) {
        if (!o.quiet) stderr.write("remote file exists\n");
        break;
      }
      const body = resp.body;
      const size = Buffer.byteLength(body);
      if (o.output === "-") {
        if (!o.quiet) stderr.write("writing to stdout\n");
        stdout.write(body);
        if (!o.quiet) stderr.write(progress("-", size) + "written to stdout\n");
        break;
      }
      const name = o.output ?? (url.path.split("?")[0].split("/").pop() || "index.html");
      const path = resolvePath(ctx.cwd, name);
      if (o.output === undefined && sys.fs.exists(path)) {
        stderr.write(`wget: can't open '${name}': File exists\n`);
        return 1;
      }
      if (!sys.fs.write(path, body)) {
        stderr.write(`wget: can't open '${name}': ${sys.fs.isDir(path) ? "Is a directory" : "No such file or directory"}\n`);
        return 1;
      }
      if (!o.quiet) stderr.write(`saving to '${name}'\n${progress(name, size)}'${name}' saved\n`);
      code = 0;
      break;
    }
  }
  return code;
};
