// "Suggested partners" under a posting: who answers it, how well (0–100), and why.
import { Link } from "@remix-run/react";
import { reasonText, type Reason } from "../../search/match";
import { useLocale, useT } from "./i18n";

export interface SuggestionView {
  id: string;
  kind: "competence" | "need";
  title: string;
  language: string;
  organizationId: string | null;
  organizationName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  score: number;
  reasons: Reason[];
}

type Hint = "match.forNeed" | "match.forCompetence" | "match.forPerson" | "match.forOrgNeeds" | "match.forOrgCompetence";

export function Suggestions({ kind, list, hint }: { kind: "competence" | "need"; list: SuggestionView[] | null; hint?: Hint }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t("match.title")}</h2>
      <p className="hint">{t(hint ?? (kind === "need" ? "match.forNeed" : "match.forCompetence"))}</p>
      {list === null ? (
        <p className="notice" role="status">
          {t("match.unavailable")}
        </p>
      ) : list.length === 0 ? (
        <p>{t("match.none")}</p>
      ) : (
        <ol className="suggestion-list">
          {list.map((s) => (
            <li key={s.id} className={`suggestion posting-${s.kind}`}>
              <div className="suggestion-head">
                <Link to={`/postings/${s.id}`} lang={s.language}>
                  {s.title}
                </Link>
                <meter min={0} max={100} value={s.score} aria-label={t("match.score", { score: String(s.score) })} />
                <span className="score">{t("match.score", { score: String(s.score) })}</span>
              </div>
              <p className="org">
                {s.organizationId ? <Link to={`/organizations/${s.organizationId}`}>{s.organizationName}</Link> : null}
                {s.organizationId && s.ownerId ? " · " : null}
                {s.ownerId ? <Link to={`/people/${s.ownerId}`}>{s.ownerName}</Link> : null}
              </p>
              <ul className="reasons" aria-label={t("match.why")}>
                {s.reasons.slice(0, 5).map((r, i) => (
                  <li key={i}>{reasonText(r, locale)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export interface ProfileSuggestionView {
  type: "researcher" | "organization";
  entityId: string;
  name: string;
  affiliation: string[];
  score: number;
  reasons: Reason[];
}

/** The people and organizations whose profiles answer a posting, beside the postings that do. */
export function ProfileSuggestions({ kind, list }: { kind: "competence" | "need"; list: ProfileSuggestionView[] | null }) {
  const t = useT();
  const locale = useLocale();
  if (list === null || list.length === 0) return null; // the postings' section already says when search is down
  return (
    <section className="suggestions" aria-labelledby="profile-suggestions-title">
      <h2 id="profile-suggestions-title">{t("match.profilesTitle")}</h2>
      <p className="hint">{t(kind === "need" ? "match.profilesForNeed" : "match.profilesForCompetence")}</p>
      <ol className="suggestion-list">
        {list.map((s) => (
          <li key={`${s.type}-${s.entityId}`} className="suggestion">
            <div className="suggestion-head">
              <Link to={s.type === "researcher" ? `/people/${s.entityId}` : `/organizations/${s.entityId}`}>{s.name}</Link>
              <meter min={0} max={100} value={s.score} aria-label={t("match.score", { score: String(s.score) })} />
              <span className="score">{t("match.score", { score: String(s.score) })}</span>
            </div>
            {s.affiliation.length > 0 && <p className="org">{s.affiliation.join(", ")}</p>}
            <ul className="reasons" aria-label={t("match.why")}>
              {s.reasons.slice(0, 5).map((r, i) => (
                <li key={i}>{reasonText(r, locale)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
