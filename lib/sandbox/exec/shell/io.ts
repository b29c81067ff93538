// Byte plumbing between shell commands: an Input (stdin with line buffering shared by every
// reader of the same stream), Writers, and a Pipe for `a | b`. A write to a pipe whose reader has
// finished throws BrokenPipe, which ends the writer the way SIGPIPE does (status 141).

export interface Writer {
  write(s: string): void;
}

export class BrokenPipe extends Error {
  constructor() {
    super("broken pipe");
  }
}

/** A source of chunks; null = end of input. */
export type ChunkSource = () => Promise<string | null>;

export class Input {
  private buf = "";
  private eof = false;
  constructor(private readonly source: ChunkSource) {}

  static fromString(s: string): Input {
    let done = false;
    return new Input(async () => {
      if (done) return null;
      done = true;
      return s;
    });
  }

  static empty(): Input {
    return new Input(async () => null);
  }

  static fromAsync(it: AsyncIterable<Buffer | string>): Input {
    const iter = it[Symbol.asyncIterator]();
    // A streaming decoder: a UTF-8 character split across two WebSocket frames stays whole.
    const decoder = new TextDecoder("utf-8");
    return new Input(async () => {
      const r = await iter.next();
      if (r.done) {
        const rest = decoder.decode();
        return rest ? rest : null;
      }
      return typeof r.value === "string" ? r.value : decoder.decode(r.value, { stream: true });
    });
  }

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const c = await this.source();
    if (c === null) {
      this.eof = true;
      return false;
    }
    this.buf += c;
    return true;
  }

  /** Next chunk of whatever is available; null at end. */
  async read(): Promise<string | null> {
    if (this.buf) {
      const b = this.buf;
      this.buf = "";
      return b;
    }
    if (!(await this.fill())) return null;
    const b = this.buf;
    this.buf = "";
    return b;
  }

  /** One line without its newline; null at end of input with nothing left. */
  async readLine(): Promise<string | null> {
    while (!this.buf.includes("\n")) {
      if (!(await this.fill())) {
        if (!this.buf) return null;
        const rest = this.buf;
        this.buf = "";
        return rest;
      }
    }
    const nl = this.buf.indexOf("\n");
    const line = this.buf.slice(0, nl);
    this.buf = this.buf.slice(nl + 1);
    return line;
  }

  async readAll(): Promise<string> {
    while (await this.fill());
    const b = this.buf;
    this.buf = "";
    return b;
  }
}

/** `a | b`: a writes, b reads. close() when a ends; abandon() when b ends. */
export class Pipe implements Writer {
  private chunks: string[] = [];
  private closed = false;
  private readerGone = false;
  private wake: (() => void) | undefined;
  readonly input: Input;

  constructor() {
    this.input = new Input(() => this.take());
  }

  write(s: string): void {
    if (this.readerGone) throw new BrokenPipe();
    if (!s) return;
    this.chunks.push(s);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  abandon(): void {
    this.readerGone = true;
    this.chunks = [];
  }

  private async take(): Promise<string | null> {
    while (this.chunks.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    if (this.chunks.length === 0) return null;
    return this.chunks.splice(0).join("");
  }
}

/** Collects writes into a string ($(...) and tests). */
export class Collector implements Writer {
  text = "";
  write(s: string): void {
    this.text += s;
  }
}

export const nullWriter: Writer = { write() {} };
