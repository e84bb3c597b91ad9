// The funnel table as CSV (same address parameters as /admin/funnel): one row per month and
// programme, the stages as columns, headed in the reader's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { STAGES } from "#app/domain/funnel.ts";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { toCsv } from "#app/lib/csv.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { funnelReport } from "#app/models/funnel.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const locale = await resolveLocale(request, user);
  const t = (key: string) => translate(locale, key as MessageKey);
  const report = await funnelReport(new URL(request.url).searchParams);
  if (!report.ok) {
    const lines = report.errors.map((e) => `${e.field}: ${t(`admin.funnel.error.${e.message}`)}`);
    return new Response(`${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const names = new Map(report.programmes.map((p) => [p.id, p.name]));
  const rows = report.table.rows.map((r) => [
    r.month,
    r.programmeId ? (names.get(r.programmeId) ?? "") : t("admin.funnel.noProgramme"),
    ...STAGES.map((s) => r.counts[s]),
  ]);
  const header = [t("admin.funnel.month"), t("admin.funnel.programme"), ...STAGES.map((s) => t(`admin.funnel.stage.${s}`))];
  const { from, to } = report.query;
  return new Response(toCsv([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="samband-funnel-${from}-${to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
