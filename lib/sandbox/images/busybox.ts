// docker.io/library/busybox and docker.io/library/alpine: no server, default command `sh`.
// Without a tty and with an empty stdin that shell exits 0 immediately, so a bare
// `kubectl run b --image=busybox` goes Completed → CrashLoopBackOff, as on a real cluster.
import type { ImageProfile } from "./types";
import type { ImageRef } from "./ref";
import { ALPINE_BASE, BUSYBOX_APPLETS, OS } from "./userland";
import { effectiveArgv, runCommand } from "./process";

export function busyboxProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/library/busybox",
    tools: [...BUSYBOX_APPLETS],
    shell: "ash",
    libc: "glibc",
    digest: "sha256:db142d433cdde11f10ae479dbf92f3b13d693fd1c91053da9979728cceb1dc68",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    start: (ctx) => runCommand(ctx, profile, effectiveArgv(ctx.container, [], ["sh"])),
  };
  return profile;
}

export function alpineProfile(_ref: ImageRef): ImageProfile {
  const profile: ImageProfile = {
    repository: "docker.io/library/alpine",
    tools: [...ALPINE_BASE],
    shell: "ash",
    libc: "musl",
    digest: "sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    os: OS.alpine,
    start: (ctx) => runCommand(ctx, profile, effectiveArgv(ctx.container, [], ["/bin/sh"])),
  };
  return profile;
}
