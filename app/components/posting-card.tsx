import { Link } from "@remix-run/react";
import type { PostingSummary } from "#app/models/posting.server.ts";
import { useT } from "#app/components/i18n.tsx";

export function PostingCard({ p, showStatus = false }: { p: PostingSummary; showStatus?: boolean }) {
  const t = useT();
  return (
    <li className={`posting posting-${p.kind}`}>
      <span className="badge">{t(`posting.kind.${p.kind}`)}</span>
      {showStatus && <span className={`status status-${p.status}`}>{t(`posting.status.${p.status}`)}</span>}
      <h3 lang={p.language}>
        <Link to={`/postings/${p.id}`}>{p.title}</Link>
      </h3>
      <p className="org">{p.organizationName}</p>
      {p.keywords.length > 0 && (
        <ul className="keywords" aria-label={t("posting.field.keywords")}>
          {p.keywords.slice(0, 5).map((k) => (
            <li key={k} lang={p.language}>
              {k}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
