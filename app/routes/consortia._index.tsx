// The consortia this user coordinates or is invited to or part of.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { DeadlineNote } from "#app/components/deadline.tsx";
import { missingLine } from "#app/domain/eligibility.ts";
import { daysLeft } from "#app/domain/home.ts";
import { renderMessage } from "#app/i18n/message.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { listMyConsortia } from "#app/models/consortium.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("consortium.mine");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const consortia = (await listMyConsortia(user.id)).map((c) => ({
    ...c,
    deadline: c.programme.deadline?.toISOString() ?? null,
    daysLeft: c.programme.deadline ? daysLeft(c.programme.deadline, now) : null,
  }));
  return { consortia, canStart: user.role !== "company_rep" };
}

export default function MyConsortia() {
  const t = useT();
  const locale = useLocale();
  const { consortia, canStart } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("consortium.mine")}</h1>
      {canStart && (
        <p>
          <Link to="/consortia/new" className="button">
            {t("consortium.new")}
          </Link>
        </p>
      )}
      {consortia.length === 0 ? (
        <p>{t("consortium.none")}</p>
      ) : (
        <ul className="saved-list">
          {consortia.map((c) => (
            <li key={c.id}>
              <Link to={`/consortia/${c.id}`}>{c.title}</Link> · {c.programme.name}
              {c.thresholdMet && <span className="badge">{t("consortium.thresholdMet")}</span>}
              {c.outcome && <span className="badge">{t(`outcome.badge.${c.outcome}`)}</span>}
              {!c.outcome && <DeadlineNote deadline={c.deadline} daysLeft={c.daysLeft} />}
              {c.missing.length > 0 && <p className="missing">{renderMessage(locale, missingLine(c.missing)!)}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
