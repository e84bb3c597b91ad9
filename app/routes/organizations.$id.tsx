import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { label, sniCode } from "#app/domain/classification.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { isId } from "#app/lib/form-fields.ts";
import { failureOf } from "#app/lib/forms.ts";
import { getUser } from "#app/lib/session.server.ts";
import { unlessSearchUnavailable } from "#app/lib/meili.server.ts";
import { consortiaToInviteTo, invite } from "#app/models/consortium.server.ts";
import { getOrganization } from "#app/models/organization.server.ts";
import { decideParentChange, parentChangesToDecide, pendingParentChangeOf } from "#app/models/parent-change.server.ts";
import { ParentChangeList, PendingParentChange } from "#app/components/parent-change.tsx";
import { translate } from "#app/i18n/index.ts";
import { collaboratorsOf, projectsOf } from "#app/models/project.server.ts";
import { Suggestions } from "#app/components/suggestions.tsx";
import { TrackRecord } from "#app/components/track-record.tsx";
import { ExpressInterestLink } from "#app/components/express-interest.tsx";
import { suggestForOrganization } from "#search/match.server.ts";
import { ResponseTimeNote } from "#app/components/response-time.tsx";
import { responseTimeOf } from "#app/models/response-time.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle<typeof loader>((data) => data.org.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const org = await getOrganization(params.id!, user);
  if (!org) throw new Response("Not found", { status: 404 });
  // Null when Meilisearch does not answer: the page still shows, with a notice.
  const suggestions = await unlessSearchUnavailable(`organization ${org.id}`, suggestForOrganization(org, { signedIn: !!user, limit: 10 }));
  // A coordinator who found this organization (by search, a posting, a suggestion) invites it from here.
  const inviteTo = user && org.kind !== "university" ? await consortiaToInviteTo(user.id, org.id) : [];
  const [projects, collaborators, pendingParent, toDecide, responseTime] = await Promise.all([
    projectsOf(org.id),
    collaboratorsOf(org.id),
    pendingParentChangeOf(org.id, user),
    parentChangesToDecide(org.id, user),
    responseTimeOf({ organizationId: org.id }),
  ]);
  return {
    responseTime,
    pendingParent,
    toDecide,
    suggestions,
    inviteTo,
    projects,
    collaborators,
    org: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      orgNumber: org.orgNumber,
      region: org.region,
      website: org.website,
      employees: org.employees,
      sniCode: org.sniCode,
      description: org.description,
      competencies: org.competencies,
      needs: org.needs,
      eligibleApplicant: org.eligibleApplicant,
      parent: org.parent && { id: org.parent.id, name: org.parent.name },
      subsidiaries: org.subsidiaries,
      postings: org.postings,
    },
    canEdit: org.canEdit,
  };
}

/**
 * Invites this organization to one of the viewer's consortia, then shows that consortium;
 * or, for the admins of this organization, approves or refuses a change of corporate
 * group that waits for them.
 */
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["approve-parent", "refuse-parent"]), requestId: z.string().optional() }),
  z.object({ intent: z.literal("invite"), consortiumId: z.string().optional() }),
]);

export const action = formAction({ access: "user", schema, unknownIntent: "not-found" }, async ({ params, locale, user, input, fail }) => {
  if (input.intent === "invite") {
    const consortiumId = input.consortiumId ?? "";
    if (!isId(consortiumId) || !isId(params.id!)) throw new Response("Not found", { status: 404 });
    const result = await invite(consortiumId, user.id, params.id!);
    if (!result.ok && result.error === "already-a-partner")
      return fail({ formErrors: [translate(locale, "consortium.alreadyPartner")] }, 409);
    if (!result.ok) throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/consortia/${consortiumId}`, "invited"));
  }
  const result = await decideParentChange(input.requestId ?? "", user, input.intent === "approve-parent");
  if (result.ok) return redirect(`/organizations/${params.id}`);
  if (result.error === "not-found") throw new Response("Not found", { status: 404 });
  return fail(
    {
      formErrors: [
        result.error === "cycle" ? translate(locale, "group.cycleOnApprove", { chain: result.chain }) : translate(locale, "group.decided"),
      ],
    },
    409,
  );
});

export default function OrganizationPage() {
  const t = useT();
  const locale = useLocale();
  const { org, canEdit, suggestions, inviteTo, projects, collaborators, pendingParent, toDecide, responseTime } =
    useLoaderData<typeof loader>();
  const decided = failureOf(useActionData<typeof action>());
  const industry = org.sniCode ? sniCode(org.sniCode) : undefined;
  return (
    <article className="org-detail">
      <p className="badge">{t(`org.kind.${org.kind}`)}</p>
      <h1>{org.name}</h1>
      <ResponseTimeNote figure={responseTime} />
      {!canEdit && (
        <p>
          <ExpressInterestLink kind="organization" id={org.id} asButton />
        </p>
      )}
      <dl className="facts">
        {org.orgNumber && (
          <>
            <dt>{t("org.orgNumber")}</dt>
            <dd>{org.orgNumber}</dd>
          </>
        )}
        {org.region && (
          <>
            <dt>{t("org.region")}</dt>
            <dd>{org.region}</dd>
          </>
        )}
        {org.employees !== null && (
          <>
            <dt>{t("org.employees")}</dt>
            <dd>{org.employees}</dd>
          </>
        )}
        {industry && (
          <>
            <dt>{t("org.sniCode")}</dt>
            <dd>{label(industry, locale)}</dd>
          </>
        )}
        {org.website && (
          <>
            <dt>{t("org.website")}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer nofollow">
                {org.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {org.eligibleApplicant && <p className="eligible">{t("org.eligible")}</p>}
      {pendingParent && <PendingParentChange request={pendingParent} />}
      <ErrorSummary failure={decided} />
      {toDecide.length > 0 && <ParentChangeList requests={toDecide} />}
      {(org.parent || org.subsidiaries.length > 0) && (
        <section aria-labelledby="group">
          <h2 id="group">{t("org.group")}</h2>
          {org.parent && (
            <p>
              {t("org.partOf", { name: "" })}
              <Link to={`/organizations/${org.parent.id}`}>{org.parent.name}</Link>
            </p>
          )}
          {org.subsidiaries.length > 0 && (
            <>
              <p>{t("org.subsidiaries")}:</p>
              <ul>
                {org.subsidiaries.map((s) => (
                  <li key={s.id}>
                    <Link to={`/organizations/${s.id}`}>{s.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {[
        ["org.description", org.description],
        ["org.competencies", org.competencies],
        ["org.needs", org.needs],
      ].map(([key, text]) =>
        text ? (
          <section key={key}>
            <h2>{t(key as "org.description")}</h2>
            <p className="prose">{text}</p>
          </section>
        ) : null,
      )}
      {org.postings.length > 0 && (
        <section>
          <h2>{t("org.postings")}</h2>
          <ul>
            {org.postings.map((p) => (
              <li key={p.id} lang={p.language}>
                {t(`posting.kind.${p.kind}`)}: <Link to={`/postings/${p.id}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <TrackRecord projects={projects} collaborators={collaborators} />
      {inviteTo.length > 0 && (
        <Form method="post" className="inline invite-to" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="invite" />
          <label>
            {t("org.inviteTo")}{" "}
            <select name="consortiumId">
              {inviteTo.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("consortium.inviteButton")}</button>
        </Form>
      )}
      {canEdit && (
        <p>
          <Link to={`/organizations/${org.id}/edit`} className="button">
            {t("org.edit")}
          </Link>
        </p>
      )}
      {(org.needs || org.competencies || org.description) && (
        <Suggestions
          kind={suggestions?.kind ?? "need"}
          list={suggestions?.list ?? null}
          hint={suggestions?.kind === "competence" ? "match.forOrgCompetence" : "match.forOrgNeeds"}
        />
      )}
    </article>
  );
}
