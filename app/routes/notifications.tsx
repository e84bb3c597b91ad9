// The notification centre: what saved-search alerts (and later, consortium events) told
// this user, newest first; opening the page does not mark anything read, the button does.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { renderNotification } from "#app/models/notify.server.ts";
import { listNotifications, markAllRead } from "#app/models/saved-search.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listNotifications(user.id);
  // Rendered now, in the language the reader reads in now, whatever it was when the news was written.
  const locale = await resolveLocale(request, user);
  return {
    notifications: rows.map((n) => ({
      id: n.id,
      link: n.link,
      readAt: n.readAt?.toISOString() ?? null,
      ...renderNotification(locale, n),
    })),
  };
}

export const action = formAction({ access: "user" }, async ({ user }) => {
  await markAllRead(user.id);
  return redirect("/notifications");
});

export default function Notifications() {
  const t = useT();
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <section className="notifications">
      <h1>{t("notifications.title")}</h1>
      {notifications.some((n) => !n.readAt) && (
        <Form method="post">
          <CsrfField />
          <button type="submit" className="secondary">
            {t("notifications.markRead")}
          </button>
        </Form>
      )}
      {notifications.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"}>
              {!n.readAt && <span className="badge">{t("notifications.unread")}</span>}
              <h2>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</h2>
              <p className="meta">{n.createdAt}</p>
              <ul>
                {n.body.split("\n").map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
