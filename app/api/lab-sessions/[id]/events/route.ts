// GET /api/lab-sessions/:id/events: server-sent events for one session — provisioning steps with
// progress (the progress bar), queue position, ready/failed, time warnings and the end. The current
// state is sent first, so a reconnecting page catches up.
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp, publicSession } from "@/lib/sessions/http";
import type { SessionEvent } from "@/lib/sessions/service";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const user = await requireUser();
  const { service } = await labRuntime();
  const session = await asHttp(() => service.get(user.id, id));
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          /* the client went away */
        }
      };
      send("session", publicSession(session, service));
      unsubscribe = service.subscribe(id, (e: SessionEvent) => send(e.type, e));
      // Proxies close quiet connections; a comment line every 15 s keeps this one open.
      heartbeat = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(": keep-alive\n\n"));
        } catch {
          clearInterval(heartbeat);
        }
      }, 15_000);
      request.signal.addEventListener("abort", () => {
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" } });
});
