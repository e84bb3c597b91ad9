// The header's links to the notification centre and to the messages. Their unread counts
// follow news without a reload: pushed by /notifications/stream (PostgreSQL NOTIFY →
// Server-Sent Events), or polled from /notifications/count when the stream cannot be used.
// One stream per page: every push is also handed to the page as a window event, so a
// conversation's page shows a reply as it arrives (useLiveUpdates) without a second stream.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { translate, translateCount, type Locale } from "#app/i18n/index.ts";

export interface LiveCounts {
  unread: number;
  messages: number;
}

const LIVE_EVENT = "samband:live";

// Without a working event stream (an old browser, a proxy that buffers it), how often an
// open page asks for the counts instead.
const POLL_MS = 3000;

const isCounts = (body: unknown): body is LiveCounts =>
  typeof body === "object" &&
  body !== null &&
  typeof (body as LiveCounts).unread === "number" &&
  typeof (body as LiveCounts).messages === "number";

function useLiveCounts(initial: LiveCounts): LiveCounts {
  const [counts, setCounts] = useState(initial);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = `${initial.unread}/${initial.messages}`;
    let first = true;
    const take = (body: unknown, pushed: boolean) => {
      if (!isCounts(body)) return;
      const seen = `${body.unread}/${body.messages}`;
      // A push means something changed even when the counts did not (a reply in a thread
      // already unread), except the one a new stream starts with; a poll only when they did.
      const news = seen !== last || (pushed && !first);
      first = false;
      if (!news) return;
      last = seen;
      setCounts({ unread: body.unread, messages: body.messages });
      window.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail: body }));
    };
    const poll = () => {
      timer ??= setInterval(() => {
        fetch("/notifications/count", { headers: { Accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : null))
          .then((body: unknown) => take(body, false))
          .catch(() => {}); // offline for a moment: the next tick tries again
      }, POLL_MS);
    };
    if (typeof EventSource === "undefined") {
      poll();
      return () => clearInterval(timer);
    }
    const events = new EventSource("/notifications/stream");
    events.addEventListener("unread", (e) => take(JSON.parse((e as MessageEvent<string>).data), true));
    // EventSource reconnects by itself after a dropped connection; closed for good
    // (an error status, a proxy in the way) it falls back to polling.
    events.addEventListener("error", () => events.readyState === EventSource.CLOSED && poll());
    return () => {
      events.close();
      clearInterval(timer);
    };
    // Started once: the header is keyed by the loader's counts, so a navigation starts it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return counts;
}

/** Calls back whenever news for the signed-in person arrives over the header's stream. */
export function useLiveUpdates(onUpdate: () => void): void {
  const callback = useRef(onUpdate);
  useEffect(() => {
    callback.current = onUpdate;
  });
  useEffect(() => {
    const listener = () => callback.current();
    window.addEventListener(LIVE_EVENT, listener);
    return () => window.removeEventListener(LIVE_EVENT, listener);
  }, []);
}

/** The two header links, as list items of the main menu. */
export function LiveLinks({ initial, locale }: { initial: LiveCounts; locale: Locale }) {
  const { unread, messages } = useLiveCounts(initial);
  return (
    <>
      <li>
        <Link to="/messages" className="messages-link" aria-live="polite">
          {messages > 0 ? translateCount(locale, "nav.messagesUnread", messages) : translate(locale, "nav.messages")}
        </Link>
      </li>
      <li>
        <Link to="/notifications" className="notifications-link" aria-live="polite">
          {unread > 0 ? translateCount(locale, "nav.notificationsUnread", unread) : translate(locale, "nav.notifications")}
        </Link>
      </li>
    </>
  );
}
