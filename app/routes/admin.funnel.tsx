// The funnel, for administrators: per programme and month, how many suggestions were shown,
// contacts made, invitations sent and accepted, and consortia that became eligible, ready,
// submitted and granted (what each counts: app/domain/funnel.ts). A chart of the period's
// totals, the table itself, and the same table as CSV. The filter is a plain GET form.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { FunnelChart } from "#app/components/funnel-chart.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { STAGES, type StageCounts } from "#app/domain/funnel.ts";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { formatMonth, formatNumber } from "#app/i18n/format.ts";
import { failure } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { funnelReport } from "#app/models/funnel.server.ts";

export const handle = pageHandle<typeof loader>((d, t) => (d.failure ? t("admin.funnel.titleFailed") : t("admin.funnel.title")));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const report = await funnelReport(params);
  const values = { from: params.get("from") ?? "", to: params.get("to") ?? "", programme: params.get("programme") ?? "" };
  if (!report.ok) {
    const locale = await resolveLocale(request, user);
    const fieldErrors = Object.fromEntries(report.errors.map((e) => [e.field, translate(locale, `admin.funnel.error.${e.message}`)]));
    return data({ failure: failure({ fieldErrors, values }), programmes: report.programmes, values, report: null }, 400);
  }
  const { query, table } = report;
  return {
    failure: null,
    programmes: report.programmes,
    values: { ...values, from: query.from, to: query.to },
    report: { query, ...table },
  };
}

export default function Funnel() {
  const t = useT();
  const locale = useLocale();
  const { failure: failed, programmes, values, report } = useLoaderData<typeof loader>();
  const errors = failed?.fieldErrors ?? {};
  const names = new Map(programmes.map((p) => [p.id, p.name]));
  const csv = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ""));
  return (
    <section className="admin funnel">
      <p>
        <Link to="/admin">{t("nav.admin")}</Link>
      </p>
      <h1>{t("admin.funnel.title")}</h1>
      <p className="hint">{t("admin.funnel.intro")}</p>
      <ErrorSummary failure={failed ?? undefined} />
      <Form method="get" className="funnel-filter">
        <SelectField name="programme" label={t("admin.funnel.programme")} error={errors.programme} defaultValue={values.programme}>
          <option value="">{t("admin.funnel.allProgrammes")}</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          <option value="none">{t("admin.funnel.noProgramme")}</option>
        </SelectField>
        <Field
          name="from"
          type="month"
          label={t("admin.funnel.from")}
          hint={t("admin.funnel.monthHint")}
          error={errors.from}
          defaultValue={values.from}
        />
        <Field
          name="to"
          type="month"
          label={t("admin.funnel.to")}
          hint={t("admin.funnel.monthHint")}
          error={errors.to}
          defaultValue={values.to}
        />
        <button type="submit">{t("admin.funnel.show")}</button>
      </Form>
      {report && (
        <>
          <p>
            <a href={`/admin/funnel.csv?${csv.toString()}`} download>
              {t("admin.funnel.csv")}
            </a>
          </p>
          <figure className="funnel-figure-block">
            <figcaption id="funnel-chart-title">
              {t("admin.funnel.chartTitle", { from: formatMonth(locale, report.query.from), to: formatMonth(locale, report.query.to) })}
            </figcaption>
            <div className="table-scroll" role="region" aria-labelledby="funnel-chart-title" tabIndex={0}>
              <FunnelChart totals={report.totals} titleId="funnel-chart-title" />
            </div>
          </figure>
          <dl className="funnel-glossary">
            {STAGES.map((s) => (
              <div key={s}>
                <dt>{t(`admin.funnel.stage.${s}` as MessageKey)}</dt>
                <dd>{t(`admin.funnel.means.${s}` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
          {report.rows.length === 0 ? (
            <p>{t("admin.funnel.empty")}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="funnel-table-title" tabIndex={0}>
              <table>
                <caption id="funnel-table-title">{t("admin.funnel.tableTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.funnel.month")}</th>
                    <th scope="col">{t("admin.funnel.programme")}</th>
                    {STAGES.map((s) => (
                      <th scope="col" key={s} className="number">
                        {t(`admin.funnel.stage.${s}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={`${r.month}|${r.programmeId ?? ""}`}>
                      <th scope="row">{formatMonth(locale, r.month)}</th>
                      <td>{r.programmeId ? (names.get(r.programmeId) ?? "") : t("admin.funnel.noProgramme")}</td>
                      <StageCells counts={r.counts} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      {t("admin.funnel.total")}
                    </th>
                    <StageCells counts={report.totals} />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function StageCells({ counts }: { counts: StageCounts }) {
  const locale = useLocale();
  return STAGES.map((s) => (
    <td key={s} className="number">
      {formatNumber(locale, counts[s])}
    </td>
  ));
}
