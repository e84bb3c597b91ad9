import { Link } from "@remix-run/react";
import type { PostingSummary } from "#app/models/posting.server.ts";
import { useT } from "#app/components/i18n.tsx";

/** Who published it, as a list shows it: for a confidential posting hidden from the reader, only the kind of organization. */
export function byLine(
  p: Pick<PostingSummary, "confidential" | "organizationName" | "organizationKind">,
  t: ReturnType<typeof useT>,
): string {
  if (!p.confidential) return p.organizationName;
  if (p.organizationName) return `${p.organizationName} · ${t("reveal.badge")}`;
  return `${t("reveal.badge")} · ${t("reveal.byKind", { kind: p.organizationKind ? t(`org.kind.${p.organizationKind as "company"}`) : t("reveal.byPerson") })}`;
}

export function PostingCard({ p, showStatus = false }: { p: PostingSummary; showStatus?: boolean }) {
  const t = useT();
  return (
    <li className={`posting posting-${p.kind}`}>
      <span className="badge">{t(`posting.kind.${p.kind}`)}</span>
      {showStatus && <span className={`status status-${p.status}`}>{t(`posting.status.${p.status}`)}</span>}
      <h3 lang={p.language}>
        <Link to={`/postings/${p.id}`}>{p.title}</Link>
      </h3>
      <p className="org">{byLine(p, t)}</p>
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
