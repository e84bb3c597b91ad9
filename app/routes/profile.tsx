import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { formValues, parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { organizationsOf } from "#app/models/posting.server.ts";
import { getOwnProfile, profileSchema, saveProfile } from "#app/models/profile.server.ts";
import { affiliationSchema, findOrganizationCandidates, joinOrganization, myMembershipRequests, type AffiliationResult, type OrganizationChoice } from "#app/models/membership.server.ts";
import type { Locale } from "#app/i18n/index.ts";

export const meta: MetaFunction = () => [{ title: "Samband: my profile" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // After registration with a name that needs a choice, the choice is offered here.
  const typed = new URL(request.url).searchParams.get("organization")?.trim().slice(0, 300) ?? "";
  const [p, memberships, requests, candidates] = await Promise.all([
    getOwnProfile(user.id),
    organizationsOf(user.id),
    myMembershipRequests(user.id),
    typed ? findOrganizationCandidates(typed) : Promise.resolve([] as OrganizationChoice[]),
  ]);
  return {
    userId: user.id,
    typed,
    candidates,
    requests: requests.map((r) => ({ ...r.organization, status: r.status })),
    memberships: memberships.map((m) => ({ ...m.organization, admin: m.role === "admin" })),
    values: {
      name: p.name,
      title: p.title ?? "",
      orcid: p.orcid ?? "",
      languages: p.languages.join(", "),
      researchInterests: p.researchInterests ?? "",
      competencies: p.competencies ?? "",
      keywords: p.keywords.join(", "),
      subjects: p.subjects.join(", "),
    } as Record<string, string>,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request, user);
  if (form.get("intent") === "join") {
    const join = parseForm(affiliationSchema, form, locale);
    if (!join.ok) return data({ errors: join.errors, values: undefined, saved: false, joined: undefined }, { status: 400 });
    if (!join.data.organization && !join.data.organizationId) {
      return data({ errors: { organization: translate(locale, "validation.required") }, values: undefined, saved: false, joined: undefined }, { status: 400 });
    }
    const result = await joinOrganization(user, join.data);
    const joined = joinOutcome(result, join.data.organization ?? "", locale);
    return data({ errors: joined.error ? { organization: joined.error } : undefined, values: undefined, saved: false, joined }, { status: joined.error ? 400 : 200 });
  }
  const parsed = parseForm(profileSchema, form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: false, joined: undefined }, { status: 400 });
  if (!(await saveProfile(user.id, parsed.data))) {
    const values = formValues(form);
    return data({ errors: { orcid: translate(locale, "profile.orcidTaken") }, values, saved: false, joined: undefined }, { status: 400 });
  }
  return data({ errors: undefined, values: undefined, saved: true, joined: undefined });
}

/** What the person is told after asking to join, and the choice offered when a name is ambiguous. */
function joinOutcome(result: AffiliationResult, typed: string, locale: Locale): { message?: string; error?: string; candidates?: OrganizationChoice[]; typed: string } {
  switch (result.kind) {
    case "requested":
      return { typed, message: translate(locale, "membership.sent", { organization: result.name }) };
    case "member":
      return { typed, message: translate(locale, "membership.already", { organization: result.name }) };
    case "joined":
      return { typed, message: translate(locale, "membership.joined", { organization: result.name }) };
    case "created":
      return { typed, message: translate(locale, "membership.created") };
    case "choose":
      return { typed, error: translate(locale, "membership.choose"), candidates: result.candidates };
    case "unknown-number":
      return { typed, error: translate(locale, "membership.unknownNumber", { number: result.orgNumber }) };
    case "unknown-choice":
      return { typed, error: translate(locale, "membership.unknownChoice") };
    case "none":
      return { typed, error: translate(locale, "validation.required") };
  }
}

export default function Profile() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = (result?.values ?? loaded.values) as Record<string, string>;
  const e = result?.errors as Record<string, string> | undefined;
  // The choice among similar organizations: from the last answer, else from registration.
  const choice = result?.joined?.candidates ? { typed: result.joined.typed, candidates: result.joined.candidates } : { typed: loaded.typed, candidates: loaded.candidates };
  return (
    <section className="narrow">
      <h1>{t("profile.title")}</h1>
      {result?.saved && <p role="status">{t("profile.saved")}</p>}
      {loaded.memberships.length > 0 && (
        <>
          <h2>{t("profile.affiliations")}</h2>
          <ul>
            {loaded.memberships.map((m) => (
              <li key={m.id}>
                <Link to={`/organizations/${m.id}`}>{m.name}</Link> · <Link to={`/organizations/${m.id}/members`}>{t("membership.manage")}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {loaded.requests.length > 0 && (
        <ul aria-label={t("membership.pending")}>
          {loaded.requests.map((r) => (
            <li key={r.id}>
              {r.name}: <strong>{t(r.status === "pending" ? "membership.pending" : "membership.refusedStatus")}</strong>
            </li>
          ))}
        </ul>
      )}
      {result?.joined?.message && <p role="status">{result.joined.message}</p>}
      <Form method="post" noValidate className="inline-form" id="affiliation">
        <CsrfField />
        <input type="hidden" name="intent" value="join" />
        <Field name="organization" label={t("profile.join")} hint={t("register.organizationHint")} maxLength={300} defaultValue={choice.typed} error={e?.organization} />
        {choice.candidates.length > 0 && (
          <fieldset>
            <legend>{t("membership.chooseLegend")}</legend>
            {choice.candidates.map((c) => (
              <label key={c.id} className="choice">
                <input type="radio" name="organizationId" value={c.id} /> {c.name}
                {c.orgNumber ? ` (${c.orgNumber})` : ""}
              </label>
            ))}
            <label className="choice">
              <input type="radio" name="organizationId" value="new" /> {t("membership.createNew", { name: choice.typed })}
            </label>
          </fieldset>
        )}
        <Field name="message" label={t("membership.message")} maxLength={1000} />
        <button type="submit" className="secondary">
          {t("profile.joinSubmit")}
        </button>
      </Form>
      <ErrorSummary errors={e} />
      <Form method="post" noValidate>
        <CsrfField />
        <Field name="name" label={t("profile.name")} required maxLength={200} defaultValue={v.name} error={e?.name} />
        <Field name="title" label={t("profile.jobTitle")} maxLength={200} defaultValue={v.title} error={e?.title} />
        <Field name="orcid" label={t("profile.orcid")} placeholder="0000-0002-1825-0097" defaultValue={v.orcid} error={e?.orcid} />
        <Field name="languages" label={t("profile.languages")} hint={t("profile.languagesHint")} defaultValue={v.languages} error={e?.languages} />
        <Field name="researchInterests" label={t("profile.researchInterests")} multiline maxLength={10000} defaultValue={v.researchInterests} error={e?.researchInterests} />
        <Field name="competencies" label={t("profile.competencies")} multiline maxLength={10000} defaultValue={v.competencies} error={e?.competencies} />
        <Field name="keywords" label={t("profile.keywords")} hint={t("posting.field.keywordsHint")} defaultValue={v.keywords} error={e?.keywords} />
        <Field name="subjects" label={t("profile.subjects")} hint={t("posting.field.subjectsHint")} defaultValue={v.subjects} error={e?.subjects} />
        <button type="submit">{t("profile.save")}</button>
      </Form>
    </section>
  );
}
