import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { label, researchSubject } from "#app/domain/classification.ts";
import { unlessSearchUnavailable } from "#app/lib/meili.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { getPublicProfile } from "#app/models/profile.server.ts";
import { Suggestions, type SuggestionView } from "#app/components/suggestions.tsx";
import { ExpressInterestLink } from "#app/components/express-interest.tsx";
import { suggestForPerson } from "#search/match.server.ts";
import { ResponseTimeNote } from "#app/components/response-time.tsx";
import { responseTimeOf } from "#app/models/response-time.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle<typeof loader>((data) => data.person.name);

// People's profiles are for signed-in users: names and affiliations are personal data.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const person = await getPublicProfile(params.id!, viewer.id);
  if (!person) throw new Response("Not found", { status: 404 });
  // Null when Meilisearch does not answer: the page still shows, with a notice.
  const suggestions: SuggestionView[] | null = await unlessSearchUnavailable(
    `person ${person.id}`,
    suggestForPerson(person, { signedIn: true, limit: 10 }),
  );
  return { person, suggestions, self: viewer.id === person.id, responseTime: await responseTimeOf({ userId: person.id }) };
}

export default function Person() {
  const t = useT();
  const locale = useLocale();
  const { person: p, suggestions, self, responseTime } = useLoaderData<typeof loader>();
  return (
    <article className="person">
      <p className="badge">{t(`role.${p.role}`)}</p>
      <h1>{p.name}</h1>
      <ResponseTimeNote figure={responseTime} />
      {p.title && <p>{p.title}</p>}
      {!self && (
        <p>
          <ExpressInterestLink kind="person" id={p.id} asButton />
        </p>
      )}
      {p.memberships.length > 0 && (
        <p>
          {t("profile.affiliations")}:{" "}
          {p.memberships.map((m, i) => (
            <span key={m.organization.id}>
              {i > 0 && ", "}
              <Link to={`/organizations/${m.organization.id}`}>{m.organization.name}</Link>
            </span>
          ))}
        </p>
      )}
      {p.orcid && (
        <p>
          ORCID:{" "}
          <a href={`https://orcid.org/${p.orcid}`} rel="noopener noreferrer">
            {p.orcid}
          </a>
        </p>
      )}
      {p.researchInterests && (
        <section>
          <h2>{t("profile.researchInterests")}</h2>
          <p className="prose">{p.researchInterests}</p>
        </section>
      )}
      {p.competencies && (
        <section>
          <h2>{t("profile.competencies")}</h2>
          <p className="prose">{p.competencies}</p>
        </section>
      )}
      {p.subjects.length > 0 && (
        <p>
          {t("profile.subjects")}: {p.subjects.map((c) => (researchSubject(c) ? label(researchSubject(c)!, locale) : c)).join(", ")}
        </p>
      )}
      {p.postings.length > 0 && (
        <ul>
          {p.postings.map((post) => (
            <li key={post.id} lang={post.language}>
              {t(`posting.kind.${post.kind}`)}: <Link to={`/postings/${post.id}`}>{post.title}</Link>
            </li>
          ))}
        </ul>
      )}
      <Suggestions kind="competence" list={suggestions} hint="match.forPerson" />
    </article>
  );
}
