// Client images labs use to probe the network: curlimages/curl (Alpine, curl, runs as curl_user;
// its entrypoint runs `curl "$@"` unless the first argument is a command) and nicolaka/netshoot
// (Alpine with bash, zsh, curl, BIND's dig/nslookup/host, OpenBSD nc, iputils ping, iproute2;
// default command zsh, which without a tty exits 0 at once).
import type { ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { ALPINE_BASE, OS } from "./userland";
import { effectiveArgv, runCommand } from "./process";

const ALPINE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function curlProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/curlimages/curl",
    tools: [...ALPINE_BASE, "curl"],
    shell: "ash",
    libc: "musl",
    digest: "sha256:83a505ba2ba62f208ed6e410c268b7b9aa48f0f7b403c8108b9773b44199dbba",
    env: { PATH: ALPINE_PATH, CURL_CA_BUNDLE: "/cacert.pem", CURL_RELEASE_TAG: "curl-8_11_1", CURL_GIT_REPO: "https://github.com/curl/curl.git" },
    workdir: "/home/curl_user",
    user: { uid: 100, gid: 101, name: "curl_user", group: "curl_group" },
    os: OS.alpine,
    start(ctx) {
      const argv = effectiveArgv(ctx.container, ["/entrypoint.sh"], ["curl"]);
      if (argv[0] !== "/entrypoint.sh") return runCommand(ctx, profile, argv);
      // /entrypoint.sh: `if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then set -- curl "$@"; fi; exec "$@"`
      const rest = argv.slice(1);
      const isCommand = rest.length > 0 && !rest[0].startsWith("-") && profile.tools.includes(rest[0].slice(rest[0].lastIndexOf("/") + 1));
      return runCommand(ctx, profile, isCommand ? rest : ["curl", ...rest]);
    },
  };
  return profile;
}

export function netshootProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/nicolaka/netshoot",
    tools: [...ALPINE_BASE, "bash", "zsh", "curl", "dig", "host"],
    shell: "ash",
    libc: "musl",
    variants: { nc: "openbsd", nslookup: "bind", ping: "iputils", ip: "iproute2", ps: "busybox" },
    digest: "sha256:a20c2531bf35436ed3766cd6cfe89d352b050ccc4d7005ce6400adf97503da1b",
    env: { PATH: ALPINE_PATH },
    workdir: "/root",
    os: OS.alpine,
    start: (ctx) => runCommand(ctx, profile, effectiveArgv(ctx.container, [], ["zsh"])),
  };
  return profile;
}
