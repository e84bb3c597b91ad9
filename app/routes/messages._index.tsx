// The person's conversations, the one with the newest message first, each marked while it
// has news for them. Those addressed to an organization they answer for are here too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { useLiveUpdates } from "#app/components/live.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { listConversations } from "#app/models/conversation.server.ts";

export const handle = pageHandle("conversation.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { conversations: await listConversations(user.id) };
}

export default function Messages() {
  const t = useT();
  const locale = useLocale();
  const { conversations } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useLiveUpdates(() => {
    if (revalidator.state === "idle") revalidator.revalidate();
  });
  return (
    <section className="conversations">
      <h1>{t("conversation.list.title")}</h1>
      {conversations.length === 0 ? (
        <p>{t("conversation.list.none")}</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((c) => (
            <li key={c.id} className={c.unread ? "unread" : "read"}>
              <h2>
                <Link to={`/messages/${c.id}`}>{c.other ?? t("conversation.former")}</Link>
              </h2>
              <p className="meta">
                {c.unread && <span className="badge">{t("conversation.list.unread")}</span>}
                {c.status === "declined" && <span className="badge">{t("conversation.list.declined")}</span>}
                {t(c.side === "sender" ? "conversation.list.sent" : "conversation.list.received")} ·{" "}
                {t("conversation.list.lastAt", { date: formatDateTime(locale, c.lastMessageAt) })}
              </p>
              {c.subject && (
                <p>
                  {t("conversation.thread.aboutLabel")}: <span lang={c.subject.language}>{c.subject.title}</span>
                </p>
              )}
              <p className="preview">{c.preview}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
