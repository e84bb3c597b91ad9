import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { PartnerSuggestions, ProfileSuggestions, type ProfileSuggestionView } from "#app/components/suggestions.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { ExpressInterestLink } from "#app/components/express-interest.tsx";
import { label, researchSubject } from "#app/domain/classification.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { getUser } from "#app/lib/session.server.ts";
import { logSearchUnavailable } from "#app/lib/meili.server.ts";
import { markMatchesSeen } from "#app/models/home.server.ts";
import { changeStatus, getPosting, type StatusChange } from "#app/models/posting.server.ts";
import { recordSuggestionsShown } from "#app/models/funnel.server.ts";
import { cachedSuggestionsForPosting } from "#search/partner-cache.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { RevealPanel } from "#app/components/reveal-panel.tsx";
import { teaserOf } from "#app/domain/reveal.ts";
import { failureOf, withDefaultIntent } from "#app/lib/forms.ts";
import { answerReveal, requestReveal, revealAnswerSchema, revealPanel, revealRequestSchema } from "#app/models/reveal.server.ts";

export const handle = pageHandle<typeof loader>((data) => data.posting.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const posting = await getPosting(params.id!, user?.id ?? null);
  if (!posting) throw new Response("Not found", { status: 404 });
  const reveal = await revealPanel(posting, user?.id ?? null);
  // A confidential posting not revealed to this viewer: the teaser, and no suggestions, whose
  // reasons would quote the words it hides.
  const shown = reveal.full ? posting : teaserOf(posting);
  // Without Meilisearch the lists come from PostgreSQL alone: shown, with a notice.
  const found = reveal.full ? await cachedSuggestionsForPosting(posting, { signedIn: !!user }) : null;
  if (found?.outage) logSearchUnavailable(`posting ${posting.id}`, found.outage);
  const profiles: ProfileSuggestionView[] = found?.profiles ?? [];
  // The owner has now seen the suggestions for their posting: the home counts new ones from here.
  if (user && posting.ownerId === user.id) await markMatchesSeen(user.id);
  if (user && found)
    await recordSuggestionsShown(user.id, { kind: "posting", id: posting.id }, Math.min(found.partners.length, 10) + profiles.length);
  return {
    suggestions: found ? found.partners.slice(0, 10) : null,
    partial: Boolean(found?.outage),
    profiles,
    reveal,
    signedIn: Boolean(user),
    posting: {
      id: posting.id,
      kind: posting.kind,
      title: shown.title,
      description: shown.description,
      keywords: shown.keywords,
      confidential: posting.confidential,
      teaser: reveal.full ? posting.teaser : null,
      organizationKind: posting.organization?.kind ?? null,
      subjects: posting.subjects,
      language: posting.language,
      status: posting.status,
      visibility: posting.visibility,
      expiresAt: posting.expiresAt.toISOString(),
      by: reveal.full ? (posting.organization?.name ?? posting.owner?.name ?? "") : "",
      orgId: reveal.full ? (posting.organization?.id ?? null) : null,
      person: reveal.full && posting.owner && posting.organization ? { id: posting.owner.id, name: posting.owner.name } : null,
    },
    canEdit: posting.canEdit,
  };
}

const CHANGES = ["pause", "resume", "archive", "renew"] as const satisfies readonly StatusChange[];

const schema = withDefaultIntent(
  "change",
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("change"), change: z.enum(CHANGES) }),
    revealRequestSchema,
    revealAnswerSchema,
  ]),
);

export const action = formAction({ access: "user", schema, fieldErrors: true }, async ({ params, user, input }) => {
  const id = params.id!;
  if (input.intent === "reveal-request") {
    const outcome = await requestReveal(id, user.id, input.note);
    if (outcome === "refused") throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/postings/${id}#reveal`, "revealRequested"));
  }
  if (input.intent !== "change") {
    const accept = input.intent === "reveal-accept";
    const outcome = await answerReveal(input.request, user.id, accept);
    if (outcome === "not-found") throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/postings/${id}#reveal`, accept ? "revealAccepted" : "revealDeclined"));
  }
  const change = input.change;
  if (!(await changeStatus(id, user.id, change))) throw new Response("Not found", { status: 404 });
  const done = ({ pause: "paused", resume: "resumed", archive: "archived", renew: "renewed" } as const)[change];
  return redirect(withFlash(change === "archive" ? "/postings/mine" : `/postings/${id}`, done));
});

export default function PostingPage() {
  const t = useT();
  const locale = useLocale();
  const { posting: p, canEdit, suggestions, partial, profiles, reveal, signedIn } = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const date = formatDate(locale, p.expiresAt);
  return (
    <article className={`posting-detail posting-${p.kind}`}>
      <p className="badge">
        {t(`posting.kind.${p.kind}`)}
        {p.status !== "active" && <span className={`status status-${p.status}`}> · {t(`posting.status.${p.status}`)}</span>}
        {p.confidential && <span className="status status-confidential"> · {t("reveal.badge")}</span>}
      </p>
      <h1 lang={p.language}>{p.title || t("reveal.untitled")}</h1>
      {p.teaser && <p className="teaser">{t("reveal.teaserShown", { teaser: p.teaser })}</p>}
      <p className="org">
        {!reveal.full ? (
          t("reveal.byKind", { kind: p.organizationKind ? t(`org.kind.${p.organizationKind}`) : t("reveal.byPerson") })
        ) : p.orgId ? (
          <>
            {t("posting.by", { name: "" })}
            <Link to={`/organizations/${p.orgId}`}>{p.by}</Link>
          </>
        ) : (
          t("posting.by", { name: p.by })
        )}
        {p.person && (
          <>
            {" · "}
            <Link to={`/people/${p.person.id}`}>{p.person.name}</Link>
          </>
        )}
      </p>
      {p.description && (
        <div className="description" lang={p.language}>
          {p.description.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      )}
      {p.keywords.length > 0 && (
        <ul className="keywords" aria-label={t("posting.field.keywords")}>
          {p.keywords.map((k) => (
            <li key={k} lang={p.language}>
              {k}
            </li>
          ))}
        </ul>
      )}
      {p.subjects.length > 0 && (
        <p>
          {t("posting.field.subjects")}: {p.subjects.map((c) => (researchSubject(c) ? label(researchSubject(c)!, locale) : c)).join(", ")}
        </p>
      )}
      <p className="meta">
        {t("posting.expires", { date })} · {t(`posting.visibility.${p.visibility}`)}
      </p>
      {canEdit && (
        <div className="owner-actions">
          <Link to={`/postings/${p.id}/edit`} className="button">
            {t("posting.edit")}
          </Link>
          {(p.status === "active" ? ["pause", "archive", "renew"] : p.status === "paused" ? ["resume", "archive", "renew"] : ["renew"]).map(
            (change) => (
              <Form method="post" key={change}>
                <CsrfField />
                <input type="hidden" name="change" value={change} />
                <button type="submit" className="secondary">
                  {t(`posting.${change as StatusChange}`)}
                </button>
              </Form>
            ),
          )}
        </div>
      )}
      {!canEdit && p.status === "active" && !p.confidential && (
        <p className="express-link">
          <ExpressInterestLink kind="posting" id={p.id} asButton />
        </p>
      )}
      {p.confidential && (
        <RevealPanel
          panel={reveal}
          posting={{ id: p.id, active: p.status === "active" }}
          signedIn={signedIn}
          path={`/postings/${p.id}`}
          failure={failure}
        />
      )}
      {suggestions && (
        <>
          <PartnerSuggestions kind={p.kind} list={suggestions} partial={partial} />
          <ProfileSuggestions kind={p.kind} list={profiles} />
        </>
      )}
    </article>
  );
}
