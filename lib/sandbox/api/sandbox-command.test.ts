// `npm run sandbox -- --kubeconfig PATH [--port N]` (scripts/sandbox.ts): prints a line with
// "ready" once kubectl can use the written kubeconfig (mode 0600), stops cleanly on SIGINT and
// SIGTERM, and refuses bad arguments, busy ports and unwritable paths with clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { haveKubectl, KUBECTLS } from "./testkit";

const ROOT = resolve(import.meta.dirname, "../../..");
const SCRIPT = join(ROOT, "scripts/sandbox.ts");

function start(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (err += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const ready = new Promise<void>((resolveReady, reject) => {
    child.stdout.on("data", () => out.includes("ready") && resolveReady());
    void exited.then((code) => reject(new Error(`exited ${code} before ready: ${out} ${err}`)));
  });
  // Callers that expect a failure never await ready.
  ready.catch(() => {});
  return { child, ready, exited, output: () => ({ out, err }) };
}

test("starts, serves kubectl, and stops on SIGINT and SIGTERM", { skip: !haveKubectl("1.32") && "kubectl 1.32 is not installed" }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "sandbox-cmd-"));
  try {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const kc = join(dir, `kubeconfig-${signal}`);
      const p = start(["--kubeconfig", kc, "--port", "0"]);
      await p.ready;
      assert.equal((await stat(kc)).mode & 0o777, 0o600);
      const nodes = await new Promise<string>((res, rej) =>
        execFile(KUBECTLS["1.32"], ["get", "nodes", "-o", "name"], { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kc, NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv }, (e, so, se) =>
          e ? rej(new Error(se)) : res(so),
        ),
      );
      assert.match(nodes, /node\/kind-control-plane/);
      p.child.kill(signal);
      assert.equal(await p.exited, 0, JSON.stringify(p.output()));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("bad arguments, busy ports and unwritable paths fail with clear errors", async () => {
  const busy = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => busy.once("listening", r));
  const port = (busy.address() as { port: number }).port;
  const dir = await mkdtemp(join(tmpdir(), "sandbox-cmd-"));
  const cases = [
    { args: [], err: "--kubeconfig PATH is required" },
    { args: ["--kubeconfig", join(dir, "kc"), "--port", "70000"], err: '--port must be a number from 0 to 65535, got "70000"' },
    { args: ["--kubeconfig", join(dir, "no/such/folder/kc")], err: `folder ${join(dir, "no/such/folder")} does not exist` },
    { args: ["--kubeconfig", join(dir, "kc"), "--port", String(port)], err: `port ${port} is already in use` },
    { args: ["--kubeconfig", join(dir, "kc"), "--addons", "istio"], err: 'unknown addon "istio"' },
  ];
  try {
    const bad: string[] = [];
    for (const c of cases) {
      const p = start(c.args);
      const code = await p.exited;
      const { err } = p.output();
      if (code !== 1 || !err.includes(c.err)) bad.push(`${c.args.join(" ")}: exit ${code}, stderr ${err.trim()}`);
    }
    assert.deepEqual(bad, []);
  } finally {
    busy.close();
    await rm(dir, { recursive: true, force: true });
  }
});
