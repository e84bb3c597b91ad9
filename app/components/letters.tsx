// Letters of intent on the pages: the line on the consortium's checklist, the list of
// co-funders with each letter's state, and on a letter's own page its state, its text and
// its history.
import { Link } from "@remix-run/react";
import { useLocale, useT } from "#app/components/i18n.tsx";
import type { LetterContent, LetterState, LetterStatus, LetterTally } from "#app/domain/letters.ts";
import { formatDateTime, formatKronor, formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/index.ts";
import { renderMessages } from "#app/i18n/message.ts";

/** A file's size as limits are stated: "5 MB", "4 kB" (one decimal at most). */
export function fileSize(locale: Locale, bytes: number): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "MB"] : [bytes / 1024, "kB"];
  return `${formatNumber(locale, Math.round(amount * 10) / 10)} ${unit}`;
}

/** The checklist's line: "Letters of intent confirmed: 2 of 3. Waiting for: …". */
export function LettersChecklistItem({ tally }: { tally: Pick<LetterTally, "passed" | "messages"> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className={tally.passed ? "pass" : "fail"}>
      <span aria-hidden="true">{tally.passed ? "✓" : "✗"}</span>{" "}
      <span className="visually-hidden">{t(tally.passed ? "consortium.passed" : "consortium.failed")}: </span>
      {renderMessages(locale, tally.messages)}
    </li>
  );
}

export interface LetterRow {
  organizationId: string;
  name: string;
  status: LetterStatus;
}

/** Every co-funder's letter with its state, linking to the letter's page. */
export function LettersSection({ consortiumId, letters }: { consortiumId: string; letters: LetterRow[] }) {
  const t = useT();
  const locale = useLocale();
  if (letters.length === 0) return null;
  return (
    <section className="letters" aria-labelledby="letters-title">
      <h2 id="letters-title">{t("letter.section")}</h2>
      <p className="hint">{t("letter.sectionHint")}</p>
      <ul>
        {letters.map((l) => (
          <li key={l.organizationId} className={`letter-${l.status.state}`}>
            <Link to={`/consortia/${consortiumId}/letters/${l.organizationId}`}>{t("letter.open", { organization: l.name })}</Link>
            {" · "}
            {stateText(t, l.status.state)}
            {l.status.reasons.length > 0 && <> · {renderMessages(locale, l.status.reasons)}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const stateText = (t: ReturnType<typeof useT>, state: LetterState) => t(`letter.state.${state}`);

export function LetterStatusLine({
  status,
  lastConfirmed,
}: {
  status: LetterStatus;
  lastConfirmed: { at: string | Date; name: string | null; method: "app" | "upload" } | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className={`letter-status letter-${status.state}`} role="status">
      <p>
        <strong>{t("letter.status", { state: stateText(t, status.state) })}</strong>
        {status.reasons.length > 0 && <> {renderMessages(locale, status.reasons)}</>}
      </p>
      {lastConfirmed && (
        <p>
          {t("letter.lastConfirmed", {
            name: lastConfirmed.name ?? "?",
            date: formatDateTime(locale, lastConfirmed.at),
            method: t(`letter.method.${lastConfirmed.method}`),
          })}
        </p>
      )}
    </div>
  );
}

export function LetterPreview({ content }: { content: LetterContent }) {
  return (
    <section className="letter-text" aria-labelledby="letter-text-title">
      <h2 id="letter-text-title">{content.title}</h2>
      <p>{content.intro}</p>
      <dl>
        {content.rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>{content.commitment}</p>
      {content.confirmed && <p>{content.confirmed}</p>}
    </section>
  );
}

export function LetterHistory({
  events,
}: {
  events: { id: string; action: string; name: string; email: string; cash: number; inKind: number; at: string | Date }[];
}) {
  const t = useT();
  const locale = useLocale();
  if (events.length === 0) return null;
  const keys = { confirmed: "letter.event.confirmed", uploaded: "letter.event.uploaded", left: "letter.event.left" } as const;
  const key = (action: string) => keys[action as keyof typeof keys] ?? "letter.event.saved";
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("letter.history")}</h2>
      <ul className="letter-history">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(locale, e.at)}</time>{" "}
            {t(key(e.action), { name: e.name, email: e.email, cash: formatKronor(locale, e.cash), inKind: formatKronor(locale, e.inKind) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
