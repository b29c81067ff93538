// `kubectl exec -it POD -- sh`: a terminal session. We play the tty line discipline (canonical
// mode with echo: typed characters are echoed, Backspace erases, Enter sends the line as "\r\n",
// Ctrl-C interrupts the foreground command or discards the line, Ctrl-D on an empty line is EOF)
// and the shell's read-eval loop with its prompt ("/ # " for busybox ash, "# " for dash,
// "root@web:/# " for Debian's bash). Output gets "\n" → "\r\n", as the tty's onlcr does.
import { Input, type Writer } from "./shell/io";
import { ExitShell, Interrupted, Shell } from "./shell/interp";
import { IncompleteInput, ShellSyntaxError } from "./shell/lexer";
import { parse } from "./shell/parser";

type TtyEvent = { t: "line"; text: string } | { t: "eof" } | { t: "intr" };

/** The prompt an interactive shell of this flavour shows. */
export function prompt(sh: Shell): string {
  const home = sh.get("HOME") ?? "/root";
  const w = sh.cwd === home ? "~" : sh.cwd.startsWith(`${home}/`) ? `~${sh.cwd.slice(home.length)}` : sh.cwd;
  const root = (sh.get("USER") ?? "root") === "root" && !sh.sys.profile.user?.uid;
  const sign = root ? "#" : "$";
  if (sh.flavor === "dash") return `${sign} `;
  if (sh.flavor === "ash") return `${w} ${sign} `;
  // bash: Debian's /etc/bash.bashrc sets '\u@\h:\w\$ ', Alpine's /etc/bash/bashrc '\h:\w\$ '.
  const user = sh.sys.profile.user?.name ?? "root";
  return sh.sys.profile.os?.id === "alpine" ? `${sh.sys.hostname}:${w}${sign} ` : `${user}@${sh.sys.hostname}:${w}${sign} `;
}

export function crlf(w: Writer): Writer {
  return { write: (s: string) => w.write(s.replace(/\r?\n/g, "\r\n")) };
}

export async function interactive(sh: Shell, keys: Input, out: Writer, sessionSignal: AbortSignal): Promise<number> {
  const term = crlf(out);
  const replQueue: TtyEvent[] = [];
  let replWake: (() => void) | undefined;
  let current: { abort: AbortController; queue: TtyEvent[]; wake?: () => void } | undefined;

  const deliver = (ev: TtyEvent) => {
    if (current) {
      if (ev.t === "intr") current.abort.abort();
      else {
        current.queue.push(ev);
        current.wake?.();
      }
      return;
    }
    replQueue.push(ev);
    replWake?.();
  };

  // The line discipline runs for the whole session, independent of what the shell is doing.
  let keysDone = false;
  // busybox ash and bash edit the line (↑/↓ recall history); dash does not edit at all.
  void lineDiscipline(keys, out, deliver, sh.flavor === "dash" ? "none" : { history: [] }).then(() => {
    keysDone = true;
  });

  const nextRepl = async (): Promise<TtyEvent> => {
    while (replQueue.length === 0) {
      if (sessionSignal.aborted) return { t: "eof" };
      await new Promise<void>((r) => {
        replWake = r;
        sessionSignal.addEventListener("abort", () => r(), { once: true });
      });
      replWake = undefined;
    }
    return replQueue.shift()!;
  };

  let pending = "";
  let lines = 0;
  term.write(prompt(sh));
  try {
    for (;;) {
      const ev = await nextRepl();
      if (ev.t === "eof") {
        if (sh.flavor === "bash" || sh.flavor === "ash") term.write(sh.flavor === "bash" ? "exit\n" : "\n");
        return sh.status;
      }
      if (ev.t === "intr") {
        pending = "";
        sh.status = 130;
        term.write(`\n${prompt(sh)}`);
        continue;
      }
      lines++;
      pending = pending ? `${pending}\n${ev.text}` : ev.text;
      try {
        parse(pending);
      } catch (e) {
        if (e instanceof IncompleteInput) {
          term.write("> ");
          continue;
        }
        if (!(e instanceof ShellSyntaxError)) throw e;
      }
      const src = pending;
      pending = "";
      if (src.trim()) {
        const abort = new AbortController();
        const onSession = () => abort.abort();
        sessionSignal.addEventListener("abort", onSession, { once: true });
        const cmd: NonNullable<typeof current> = { abort, queue: [] };
        current = cmd;
        const stdin = new Input(async () => {
          while (cmd.queue.length === 0) await new Promise<void>((r) => (cmd.wake = r));
          const e = cmd.queue.shift()!;
          return e.t === "line" ? `${e.text}\n` : null;
        });
        sh.signal = abort.signal;
        sh.lineOffset = lines - 1;
        try {
          await sh.runSource(src, { stdin, stdout: term, stderr: term });
        } catch (e) {
          if (e instanceof ExitShell) return e.code;
          // The rest of the line is abandoned. A program killed by SIGINT (status 130) leaves the
          // cursor after "^C" and the shell starts a new line; one that handles SIGINT itself
          // (ping prints its statistics) keeps its own exit status and output.
          if (!(e instanceof Interrupted)) throw e;
          if (sh.status >= 128) term.write("\n");
        } finally {
          sessionSignal.removeEventListener("abort", onSession);
          current = undefined;
          sh.signal = sessionSignal;
          // Lines typed ahead that the command did not read go to the shell, as on a real tty.
          for (const e of cmd.queue) replQueue.push(e);
          cmd.wake?.();
        }
        if (sessionSignal.aborted) return sh.status;
      }
      void keysDone;
      term.write(prompt(sh));
    }
  } finally {
    current = undefined;
  }
}

/**
 * The terminal's canonical mode with echo: typed characters are echoed, Backspace erases, Enter
 * delivers the line, Ctrl-C interrupts (echoed as "^C"), Ctrl-D on an empty line is end of input,
 * Ctrl-U kills the line; arrow-key escape sequences are swallowed (no history). Resolves when the
 * client's input ends (after delivering EOF).
 */
export async function lineDiscipline(keys: Input, out: Writer, deliver: (ev: TtyEvent) => void, editing?: { history: string[] } | "none"): Promise<void> {
  let buf = "";
  let hist = editing && editing !== "none" ? editing.history.length : 0;
  const replace = (text: string) => {
    out.write("\b \b".repeat(buf.length) + text);
    buf = text;
  };
  for (;;) {
    // A client stream that fails ends the input, as a hung-up terminal does.
    const chunk = await keys.read().catch(() => null);
    if (chunk === null) break;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const code = c.charCodeAt(0);
      if (c === "\r" || c === "\n") {
        out.write("\r\n");
        if (editing && editing !== "none" && buf.trim() && editing.history[editing.history.length - 1] !== buf) editing.history.push(buf);
        if (editing && editing !== "none") hist = editing.history.length;
        deliver({ t: "line", text: buf });
        buf = "";
      } else if (code === 0x7f || code === 0x08) {
        if (buf.length) {
          buf = buf.slice(0, -1);
          out.write("\b \b");
        }
      } else if (code === 0x03) {
        // ECHOCTL: the terminal shows "^C"; the newline comes from the shell or the program.
        out.write("^C");
        buf = "";
        deliver({ t: "intr" });
      } else if (code === 0x04) {
        if (!buf) deliver({ t: "eof" });
      } else if (code === 0x15) {
        out.write("\b \b".repeat(buf.length));
        buf = "";
      } else if (code === 0x1b) {
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(chunk.slice(i));
        const seq = m ? m[0] : c;
        i += seq.length - 1;
        if (editing === "none") {
          // dash has no line editing: the terminal just shows the escape sequence.
          const shown = `^[${seq.slice(1)}`;
          buf += seq;
          out.write(shown);
        } else if (editing && (seq === "\x1b[A" || seq === "\x1bOA") && hist > 0) replace(editing.history[--hist]);
        else if (editing && (seq === "\x1b[B" || seq === "\x1bOB")) {
          if (hist < editing.history.length - 1) replace(editing.history[++hist]);
          else {
            hist = editing.history.length;
            replace("");
          }
        }
      } else if (code >= 0x20) {
        buf += c;
        out.write(c);
      }
    }
  }
  deliver({ t: "eof" });
}

/**
 * stdin for a program run directly with a tty (`kubectl exec -it pod -- cat`): cooked lines, and
 * Ctrl-C calls onInterrupt (the tty's SIGINT to the foreground process).
 */
export function cookedInput(keys: Input, out: Writer, onInterrupt: () => void): Input {
  const queue: TtyEvent[] = [];
  let wake: (() => void) | undefined;
  void lineDiscipline(keys, out, (ev) => {
    if (ev.t === "intr") onInterrupt();
    else {
      queue.push(ev);
      wake?.();
    }
  });
  return new Input(async () => {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    const ev = queue.shift()!;
    return ev.t === "line" ? `${ev.text}\n` : null;
  });
}
