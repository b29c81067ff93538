// The wrapper every JSON route handler goes through, so the cross-cutting rules live in one place:
// CSRF on state-changing methods (lib/auth/csrf.ts), errors as JSON { error, fields? } with the right status,
// unexpected errors logged once with the request id and answered with a 500 that carries no stack trace.
//
//   import { route, readJson } from "@/lib/server/route";
//   export const POST = route(async (request, { params }) => {
//     const body = await readJson(request, z.object({ anchor: z.string().optional() }));
//     return { ok: true };                    // a plain value becomes Response.json(value)
//   });
//
// Next's own control-flow errors (redirect(), notFound()) pass through untouched.
import type { z } from "zod";
import { checkCsrf, verifyCsrf } from "../auth/csrf";
import { logErrorOnce, requestLog } from "../log";
import { HttpError, isHttpError } from "./http-error";

type Handler<C> = (request: Request, context: C) => Promise<Response | unknown> | Response | unknown;

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "DYNAMIC_SERVER_USAGE");
}

export function errorResponse(err: HttpError): Response {
  const body: { error: string; fields?: Record<string, string> } = { error: err.message };
  if (err.fields) body.fields = err.fields;
  return Response.json(body, { status: err.status, headers: { "cache-control": "no-store", ...err.headers } });
}

/**
 * opts.csrf: true (default) checks Origin and the session's token; "origin-only" checks only Origin, for
 * endpoints that change nothing a session owns when one is present (POST /api/auth/guest returns the
 * existing guest); false skips the check (read-only handlers never need it anyway).
 */
export function route<C = unknown>(handler: Handler<C>, opts: { csrf?: boolean | "origin-only" } = {}): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      if (opts.csrf === "origin-only") checkCsrf(request, null);
      else if (opts.csrf !== false) await verifyCsrf(request);
      const out = await handler(request, context);
      return out instanceof Response ? out : Response.json(out ?? { ok: true }, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      if (isNextControlFlow(err)) throw err;
      if (isHttpError(err)) return errorResponse(err);
      const reqId = request.headers.get("x-request-id");
      logErrorOnce(requestLog(request), err, { method: request.method, path: new URL(request.url).pathname });
      return Response.json(
        { error: `Something went wrong on our side. Try again; if it keeps happening, report request id ${reqId ?? "(none)"}.` },
        { status: 500, headers: { "cache-control": "no-store" } },
      );
    }
  };
}

/** Parses a JSON body against a zod schema; a bad body is a 400 naming the fields, never a 500. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await request.text();
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      fields[key] ??= issue.message;
    }
    throw new HttpError(400, "Some fields are not valid.", fields);
  }
  return parsed.data;
}

/** The client address the server entry point recorded (lib/server/main.ts), for rate limits and logs. */
export function clientIp(request: { headers: { get(name: string): string | null } }): string {
  return request.headers.get("x-platform-client-ip") ?? "unknown";
}
