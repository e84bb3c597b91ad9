// "Suggested partners" under a posting: who answers it, how well (0–100), and why.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { reasonText, type Reason } from "#search/match.ts";
import type { ProfileSuggestion, Suggestion } from "#search/match.server.ts";
import type { PartnerSuggestion } from "#search/partners.server.ts";
import { ExpressInterestLink } from "#app/components/express-interest.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";

/** What a loader hands over (Dates and all) is JSON: the same fields. */
export type SuggestionView = Omit<Suggestion, "ref" | "organizationRef" | "ownerRef"> &
  Partial<Pick<Suggestion, "ref" | "organizationRef" | "ownerRef">>;
export type ProfileSuggestionView = ProfileSuggestion;

function SuggestionItem({
  className,
  href,
  title,
  lang,
  score,
  reasons,
  interest,
  children,
}: {
  className: string;
  href: string;
  title: string;
  lang?: string;
  score: number;
  reasons: Reason[];
  /** Whom "Express interest" writes to, from this suggestion. */
  interest: { kind: "posting" | "person" | "organization"; id: string };
  children?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className={className}>
      <div className="suggestion-head">
        <Link to={href} lang={lang}>
          {title}
        </Link>
        <meter min={0} max={100} value={score} aria-label={t("match.score", { score: String(score) })} />
        <span className="score">{t("match.score", { score: String(score) })}</span>
      </div>
      {children}
      <ul className="reasons" aria-label={t("match.why")}>
        {reasons.slice(0, 5).map((r, i) => (
          <li key={i}>{reasonText(r, locale)}</li>
        ))}
      </ul>
      <p className="express-link">
        <ExpressInterestLink kind={interest.kind} id={interest.id} name={title} />
      </p>
    </li>
  );
}

type Hint =
  | "match.forNeed"
  | "match.forCompetence"
  | "match.forPerson"
  | "match.forOrgNeeds"
  | "match.forOrgCompetence"
  | "match.partnersForNeed"
  | "match.partnersForCompetence";

/**
 * The "Suggested partners" section: its title and hint, and the list, or why there is none.
 * `partial`: the list was found without the search service, which did not answer.
 */
function SuggestionSection<T>({
  hint,
  list,
  partial,
  children,
}: {
  hint: Hint;
  list: T[] | null;
  partial?: boolean;
  children: (list: T[]) => ReactNode;
}) {
  const t = useT();
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t("match.title")}</h2>
      <p className="hint">{t(hint)}</p>
      {partial && list !== null && (
        <p className="notice" role="status">
          {t("match.partial")}
        </p>
      )}
      {list === null ? (
        <p className="notice" role="status">
          {t("match.unavailable")}
        </p>
      ) : list.length === 0 ? (
        <p>{t("match.none")}</p>
      ) : (
        <ol className="suggestion-list">{children(list)}</ol>
      )}
    </section>
  );
}

export function Suggestions({ kind, list, hint }: { kind: "competence" | "need"; list: SuggestionView[] | null; hint?: Hint }) {
  const t = useT();
  return (
    <SuggestionSection hint={hint ?? (kind === "need" ? "match.forNeed" : "match.forCompetence")} list={list}>
      {(items) =>
        items.map((s) => (
          <SuggestionItem
            key={s.id}
            className={`suggestion posting-${s.kind}`}
            href={`/postings/${s.id}`}
            title={s.title}
            lang={s.language}
            score={s.score}
            reasons={s.reasons}
            interest={{ kind: "posting", id: s.id }}
          >
            <p className="org">
              {s.confidential &&
                `${t("reveal.badge")} · ${t("reveal.byKind", { kind: s.organizationKind ? t(`org.kind.${s.organizationKind as "company"}`) : t("reveal.byPerson") })}`}
              {s.organizationId ? <Link to={`/organizations/${s.organizationId}`}>{s.organizationName}</Link> : null}
              {s.organizationId && s.ownerId ? " · " : null}
              {s.ownerId ? <Link to={`/people/${s.ownerId}`}>{s.ownerName}</Link> : null}
            </p>
          </SuggestionItem>
        ))
      }
    </SuggestionSection>
  );
}

/** The people and organizations whose profiles answer a posting, beside the postings that do. */
export function ProfileSuggestions({ kind, list }: { kind: "competence" | "need"; list: ProfileSuggestionView[] | null }) {
  const t = useT();
  if (list === null || list.length === 0) return null; // the partners' section already says when search is down
  return (
    <section className="suggestions" aria-labelledby="profile-suggestions-title">
      <h2 id="profile-suggestions-title">{t("match.profilesTitle")}</h2>
      <p className="hint">{t(kind === "need" ? "match.profilesForNeed" : "match.profilesForCompetence")}</p>
      <ol className="suggestion-list">
        {list.map((s) => (
          <SuggestionItem
            key={`${s.type}-${s.entityId}`}
            className="suggestion"
            href={s.type === "researcher" ? `/people/${s.entityId}` : `/organizations/${s.entityId}`}
            title={s.name}
            score={s.score}
            reasons={s.reasons}
            interest={{ kind: s.type === "researcher" ? "person" : "organization", id: s.entityId }}
          >
            {s.affiliation.length > 0 && <p className="org">{s.affiliation.join(", ")}</p>}
          </SuggestionItem>
        ))}
      </ol>
    </section>
  );
}

/** The best partners for a posting: organizations (or people posting on their own), each with the postings that make them a match. */
export function PartnerSuggestions({
  kind,
  list,
  partial,
}: {
  kind: "competence" | "need";
  list: PartnerSuggestion[] | null;
  partial?: boolean;
}) {
  const t = useT();
  return (
    <SuggestionSection hint={kind === "need" ? "match.partnersForNeed" : "match.partnersForCompetence"} list={list} partial={partial}>
      {(items) =>
        items.map((s) => (
          <SuggestionItem
            key={`${s.type}-${s.id}`}
            className="suggestion partner"
            href={s.type === "organization" ? `/organizations/${s.id}` : `/people/${s.id}`}
            title={s.name}
            score={s.score}
            reasons={s.reasons}
            interest={{ kind: s.type === "organization" ? "organization" : "person", id: s.id }}
          >
            {s.postings.length > 0 && (
              <ul className="partner-postings" aria-label={t("match.theirPostings")}>
                {s.postings.map((p) => (
                  <li key={p.id} className={`posting-${p.kind}`}>
                    <Link to={`/postings/${p.id}`} lang={p.language}>
                      {p.title}
                    </Link>
                    {p.owner && s.type === "organization" && (
                      <>
                        {" · "}
                        <Link to={`/people/${p.owner.id}`}>{p.owner.name}</Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </SuggestionItem>
        ))
      }
    </SuggestionSection>
  );
}
