// execInContainer end to end (without the API server): refusals worded like the kubelet and
// containerd, plain commands, stdin, and an interactive tty session with echo, Backspace, Ctrl-C.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkExecTarget, execInContainer, ExecStartError } from "./index";
import type { ExecIO } from "./types";
import { makePod, okText, startContainer, testCluster } from "./testkit";

function io(opts: { tty?: boolean; input?: (push: (s: string) => void, end: () => void) => void; signal?: AbortSignal } = {}) {
  let out = "";
  let err = "";
  let push: (s: string) => void = () => {};
  let end: () => void = () => {};
  const queue: string[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  push = (s) => {
    queue.push(s);
    wake?.();
  };
  end = () => {
    done = true;
    wake?.();
  };
  const stdin = opts.input
    ? (async function* () {
        for (;;) {
          while (!queue.length && !done) await new Promise<void>((r) => (wake = r));
          if (queue.length) yield Buffer.from(queue.shift()!);
          else return;
        }
      })()
    : null;
  const e: ExecIO = { stdin, stdout: (d) => (out += d.toString()), stderr: (d) => (err += d.toString()), tty: !!opts.tty, signal: opts.signal ?? new AbortController().signal };
  opts.input?.(push, end);
  return { io: e, out: () => out, err: () => err };
}

test("exec refusals as kubectl shows them", async () => {
  const cluster = testCluster();
  const web = makePod({ name: "web", image: "nginx" });
  startContainer(cluster, web);
  assert.equal(checkExecTarget(cluster, web, "nope")?.message, "container nope is not valid for pod web");
  const pending = makePod({ name: "pending", image: "nginx" });
  assert.equal(checkExecTarget(cluster, pending, "main")?.message, 'container not found ("main")');
  await assert.rejects(execInContainer(cluster, web, "main", ["wget", "-qO-", "x"], io().io), (e: unknown) => {
    assert.ok(e instanceof ExecStartError);
    assert.equal(e.phase, "stream");
    assert.match(e.message, /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "wget": executable file not found in \$PATH: unknown$/);
    return true;
  });
  const whoami = makePod({ name: "who", image: "traefik/whoami" });
  startContainer(cluster, whoami);
  await assert.rejects(execInContainer(cluster, whoami, "main", ["sh"], io().io), /exec: "sh": executable file not found in \$PATH/);
  await assert.rejects(execInContainer(cluster, web, "main", ["/bin/nope"], io().io), /exec: "\/bin\/nope": stat \/bin\/nope: no such file or directory: unknown/);
});

test("exec runs commands with the pod's network and files", async () => {
  const cluster = testCluster({ dns: { "web.default.svc.cluster.local": ["10.96.1.1"] }, connect: { "10.96.1.1:80/TCP": "connected" }, http: () => okText("hi\n") });
  const pod = makePod({ name: "client", image: "busybox", container: { command: ["sleep", "3600"] } });
  startContainer(cluster, pod);
  const a = io();
  assert.equal(await execInContainer(cluster, pod, "main", ["wget", "-qO-", "http://web"], a.io), 0);
  assert.equal(a.out(), "hi\n");
  const b = io();
  assert.equal(await execInContainer(cluster, pod, "main", ["sh", "-c", "echo saved > /tmp/x"], b.io), 0);
  const c = io();
  assert.equal(await execInContainer(cluster, pod, "main", ["cat", "/tmp/x"], c.io), 0);
  assert.equal(c.out(), "saved\n", "files persist between execs in one container");
  const d = io({ input: (push, end) => (push("line1\nline2\n"), end()) });
  assert.equal(await execInContainer(cluster, pod, "main", ["wc", "-l"], d.io), 0);
  assert.equal(d.out(), "2\n");
});

test("exec -it sh: prompt, echo, backspace, Ctrl-C, exit code", async () => {
  const cluster = testCluster();
  const pod = makePod({ name: "bb", image: "busybox", container: { command: ["sleep", "3600"] } });
  startContainer(cluster, pod);
  const t = io({
    tty: true,
    input: (push) => {
      const steps = ["ecx\x7fho hi\r", "sleep 100000\r", "\x03", "echo $?\r", "exit 3\r"];
      let i = 0;
      const next = () => {
        if (i < steps.length) push(steps[i++]);
        if (i < steps.length) setTimeout(next, 30);
      };
      next();
    },
  });
  const code = await execInContainer(cluster, pod, "main", ["sh"], t.io);
  assert.equal(code, 3);
  assert.equal(t.out(), "/ # ecx\b \bho hi\r\nhi\r\n/ # sleep 100000\r\n^C\r\n/ # echo $?\r\n130\r\n/ # exit 3\r\n");
});

test("exec -it bash on Debian: prompt and not-found wording", async () => {
  const cluster = testCluster();
  const pod = makePod({ name: "web", image: "nginx" });
  startContainer(cluster, pod);
  const t = io({ tty: true, input: (push, end) => (push("wget\r"), setTimeout(() => (push("\x04"), end()), 30)) });
  const code = await execInContainer(cluster, pod, "main", ["bash"], t.io);
  assert.equal(code, 127);
  assert.equal(t.out(), "root@web:/# wget\r\nbash: wget: command not found\r\nroot@web:/# exit\r\n");
});

test("exec -it: ↑ recalls history in busybox ash; dash shows the escape", async () => {
  const cluster = testCluster();
  const bb = makePod({ name: "bb", image: "busybox", container: { command: ["sleep", "3600"] } });
  startContainer(cluster, bb);
  const t = io({ tty: true, input: (push, end) => (push("echo one\r"), setTimeout(() => (push("\x1b[A\r"), setTimeout(() => (push("exit\r"), end()), 30)), 30)) });
  assert.equal(await execInContainer(cluster, bb, "main", ["sh"], t.io), 0);
  assert.equal(t.out(), "/ # echo one\r\none\r\n/ # echo one\r\none\r\n/ # exit\r\n");
  const web = makePod({ name: "web", image: "nginx" });
  startContainer(cluster, web);
  const d = io({ tty: true, input: (push, end) => (push("\x1b[A\r"), setTimeout(() => (push("\x04"), end()), 30)) });
  assert.equal(await execInContainer(cluster, web, "main", ["sh"], d.io), 127);
  assert.equal(d.out(), "# ^[[A\r\nsh: 1: \x1b[A: not found\r\n# ");
});

test("tar for kubectl cp: out of one container, into another", async () => {
  const cluster = testCluster();
  const a = makePod({ name: "a", image: "busybox", container: { command: ["sleep", "3600"] } });
  const b = makePod({ name: "b", image: "nginx" });
  startContainer(cluster, a);
  startContainer(cluster, b);
  assert.equal(await execInContainer(cluster, a, "main", ["sh", "-c", "mkdir -p /data/sub && echo héllo > /data/a.txt && echo two > /data/sub/b.txt"], io().io), 0);
  const out = io();
  assert.equal(await execInContainer(cluster, a, "main", ["tar", "cf", "-", "/data"], out.io), 0);
  assert.equal(Buffer.byteLength(out.out()) % 512, 0, "whole 512-byte blocks");
  const dest = io({ input: (push, end) => (push(out.out()), end()) });
  assert.equal(await execInContainer(cluster, b, "main", ["tar", "-xmf", "-", "-C", "/tmp"], dest.io), 0, dest.err());
  const check = io();
  assert.equal(await execInContainer(cluster, b, "main", ["sh", "-c", "cat /tmp/data/a.txt /tmp/data/sub/b.txt"], check.io), 0);
  assert.equal(check.out(), "héllo\ntwo\n");
});
