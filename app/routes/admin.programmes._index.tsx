// Administrators: the programmes (calls) and their rules at a glance.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { translateCount } from "#app/i18n/index.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { listProgrammes } from "#app/models/programme.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";

export const handle = pageHandle("admin.programmes.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rows = await listProgrammes();
  return {
    programmes: rows.map((p) => ({
      id: p.id,
      name: p.name,
      projectType: p.projectType,
      min: p.minIndependentCompanies,
      ratio: p.coFundingRatio,
      capPercent: Math.round(p.instituteCapShare * 10_000) / 100,
      requireEligibleApplicant: p.requireEligibleApplicant,
      deadline: p.deadline?.toISOString().slice(0, 10) ?? null,
      consortia: p._count.consortia,
    })),
  };
}

export default function Programmes() {
  const t = useT();
  const locale = useLocale();
  const { programmes } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const number = (n: number) => formatNumber(locale, n);
  return (
    <section className="admin programmes">
      <h1>{t("admin.programmes.title")}</h1>
      {params.get("saved") && (
        <p className="notice" role="status">
          {t("admin.programmes.saved")}
        </p>
      )}
      <p className="hint">{t("admin.programmes.intro")}</p>
      <p>
        <Link to="/admin/programmes/new" className="button">
          {t("admin.programmes.new")}
        </Link>
      </p>
      {programmes.length === 0 ? (
        <p>{t("admin.programmes.none")}</p>
      ) : (
        <ul className="programme-list">
          {programmes.map((p) => (
            <li key={p.id}>
              <Link to={`/admin/programmes/${p.id}`}>{p.name}</Link>
              <p className="meta">
                {t("admin.programmes.rules", {
                  type: t(`programme.type.${p.projectType}`),
                  min: String(p.min),
                  ratio: number(p.ratio),
                  cap: number(p.capPercent),
                  applicant: p.requireEligibleApplicant ? t("programme.eligibleRequired") : t("programme.anyApplicant"),
                })}
                {p.deadline && <> · {t("admin.programmes.deadline", { date: p.deadline })}</>} ·{" "}
                {translateCount(locale, "admin.programmes.consortia", p.consortia)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
