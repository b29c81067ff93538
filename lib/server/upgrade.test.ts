import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { dispatchUpgrade, findUpgradeHandler, onUpgrade, onShutdown, runShutdownHooks, type UpgradeHandler } from "./upgrade";

const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((c) => c()));

test("the longest mounted prefix wins; unmounted paths have no handler", () => {
  const a: UpgradeHandler = () => undefined;
  const b: UpgradeHandler = () => undefined;
  cleanups.push(onUpgrade("/api/t1/", a), onUpgrade("/api/t1/labs/x/terminal", b));
  const table: Array<[string, UpgradeHandler | undefined]> = [
    ["/api/t1/anything", a],
    ["/api/t1/labs/x/terminal", b],
    ["/api/t1/labs/x/terminalz", b],
    ["/api/t2/", undefined],
    ["/_next/webpack-hmr", undefined],
  ];
  for (const [path, want] of table) assert.equal(findUpgradeHandler(path), want, path);
  assert.throws(() => onUpgrade("api/x", a), /must start with "\/"/);
});

test("upgrades reach the mounted WebSocket handler, others the fallback, and a throwing handler closes the socket", async () => {
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", (ws) => ws.on("message", (m) => ws.send(`echo ${m}`)));
  cleanups.push(
    onUpgrade("/api/echo/", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req))),
    onUpgrade("/api/broken/", () => {
      throw new Error("handler bug");
    }),
  );
  const fallbackPaths: string[] = [];
  const errors: string[] = [];
  const server = createServer();
  server.on("upgrade", (req, socket, head) =>
    dispatchUpgrade(
      req,
      socket,
      head,
      (r, s) => {
        fallbackPaths.push(r.url ?? "");
        s.destroy();
      },
      (err) => errors.push((err as Error).message),
    ),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/echo/session-1?x=1`);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on("open", () => ws.send("hello"));
      ws.on("message", (m) => resolve(String(m)));
      ws.on("error", reject);
    });
    ws.close();
    assert.equal(reply, "echo hello");

    const refused = (path: string) =>
      new Promise<string>((resolve) => {
        const c = new WebSocket(`ws://127.0.0.1:${port}${path}`);
        c.on("error", (e) => resolve(e.message));
        c.on("open", () => resolve("opened"));
      });
    assert.match(await refused("/_next/webpack-hmr"), /socket hang up|closed|ECONNRESET/);
    assert.deepEqual(fallbackPaths, ["/_next/webpack-hmr"]);
    assert.match(await refused("/api/broken/x"), /socket hang up|closed|ECONNRESET/);
    assert.deepEqual(errors, ["handler bug"]);
  } finally {
    wss.close();
    await new Promise((r) => server.close(r));
  }
});

test("shutdown hooks run, and a hung hook cannot hold shutdown past its timeout", async () => {
  const ran: string[] = [];
  onShutdown(() => {
    ran.push("fast");
  });
  onShutdown(() => new Promise(() => undefined)); // never settles
  const t0 = Date.now();
  await runShutdownHooks(200);
  assert.deepEqual(ran, ["fast"]);
  assert.ok(Date.now() - t0 < 1500);
});
