// An error a route handler turns into an HTTP response: a status, a message in the user's terms, and
// optional per-field messages for forms. Anything else thrown is a bug: logged once, answered with a 500 that
// carries the request id and never a stack trace (lib/server/route.ts).
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const isHttpError = (e: unknown): e is HttpError => e instanceof HttpError;
