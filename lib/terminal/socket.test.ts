// The lab terminal end to end below the browser: the bundled lab shell under a real pseudo-terminal,
// bridged to a WebSocket exactly as the platform does, with a fake kubectl. Covers the prompt, a
// command's output, reconnecting to the same shell with its output replayed, and garbage on the socket.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket, WebSocketServer } from "ws";
import { LabTerminal } from "./pty";
import { serve } from "./socket";

process.env.KUBECTL = new URL("./testdata/fake-kubectl.sh", import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), "labterm-"));
for (const d of ["workspace", "cache"]) mkdirSync(join(base, d));
process.env.DATA_DIR = base;

const term = await LabTerminal.start({ workspace: join(base, "workspace"), kubeconfig: join(base, "kubeconfig"), cacheDir: join(base, "cache"), historyFile: join(base, "history") });
const wss = new WebSocketServer({ noServer: true });
const http = createServer();
http.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => serve(ws, term, () => {})));
await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
const url = `ws://127.0.0.1:${(http.address() as { port: number }).port}/`;
after(() => {
  term.kill();
  http.close();
});

function client() {
  const ws = new WebSocket(url);
  let screen = "";
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m));
    if (msg.t === "o") screen += msg.d;
  });
  const until = async (re: RegExp, ms = 10_000) => {
    const t0 = Date.now();
    while (!re.test(screen)) {
      if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${re}; screen so far:\n${screen}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, until, screen: () => screen, opened: new Promise((r) => ws.once("open", r)) };
}

test("a learner gets a prompt, runs kubectl, and sees its output", async () => {
  const c = client();
  await c.opened;
  await c.until(/learner@lab.*\$ /);
  c.ws.send(JSON.stringify({ t: "i", d: "kubectl get pods -o wide\r" }));
  await c.until(/ARGS: --cache-dir=\S+ get pods -o wide/);
  c.ws.send(JSON.stringify({ t: "i", d: "cat /etc/passwd\r" }));
  await c.until(/lab: \/etc\/passwd: outside your workspace/);
  c.ws.close();
});

test("a reconnect finds the same shell, with its recent output replayed", async () => {
  const c = client();
  await c.opened;
  await c.until(/ARGS: --cache-dir=\S+ get pods -o wide[\s\S]*outside your workspace/);
  c.ws.send(JSON.stringify({ t: "i", d: "history\r" }));
  await c.until(/1 {2}kubectl get pods -o wide\s+2 {2}cat \/etc\/passwd/);
  c.ws.close();
});

test("garbage on the socket is ignored, and a client that keeps sending it is disconnected", async () => {
  const c = client();
  await c.opened;
  const closed = new Promise<number>((r) => c.ws.once("close", (code) => r(code)));
  c.ws.send(Buffer.from([0xff, 0x00, 0x13, 0x37]));
  c.ws.send("not json");
  c.ws.send(JSON.stringify({ t: "r", c: "wide", r: null }));
  c.ws.send(JSON.stringify({ t: "i", d: "echo still-alive\r" }));
  await c.until(/still-alive\r?\n/);
  for (let i = 0; i < 25; i++) c.ws.send(Buffer.from([i, 0xfe]));
  assert.equal(await closed, 1008);
  assert.equal(term.exited, false, "the shell survives a misbehaving client");
});
