// What each family of base images ships: the executables exec can find (each has an
// implementation in exec/runner.ts; a test checks that) and the OS identity.

/** Busybox applets the sandbox implements (busybox, alpine and images built on them). */
export const BUSYBOX_APPLETS = [
  "sh", "ash", "echo", "printf", "cat", "ls", "env", "printenv", "hostname", "sleep", "date", "id", "whoami", "uname", "ps",
  "head", "tail", "wc", "grep", "test", "[", "mkdir", "rm", "touch", "sort", "uniq", "cut", "tr", "tee", "seq", "basename",
  "dirname", "which", "timeout", "nproc", "true", "false", "pwd", "wget", "nc", "nslookup", "ping", "ip", "clear", "tar",
];

/** Alpine adds its package manager to the busybox applets. */
export const ALPINE_BASE = [...BUSYBOX_APPLETS, "apk"];

/** Debian slim: dash as /bin/sh, bash, coreutils, grep; no ps, ip, ping, wget, nslookup or nc. */
export const DEBIAN_BASE = [
  "sh", "bash", "echo", "printf", "cat", "ls", "env", "printenv", "hostname", "sleep", "date", "id", "whoami", "uname",
  "head", "tail", "wc", "grep", "test", "[", "mkdir", "rm", "touch", "sort", "uniq", "cut", "tr", "tee", "seq", "basename",
  "dirname", "which", "timeout", "nproc", "true", "false", "pwd", "clear", "apt-get", "apt", "tar", "getent",
];

export const OS = {
  debian: { id: "debian", prettyName: "Debian GNU/Linux 12 (bookworm)", versionId: "12" },
  alpine: { id: "alpine", prettyName: "Alpine Linux v3.20", versionId: "3.20.3" },
  busybox: undefined,
} as const;

export const DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
