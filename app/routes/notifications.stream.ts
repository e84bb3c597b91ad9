// GET /notifications/stream: Server-Sent Events with the signed-in user's unread count,
// sent at once and again whenever their notifications change (app/lib/live.server.ts).
// The header's notification link listens to it; without it (or JavaScript) the link
// still shows the count as of the page load, and /notifications/count answers polls.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { onShutdown, subscribe } from "~/lib/live.server";
import { getUser } from "~/lib/session.server";
import { unreadCount } from "~/models/saved-search.server";

const KEEP_ALIVE_MS = 25_000; // below the idle timeout of common proxies

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sending = false;
      let again = false;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      // Several changes in a burst become one count, read after the last of them.
      const send = async () => {
        if (sending) return void (again = true);
        sending = true;
        try {
          do {
            again = false;
            write(`event: unread\ndata: ${JSON.stringify({ unread: await unreadCount(user.id) })}\n\n`);
          } while (again && !closed);
        } catch {
          // The database is away for a moment: the next change or reconnect sends the count.
        } finally {
          sending = false;
        }
      };
      const unsubscribe = subscribe(user.id, () => void send());
      const keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        unsubscribe();
        stopOnShutdown();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const stopOnShutdown = onShutdown(close);
      cleanup = close;
      request.signal.addEventListener("abort", close);
      write("retry: 3000\n\n");
      void send();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
