import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { PartnerSuggestions, ProfileSuggestions, type ProfileSuggestionView } from "#app/components/suggestions.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { label, researchSubject } from "#app/domain/classification.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { getUser } from "#app/lib/session.server.ts";
import { logSearchUnavailable } from "#app/lib/meili.server.ts";
import { markMatchesSeen } from "#app/models/home.server.ts";
import { changeStatus, getPosting, type StatusChange } from "#app/models/posting.server.ts";
import { cachedSuggestionsForPosting } from "#search/partner-cache.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDate } from "#app/i18n/format.ts";

export const handle = pageHandle<typeof loader>((data) => data.posting.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const posting = await getPosting(params.id!, user?.id ?? null);
  if (!posting) throw new Response("Not found", { status: 404 });
  // Without Meilisearch the lists come from PostgreSQL alone: shown, with a notice.
  const found = await cachedSuggestionsForPosting(posting, { signedIn: !!user });
  if (found.outage) logSearchUnavailable(`posting ${posting.id}`, found.outage);
  const profiles: ProfileSuggestionView[] = found.profiles;
  // The owner has now seen the suggestions for their posting: the home counts new ones from here.
  if (user && posting.ownerId === user.id) await markMatchesSeen(user.id);
  return {
    suggestions: found.partners.slice(0, 10),
    partial: Boolean(found.outage),
    profiles,
    posting: {
      id: posting.id,
      kind: posting.kind,
      title: posting.title,
      description: posting.description,
      keywords: posting.keywords,
      subjects: posting.subjects,
      language: posting.language,
      status: posting.status,
      visibility: posting.visibility,
      expiresAt: posting.expiresAt.toISOString(),
      by: posting.organization?.name ?? posting.owner?.name ?? "",
      orgId: posting.organization?.id ?? null,
      person: posting.owner && posting.organization ? { id: posting.owner.id, name: posting.owner.name } : null,
    },
    canEdit: posting.canEdit,
  };
}

const CHANGES = ["pause", "resume", "archive", "renew"] as const satisfies readonly StatusChange[];

const schema = z.object({ change: z.enum(CHANGES) });

export const action = formAction({ access: "user", schema }, async ({ params, user, input: { change } }) => {
  if (!(await changeStatus(params.id!, user.id, change))) throw new Response("Not found", { status: 404 });
  const done = ({ pause: "paused", resume: "resumed", archive: "archived", renew: "renewed" } as const)[change];
  return redirect(withFlash(change === "archive" ? "/postings/mine" : `/postings/${params.id}`, done));
});

export default function PostingPage() {
  const t = useT();
  const locale = useLocale();
  const { posting: p, canEdit, suggestions, partial, profiles } = useLoaderData<typeof loader>();
  const date = formatDate(locale, p.expiresAt);
  return (
    <article className={`posting-detail posting-${p.kind}`}>
      <p className="badge">
        {t(`posting.kind.${p.kind}`)}
        {p.status !== "active" && <span className={`status status-${p.status}`}> · {t(`posting.status.${p.status}`)}</span>}
      </p>
      <h1 lang={p.language}>{p.title}</h1>
      <p className="org">
        {p.orgId ? (
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
      <div className="description" lang={p.language}>
        {p.description.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
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
      <PartnerSuggestions kind={p.kind} list={suggestions} partial={partial} />
      <ProfileSuggestions kind={p.kind} list={profiles} />
    </article>
  );
}
