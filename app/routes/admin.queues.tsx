// The queue dashboard, for administrators: failed jobs stay visible with their error and
// can be sent back to their queue; the outbox shows what has not reached the workers.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfField, ErrorSummary } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf, withDefaultIntent } from "#app/lib/forms.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { isQueueName } from "#app/lib/jobs.server.ts";
import { isJobId, outboxOverview, queueOverview, retryAllFailed, retryJob } from "#app/models/queues.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";

export const handle = pageHandle("admin.queues.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [queues, outbox] = await Promise.all([queueOverview(), outboxOverview()]);
  return { ...queues, outbox };
}

// The form on each failed job carries no intent: it retries that job.
const schema = withDefaultIntent(
  "retry",
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("retry-all"), queue: z.string().optional() }),
    z.object({ intent: z.literal("retry"), queue: z.string().optional(), job: z.string().optional() }),
  ]),
);

export const action = formAction({ access: "admin", schema }, async ({ locale, input, fail }) => {
  // The queue and the job come from hidden fields: no field to fix, so the summary says what to do instead.
  const refuse = (key: MessageKey, status = 400) => fail({ formErrors: [translate(locale, key)] }, status);
  const queue = input.queue;
  if (!isQueueName(queue)) return refuse("admin.queues.badQueue");
  if (input.intent === "retry-all") {
    const n = await retryAllFailed(queue);
    return redirect(`/admin/queues?retried=${encodeURIComponent(`${n} × ${queue}`)}`);
  }
  const job = input.job;
  if (!isJobId(job)) return refuse("admin.queues.badJob");
  const result = await retryJob(queue, job);
  if (result === "not-found") return refuse("admin.queues.badJob", 404);
  if (result === "not-failed") return refuse("admin.queues.notFailed", 409);
  return redirect(`/admin/queues?retried=${encodeURIComponent(`${queue} ${job}`)}`);
});

export default function QueueDashboard() {
  const t = useT();
  const locale = useLocale();
  const { queues, redisError, outbox } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const [params] = useSearchParams();
  const time = (iso: string | null) => (iso ? formatDateTime(locale, iso) : "");
  return (
    <section className="admin queue-dashboard">
      <h1>{t("admin.queues.title")}</h1>
      <p className="hint">{t("admin.queues.intro")}</p>
      {params.get("retried") && (
        <p className="notice" role="status">
          {t("admin.queues.retried", { what: params.get("retried")! })}
        </p>
      )}
      <ErrorSummary failure={failed} />
      {!queues ? (
        <p className="error-summary" role="alert">
          {t("admin.queues.redisDown", { error: redisError ?? "" })}
        </p>
      ) : (
        queues.map((q) => (
          <section key={q.name} className="queue" aria-labelledby={`queue-${q.name}`}>
            <h2 id={`queue-${q.name}`}>{q.name}</h2>
            <p className="meta queue-carries">
              {q.carries.map((kind, i) => (
                <span key={kind}>
                  {i > 0 && ", "}
                  <code>{kind}</code>
                </span>
              ))}
            </p>
            <p className="meta">{t("admin.queues.counts", Object.fromEntries(Object.entries(q.counts).map(([k, v]) => [k, String(v)])))}</p>
            {q.jobs.length === 0 ? (
              <p>{t("admin.queues.none")}</p>
            ) : (
              <>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.queues.job")}</th>
                      <th scope="col">{t("admin.queues.state")}</th>
                      <th scope="col">{t("admin.queues.attempts")}</th>
                      <th scope="col">{t("admin.queues.error")}</th>
                      <th scope="col">{t("admin.queues.when")}</th>
                      <th scope="col" />
                    </tr>
                  </thead>
                  <tbody>
                    {q.jobs.map((j) => (
                      <tr key={j.id}>
                        <td>
                          {j.name} <code>{j.id}</code>
                        </td>
                        <td>{j.state === "failed" ? t("admin.queues.failed") : t("admin.queues.retrying", { time: time(j.nextAt) })}</td>
                        <td>
                          {j.attemptsMade} / {j.attempts}
                        </td>
                        <td className="job-error">{j.error}</td>
                        <td>{time(j.at)}</td>
                        <td>
                          <Form method="post">
                            <CsrfField />
                            <input type="hidden" name="queue" value={q.name} />
                            <input type="hidden" name="job" value={j.id} />
                            <button type="submit" aria-label={`${t("admin.queues.retry")}: ${q.name} ${j.id}`}>
                              {t("admin.queues.retry")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {q.counts.failed > 0 && (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="queue" value={q.name} />
                    <input type="hidden" name="intent" value="retry-all" />
                    <button type="submit" className="secondary">
                      {t("admin.queues.retryAll", { queue: q.name })}
                    </button>
                  </Form>
                )}
              </>
            )}
          </section>
        ))
      )}
      <section aria-labelledby="outbox">
        <h2 id="outbox">{t("admin.queues.outbox")}</h2>
        <ul>
          <li>
            {t("admin.queues.undispatched", { count: String(outbox.undispatched) })}{" "}
            {outbox.oldestUndispatchedAt && t("admin.queues.oldest", { time: time(outbox.oldestUndispatchedAt) })}
          </li>
          <li>{t("admin.queues.unhandled", { count: String(outbox.unhandled) })}</li>
        </ul>
        {outbox.erroring.length > 0 && (
          <>
            <h3>{t("admin.queues.erroring")}</h3>
            <ul className="outbox-errors">
              {outbox.erroring.map((e) => (
                <li key={e.id}>
                  <code>{e.topic}</code> #{e.id} · {t("admin.queues.attempts")} {e.attempts} · {time(e.createdAt)}:{" "}
                  <span className="job-error">{e.lastError}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </section>
  );
}
