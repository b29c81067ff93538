// `npm run sandbox -- --kubeconfig PATH [--port N] [--addons ingress-nginx]`: starts one embedded
// sandbox cluster, writes its kubeconfig to PATH (mode 0600), prints one line containing "ready"
// once kubectl can use it, and stops cleanly on SIGINT/SIGTERM. Then `KUBECONFIG=PATH kubectl ...`
// works from any shell.
import { access, constants, rm, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createSandboxServer, type Addon } from "../lib/sandbox";

const usage = "usage: npm run sandbox -- --kubeconfig PATH [--port N] [--addons ingress-nginx]";

function fail(msg: string): never {
  console.error(`sandbox: ${msg}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { kubeconfig?: string; port?: string; addons?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { kubeconfig: { type: "string" }, port: { type: "string" }, addons: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.kubeconfig) fail(`--kubeconfig PATH is required\n${usage}`);
  const path = resolve(values.kubeconfig);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, got "${values.port}"`);
  const addons = (values.addons ? values.addons.split(",").map((a) => a.trim()).filter(Boolean) : []) as Addon[];
  for (const a of addons) if (a !== "ingress-nginx") fail(`unknown addon "${a}" (known: ingress-nginx)`);

  // Check the kubeconfig's folder before starting anything, so a typo fails fast and clearly.
  try {
    const dir = await stat(dirname(path));
    if (!dir.isDirectory()) fail(`cannot write the kubeconfig to ${path}: ${dirname(path)} is not a folder`);
    await access(dirname(path), constants.W_OK);
    if ((await stat(path).catch(() => undefined))?.isDirectory()) fail(`cannot write the kubeconfig to ${path}: it is a folder`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`cannot write the kubeconfig to ${path}: ${code === "ENOENT" ? `folder ${dirname(path)} does not exist` : code === "EACCES" || code === "EROFS" ? "permission denied" : (e as Error).message}`);
  }

  let server;
  try {
    server = await createSandboxServer({ port, idleTimeoutMs: 0 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fail(`port ${port} is already in use: pick another with --port, or --port 0 for any free port`);
    if (code === "EACCES") fail(`not allowed to listen on port ${port}: use a port above 1023`);
    throw e;
  }
  const sb = await server.createSandbox({ id: "sandbox", addons });
  try {
    await writeFile(path, sb.kubeconfig, { mode: 0o600 });
  } catch (e) {
    await server.close();
    fail(`cannot write the kubeconfig to ${path}: ${(e as Error).message}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal} received, stopping`);
    await server.close();
    await rm(path, { force: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  console.log(`sandbox ready: ${server.url} (KUBECONFIG=${path} kubectl get nodes)`);
}

main().catch((e) => {
  console.error("sandbox: failed to start:", e);
  process.exit(1);
});
