"use client";
// The lab terminal in the browser: xterm.js (fit and web-links addons) over the session's WebSocket.
// It resizes with its box, copies with Ctrl+Shift+C and pastes as any text field does, reconnects after
// a network blip to the same shell (the server replays recent output), and runs commands that a "Try
// it" button sends (window event "lab-terminal:run").
import { useEffect, useRef, useState } from "react";
import { Terminal as XTerm } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import "@xterm/xterm/css/xterm.css";
import { LAB_TERMINAL_RUN_EVENT, type LabTerminalRunDetail } from "@/app/_components/mdx/TryIt";
import styles from "./lab.module.css";

type Status = "connecting" | "connected" | "reconnecting" | "closed";

export function Terminal({ sessionId }: { sessionId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>("connecting");

  useEffect(() => {
    const term = new XTerm({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#0f1419", foreground: "#e6e9ee", cursor: "#fbbf24" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon());
    term.open(box.current!);
    fit.fit();

    let ws: WebSocket | null = null;
    let closed = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const send = (msg: object) => ws?.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));

    const connect = () => {
      const proto = location.protocol === "https:" ? "wss" : "ws";
      ws = new WebSocket(`${proto}://${location.host}/api/lab-sessions/${sessionId}/terminal`);
      ws.onopen = () => {
        attempt = 0;
        setStatus("connected");
        // The server replays recent output: start from a clean screen so it is not shown twice.
        term.reset();
        send({ t: "r", c: term.cols, r: term.rows });
      };
      ws.onmessage = (e) => {
        const msg = JSON.parse(String(e.data));
        if (msg.t === "o") term.write(msg.d);
        else if (msg.t === "x") term.write("\r\n[the lab shell ended]\r\n");
      };
      ws.onclose = (e) => {
        if (closed) return;
        if (e.code === 1000 || e.code === 1008) {
          setStatus("closed");
          return;
        }
        // A blip: try again with growing pauses; the shell keeps running on the server meanwhile.
        setStatus("reconnecting");
        retry = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempt++));
      };
    };
    connect();

    const input = term.onData((d) => send({ t: "i", d }));
    const resize = term.onResize(({ cols, rows }) => send({ t: "r", c: cols, r: rows }));
    term.attachCustomKeyEventHandler((e) => {
      if (e.type === "keydown" && e.ctrlKey && e.shiftKey && e.code === "KeyC") {
        const sel = term.getSelection();
        if (sel) void navigator.clipboard?.writeText(sel);
        return false;
      }
      return true;
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(box.current!);
    const onRun = (e: Event) => {
      const { command } = (e as CustomEvent<LabTerminalRunDetail>).detail;
      if (ws?.readyState !== WebSocket.OPEN) return;
      e.preventDefault();
      send({ t: "i", d: `${command}\r` });
      term.focus();
    };
    window.addEventListener(LAB_TERMINAL_RUN_EVENT, onRun);
    term.focus();

    return () => {
      closed = true;
      clearTimeout(retry);
      window.removeEventListener(LAB_TERMINAL_RUN_EVENT, onRun);
      observer.disconnect();
      input.dispose();
      resize.dispose();
      ws?.close();
      term.dispose();
    };
  }, [sessionId]);

  return (
    <div className={styles.terminalWrap}>
      <div className={styles.terminalBar}>
        <span>Terminal</span>
        <span className={styles.muted} role="status" aria-live="polite">
          {status === "connected" ? "connected" : status === "reconnecting" ? "reconnecting…" : status === "closed" ? "closed: reload the page to reconnect" : "connecting…"}
        </span>
      </div>
      <div ref={box} className={styles.terminal} data-testid="lab-terminal" aria-label="Lab terminal: kubectl against your cluster" role="application" />
    </div>
  );
}
