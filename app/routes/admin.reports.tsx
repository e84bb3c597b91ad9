// Administrators: messages reported by the people they were written to, oldest first. A
// report is dismissed, or answered by suspending the message's author (no sign-in, signed
// out everywhere). Below, the suspended accounts, each with who suspended it and a button to
// lift the suspension. The message is shown as the text it is; nobody else's messages are shown.
// Anyone else gets the same 404 as an unknown address: the page's existence is no secret
// worth keeping, but nothing about it is for them.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { dismissReport, liftSuspension, openReports, suspendAuthor, suspendedAccounts } from "#app/models/report.server.ts";

export const handle = pageHandle("admin.reports.title");

async function adminOr404(request: Request) {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await adminOr404(request);
  const [reports, suspended] = await Promise.all([openReports(), suspendedAccounts()]);
  return {
    reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), writtenAt: r.writtenAt.toISOString() })),
    suspended: suspended.map((u) => ({ ...u, suspendedAt: u.suspendedAt.toISOString() })),
  };
}

const schema = z.object({ intent: z.enum(["dismiss", "suspend", "lift"]), report: z.string().optional(), user: z.string().optional() });

export const action = formAction({ access: adminOr404, schema, unknownIntent: "not-found" }, async ({ locale, user, input, fail }) => {
  if (input.intent === "lift") {
    const lifted = await liftSuspension(input.user ?? "", user.id);
    if (lifted.ok) return redirect(withFlash("/admin/reports", "suspensionLifted"));
    return fail({ formErrors: [translate(locale, "admin.reports.notSuspended")] }, lifted.error === "forbidden" ? 403 : 409);
  }
  const result =
    input.intent === "dismiss" ? await dismissReport(input.report ?? "", user.id) : await suspendAuthor(input.report ?? "", user.id);
  if (result.ok) return redirect(withFlash("/admin/reports", input.intent === "dismiss" ? "reportDismissed" : "suspended"));
  return fail(
    { formErrors: [translate(locale, result.error === "not-found" ? "admin.reports.gone" : "admin.reports.notSuspendable")] },
    409,
  );
});

export default function AdminReports() {
  const t = useT();
  const locale = useLocale();
  const { reports, suspended } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  return (
    <section className="admin-reports">
      <h1>{t("admin.reports.title")}</h1>
      <ErrorSummary failure={failed} />
      {reports.length === 0 ? (
        <p>{t("admin.reports.empty")}</p>
      ) : (
        <ul className="report-list">
          {reports.map((r) => {
            const author = r.author?.name ?? t("conversation.former");
            return (
              <li key={r.id} className="report">
                <p className="meta">{t("admin.reports.written", { name: author, date: formatDateTime(locale, r.writtenAt) })}</p>
                <blockquote className="message-body">{r.body}</blockquote>
                <p className="meta">
                  {t("admin.reports.reported", {
                    name: r.reporter?.name ?? t("conversation.former"),
                    date: formatDateTime(locale, r.createdAt),
                  })}
                </p>
                <p>
                  <strong>{t("admin.reports.reason")}:</strong> <span className="message-body">{r.reason}</span>
                </p>
                <div className="actions">
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="report" value={r.id} />
                    <button type="submit" name="intent" value="dismiss" className="secondary">
                      {t("admin.reports.dismiss")}
                    </button>
                  </Form>
                  {r.author?.suspended ? (
                    <p>{t("admin.reports.alreadySuspended", { name: author })}</p>
                  ) : r.author?.suspendable ? (
                    <Form method="post" className="inline">
                      <CsrfField />
                      <input type="hidden" name="report" value={r.id} />
                      <button type="submit" name="intent" value="suspend" className="danger">
                        {t("admin.reports.suspend", { name: author })}
                      </button>
                    </Form>
                  ) : (
                    <p className="hint">{t("admin.reports.notSuspendable")}</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t("admin.reports.suspendedTitle")}</h2>
      {suspended.length === 0 ? (
        <p>{t("admin.reports.noneSuspended")}</p>
      ) : (
        <ul className="report-list">
          {suspended.map((u) => (
            <li key={u.id} className="report">
              <p className="meta">
                {u.suspendedBy
                  ? t("admin.reports.suspendedBy", { name: u.name, by: u.suspendedBy, date: formatDateTime(locale, u.suspendedAt) })
                  : t("admin.reports.suspendedOn", { name: u.name, date: formatDateTime(locale, u.suspendedAt) })}
              </p>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="user" value={u.id} />
                <button type="submit" name="intent" value="lift" className="secondary">
                  {t("admin.reports.lift", { name: u.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
