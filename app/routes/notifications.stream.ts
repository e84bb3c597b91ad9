// GET /notifications/stream: Server-Sent Events with the signed-in user's unread counts
// (notifications, and conversations with news), sent at once and again whenever their
// notifications or conversations change (app/lib/live.server.ts).
// The header's notification link listens to it; without it (or JavaScript) the link
// still shows the count as of the page load, and /notifications/count answers polls.
//
// How a stream ends tells the browser's EventSource what to do next:
// - replaced by a newer tab (too many open): the last message sets the event id
//   `replaced`; the browser reconnects with that as Last-Event-ID and is refused, which
//   closes its EventSource for good, and the page polls instead.
// - signed out (the session is gone): the last message sets the reconnection delay to a
//   day, so a signed-out tab neither reconnects nor polls; the next page load starts over.
// - renewed or the server stopping: a plain end, and the browser reconnects in 3 s.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openStream, type EndReason } from "#app/lib/live.server.ts";
import { getSession } from "#app/lib/session.server.ts";
import { liveCounts } from "#app/models/conversation.server.ts";

const KEEP_ALIVE_MS = 25_000; // below the idle timeout of common proxies
const REPLACED = "replaced";
const DAY_MS = 24 * 3600 * 1000;

const noStore = { "Cache-Control": "no-store" };

const LAST_WORD: Record<EndReason, string> = {
  replaced: `id: ${REPLACED}\nevent: replaced\ndata: {}\n\n`,
  "signed-out": `retry: ${DAY_MS}\nevent: signed-out\ndata: {}\n\n`,
  renew: "",
  shutdown: "",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  // A tab whose stream was replaced asks again by itself: refused, it stops asking and polls.
  if (request.headers.get("Last-Event-ID") === REPLACED) {
    return Response.json(
      { error: "Too many open pages: this one asks for the count now and then instead." },
      { status: 429, headers: noStore },
    );
  }
  const user = session.user;
  const encoder = new TextEncoder();
  let registration: { close: () => void } | null = null;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const write = (text: string) => {
    if (!closed && text) controller.enqueue(encoder.encode(text));
  };
  const keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  const finish = (lastWord = "") => {
    if (closed) return;
    write(lastWord);
    closed = true;
    clearInterval(keepAlive);
    registration?.close();
    request.signal.removeEventListener("abort", onAbort);
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  const onAbort = () => finish();
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write("retry: 3000\n\n");
    },
    cancel() {
      finish();
    },
  });
  registration = openStream({
    userId: user.id,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    readCount: () => liveCounts(user.id),
    send: (counts) => write(`event: unread\ndata: ${JSON.stringify(counts)}\n\n`),
    end: (reason) => finish(LAST_WORD[reason]),
  });
  if (!registration) {
    finish();
    // EventSource treats any answer but 200 as final, so the page falls back to polling.
    return Response.json(
      { error: "The server has too many open live connections; the page asks for the count now and then instead." },
      { status: 503, headers: { ...noStore, "Retry-After": "60" } },
    );
  }
  request.signal.addEventListener("abort", onAbort);
  if (request.signal.aborted) finish();
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", ...noStore, "X-Accel-Buffering": "no" },
  });
}
