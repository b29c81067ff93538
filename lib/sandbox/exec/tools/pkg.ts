// Package managers (Alpine's apk, Debian's apt-get/apt). Learners try `apk add curl` or
// `apt-get install curl` inside pods; the sandbox has no package mirror, so the repository host
// is looked up through the cluster's DNS like any other name and, when the simulated world does
// not know it (or DNS is blocked by policy), the tools fail the way they do in a pod without
// Internet access: apk's "temporary error (try again later)", apt's "Temporary failure resolving".
// Nothing is ever installed.
import type { Tool, ToolContext } from "./types";
import { lookupHost } from "./net";

const ALPINE_MIRROR = "dl-cdn.alpinelinux.org";
const DEBIAN_MIRROR = "deb.debian.org";

async function mirrorUnreachable(ctx: ToolContext, host: string): Promise<"resolve" | "connect" | "aborted"> {
  const look = await lookupHost(ctx.sys, host, ctx.signal);
  if (!look.ok) return look.error === "aborted" ? "aborted" : "resolve";
  // Even when the name resolves, the sandbox's outside world serves no package index.
  return "connect";
}

export const apk: Tool = async (ctx) => {
  const [sub, ...rest] = ctx.argv.slice(1);
  const pkgs = rest.filter((a) => !a.startsWith("-"));
  const version = (ctx.sys.profile.os?.versionId ?? "3.20").split(".").slice(0, 2).join(".");
  if (!sub || !["add", "update", "upgrade", "search", "info", "del"].includes(sub)) {
    ctx.stderr.write(`apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`);
    return 1;
  }
  if (sub === "info" || sub === "del") {
    if (sub === "del") ctx.stderr.write(pkgs.map((p) => `WARNING: opening from cache https://${ALPINE_MIRROR}/alpine/v${version}/main: No such file or directory\n  ${p} (no such package)\n`).join(""));
    return sub === "info" ? 0 : 1;
  }
  const why = await mirrorUnreachable(ctx, ALPINE_MIRROR);
  if (why === "aborted") return 130;
  const err = why === "resolve" ? "DNS lookup error" : "temporary error (try again later)";
  for (const repo of ["main", "community"]) {
    ctx.stdout.write(`fetch https://${ALPINE_MIRROR}/alpine/v${version}/${repo}/x86_64/APKINDEX.tar.gz\n`);
    ctx.stderr.write(`WARNING: updating and opening https://${ALPINE_MIRROR}/alpine/v${version}/${repo}: ${err}\n`);
  }
  if (sub === "update") {
    ctx.stdout.write("4 unavailable, 0 stale; 15 distinct packages available\n");
    return 2;
  }
  if (sub === "add" && pkgs.length) {
    ctx.stderr.write(`ERROR: unable to select packages:\n${pkgs.map((p) => `  ${p} (no such package):\n    required by: world[${p}]\n`).join("")}`);
    return pkgs.length;
  }
  return 0;
};

export const aptGet: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const sub = args.find((a) => !a.startsWith("-"));
  const pkgs = args.filter((a) => !a.startsWith("-")).slice(1);
  if (!sub) {
    ctx.stdout.write("apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n");
    return 0;
  }
  if (sub === "update") {
    const why = await mirrorUnreachable(ctx, DEBIAN_MIRROR);
    if (why === "aborted") return 130;
    const reason = why === "resolve" ? `Temporary failure resolving '${DEBIAN_MIRROR}'` : `Could not connect to ${DEBIAN_MIRROR}:80 (151.101.2.132), connection timed out`;
    const repos = [`http://${DEBIAN_MIRROR}/debian bookworm InRelease`, `http://${DEBIAN_MIRROR}/debian bookworm-updates InRelease`, `http://${DEBIAN_MIRROR}/debian-security bookworm-security InRelease`];
    repos.forEach((r, i) => ctx.stdout.write(`Ign:${i + 1} ${r}\n`));
    repos.forEach((r, i) => ctx.stdout.write(`Err:${i + 1} ${r}\n  ${reason}\n`));
    ctx.stdout.write("Reading package lists... Done\n");
    for (const r of repos) {
      const [base, dist] = r.split(" ");
      ctx.stderr.write(`W: Failed to fetch ${base}/dists/${dist}/InRelease  ${reason}\n`);
    }
    ctx.stderr.write("W: Some index files failed to download. They have been ignored, or old ones used instead.\n");
    return 0;
  }
  if (sub === "install") {
    ctx.stdout.write("Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n");
    if (pkgs.length) {
      ctx.stderr.write(`E: Unable to locate package ${pkgs[0]}\n`);
      return 100;
    }
    ctx.stdout.write("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    return 0;
  }
  ctx.stderr.write(`E: Invalid operation ${sub}\n`);
  return 100;
};
