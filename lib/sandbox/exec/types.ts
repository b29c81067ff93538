// The contract of `kubectl exec` inside a simulated container: the API server (api/exec*.ts) turns
// the WebSocket v5.channel.k8s.io stream into an ExecIO, and exec/ runs the command in the
// image's own small shell with the image's own tools.

export interface ExecIO {
  /** Bytes typed or piped by the client (channel 0), ending when stdin closes; null without `-i`. */
  stdin: AsyncIterable<Buffer> | null;
  stdout(data: string | Buffer): void;
  /** In tty mode there is no separate stderr: implementations write to stdout. */
  stderr(data: string | Buffer): void;
  tty: boolean;
  /** Terminal size updates (channel 4) in tty mode. */
  onResize?(listener: (size: { width: number; height: number }) => void): void;
  /** Aborted when the client goes away: stop waiting, return. */
  signal: AbortSignal;
}

/** Why exec could not even start (shown to kubectl as a Status, e.g. container not found). */
export class ExecStartError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    /**
     * (additive) "upgrade": refuse the WebSocket/SPDY upgrade with this Status (kubectl prints
     * "error: unable to upgrade connection: <message>"). "stream": the upgrade succeeded and the
     * runtime failed to start the process (executable not found): send the Status on channel 3
     * (kubectl prints "error: <message>" and exits 1).
     */
    readonly phase: "upgrade" | "stream" = "upgrade",
  ) {
    super(message);
  }
}
