// A confidential posting's "request to see" box: the form for someone who may ask, the
// state of one's own request (and, once accepted, whom to write to, with a link to write a
// message about the posting), and for the author's side the requests with Accept and Decline
// (and, once accepted, a link to write to the requester). Before acceptance neither side has
// a way to write: the requester does not know to whom, the author not to whom either.
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { formatDateTime, formatList } from "#app/i18n/format.ts";
import type { Failure } from "#app/lib/forms.ts";
import type { Contact, RevealPanel as Panel } from "#app/models/reveal.server.ts";

function ContactCard({ c }: { c: Contact }) {
  const t = useT();
  return (
    <dl className="contact">
      <dt>{t("reveal.contact.name")}</dt>
      <dd>{c.name}</dd>
      {c.organization && (
        <>
          <dt>{t("reveal.contact.organization")}</dt>
          <dd>{c.organization}</dd>
        </>
      )}
      <dt>{t("reveal.contact.email")}</dt>
      <dd>
        <a href={`mailto:${c.email}`}>{c.email}</a>
      </dd>
    </dl>
  );
}

export function RevealPanel({
  panel,
  posting,
  signedIn,
  path,
  failure,
}: {
  panel: Panel;
  /** The posting's id, and whether it is live: a message about it may be written only then. */
  posting: { id: string; active: boolean };
  signedIn: boolean;
  /** The posting's address, for signing in and coming back. */
  path: string;
  failure?: Failure;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const { mine, incoming } = panel;
  return (
    <section className="reveal" id="reveal" aria-labelledby="reveal-title">
      <h2 id="reveal-title">{t("reveal.title")}</h2>
      {!panel.full && <p>{t("reveal.explain")}</p>}
      {!signedIn && (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(path)}`}>{t("reveal.signIn")}</Link>
        </p>
      )}
      {panel.mayRequest && (
        <>
          <ErrorSummary failure={failure} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="reveal-request" />
            <Field
              name="note"
              label={t("reveal.note")}
              hint={t("reveal.noteHint")}
              multiline
              rows={4}
              required
              maxLength={1000}
              defaultValue={failure?.values.note}
              error={failure?.fieldErrors.note}
            />
            <button type="submit" disabled={busy}>
              {t("reveal.request")}
            </button>
          </Form>
        </>
      )}
      {mine && (
        <div className={`reveal-mine reveal-${mine.status}`} role="status">
          <p>{t(`reveal.mine.${mine.status}`, { date: formatDateTime(locale, mine.decidedAt ?? mine.createdAt) })}</p>
          {mine.contact && (
            <>
              <ContactCard c={mine.contact} />
              {posting.active && (
                <p>
                  <Link to={`/messages/new?posting=${encodeURIComponent(posting.id)}`} className="button express-interest">
                    {t("reveal.writeAuthor")}
                  </Link>
                </p>
              )}
            </>
          )}
        </div>
      )}
      {incoming && (
        <>
          <h3>{t("reveal.incoming")}</h3>
          {incoming.length === 0 ? (
            <p>{t("reveal.incomingNone")}</p>
          ) : (
            <ul className="reveal-requests">
              {incoming.map((r) => (
                <li key={r.id} className={`reveal-${r.status}`}>
                  <p className="meta">
                    {t("reveal.asked", {
                      date: formatDateTime(locale, r.createdAt),
                      kinds: r.organizationKinds.length
                        ? formatList(
                            locale,
                            r.organizationKinds.map((k) => t(`org.kind.${k as "company"}`)),
                          )
                        : t("reveal.noOrganization"),
                    })}
                  </p>
                  <blockquote>{r.note}</blockquote>
                  {r.status === "pending" ? (
                    <div className="owner-actions">
                      {(["reveal-accept", "reveal-decline"] as const).map((intent) => (
                        <Form method="post" key={intent}>
                          <CsrfField />
                          <input type="hidden" name="intent" value={intent} />
                          <input type="hidden" name="request" value={r.id} />
                          <button type="submit" className={intent === "reveal-decline" ? "secondary" : undefined} disabled={busy}>
                            {t(intent === "reveal-accept" ? "reveal.accept" : "reveal.decline")}
                          </button>
                        </Form>
                      ))}
                    </div>
                  ) : (
                    <p>
                      {t(r.status === "accepted" ? "reveal.acceptedBy" : "reveal.declinedBy", {
                        name: r.decidedBy ?? "",
                        date: formatDateTime(locale, r.decidedAt ?? r.createdAt),
                      })}
                    </p>
                  )}
                  {r.requester && (
                    <>
                      <ContactCard c={r.requester} />
                      <p>
                        <Link to={`/messages/new?person=${encodeURIComponent(r.requester.id)}`} className="express-interest">
                          {t("reveal.writeRequester", { name: r.requester.name })}
                        </Link>
                      </p>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
