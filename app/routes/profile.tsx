import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { LanguagePicker, SubjectPicker } from "#app/components/pickers.tsx";
import { OrganizationPicker } from "#app/components/organization-picker.tsx";
import { translate } from "#app/i18n/index.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { failure, failureOf, formValues, withDefaultIntent } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { organizationsOf } from "#app/models/posting.server.ts";
import { getOwnProfile, profileSchema, saveProfile } from "#app/models/profile.server.ts";
import {
  affiliationSchema,
  findOrganizationCandidates,
  joinOrganization,
  myMembershipRequests,
  type AffiliationResult,
  type OrganizationChoice,
} from "#app/models/membership.server.ts";
import type { Locale } from "#app/i18n/index.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("profile.title");

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
    } satisfies Record<string, string>,
  };
}

// Two forms: asking to join an organization (intent "join"), and the profile itself (the
// form without an intent).
const schema = withDefaultIntent(
  "save",
  z.discriminatedUnion("intent", [
    affiliationSchema.extend({ intent: z.literal("join") }),
    profileSchema.extend({ intent: z.literal("save") }),
  ]),
);

export const action = formAction({ access: "user", schema, fieldErrors: true }, async ({ form, locale, user, input, fail }) => {
  if (input.intent === "join") {
    if (!input.organization && !input.organizationId)
      return fail({ fieldErrors: { organization: translate(locale, "validation.required") }, values: formValues(form) });
    const joined = joinOutcome(await joinOrganization(user, input), input.organization ?? "", locale);
    // An ambiguous name is refused with the choice among the organizations it may mean.
    if (joined.error)
      return data({ ...failure({ fieldErrors: { organization: joined.error }, values: formValues(form) }), joined }, { status: 400 });
    return data({ status: "joined" as const, joined });
  }
  const { intent: _profileForm, ...profile } = input;
  if (!(await saveProfile(user.id, profile)))
    return fail({ fieldErrors: { orcid: translate(locale, "profile.orcidTaken") }, values: formValues(form) });
  return data({ status: "saved" as const });
});

/** What the person is told after asking to join, and the choice offered when a name is ambiguous. */
function joinOutcome(
  result: AffiliationResult,
  typed: string,
  locale: Locale,
): { message?: string; error?: string; candidates?: OrganizationChoice[]; typed: string } {
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
  const failed = failureOf(result);
  // A refused request to join leaves the profile form as it was loaded.
  const v: Record<string, string> = failed && failed.values.intent !== "join" ? failed.values : loaded.values;
  const e = failed?.fieldErrors;
  const joined = result && "joined" in result ? result.joined : undefined;
  // The choice among similar organizations: from the last answer, else from registration.
  const choice = joined?.candidates
    ? { typed: joined.typed, candidates: joined.candidates }
    : { typed: loaded.typed, candidates: loaded.candidates };
  return (
    <section className="narrow">
      <h1>{t("profile.title")}</h1>
      {result?.status === "saved" && <p role="status">{t("profile.saved")}</p>}
      {loaded.memberships.length > 0 && (
        <>
          <h2>{t("profile.affiliations")}</h2>
          <ul>
            {loaded.memberships.map((m) => (
              <li key={m.id}>
                <Link to={`/organizations/${m.id}`}>{m.name}</Link> ·{" "}
                <Link to={`/organizations/${m.id}/members`}>{t("membership.manage")}</Link>
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
      {joined?.message && <p role="status">{joined.message}</p>}
      <Form method="post" noValidate className="inline-form" id="affiliation">
        <CsrfField />
        <input type="hidden" name="intent" value="join" />
        <OrganizationPicker
          name="organization"
          choiceName="organizationId"
          label={t("profile.join")}
          hint={t("picker.organizations.hint")}
          defaultValue={choice.typed}
          error={e?.organization}
          choices={choice.candidates}
          allowCreate
        />
        <Field name="message" label={t("membership.message")} maxLength={1000} />
        <button type="submit" className="secondary">
          {t("profile.joinSubmit")}
        </button>
      </Form>
      <ErrorSummary failure={failed} />
      <Form method="post" noValidate>
        <CsrfField />
        <Field name="name" label={t("profile.name")} required maxLength={200} defaultValue={v.name} error={e?.name} />
        <Field name="title" label={t("profile.jobTitle")} maxLength={200} defaultValue={v.title} error={e?.title} />
        <Field name="orcid" label={t("profile.orcid")} placeholder="0000-0002-1825-0097" defaultValue={v.orcid} error={e?.orcid} />
        <LanguagePicker name="languages" label={t("profile.languages")} defaultValue={v.languages} error={e?.languages} />
        <Field
          name="researchInterests"
          label={t("profile.researchInterests")}
          multiline
          maxLength={10000}
          defaultValue={v.researchInterests}
          error={e?.researchInterests}
        />
        <Field
          name="competencies"
          label={t("profile.competencies")}
          multiline
          maxLength={10000}
          defaultValue={v.competencies}
          error={e?.competencies}
        />
        <Field
          name="keywords"
          label={t("profile.keywords")}
          hint={t("posting.field.keywordsHint")}
          defaultValue={v.keywords}
          error={e?.keywords}
        />
        <SubjectPicker name="subjects" label={t("profile.subjects")} defaultValue={v.subjects} error={e?.subjects} />
        <button type="submit">{t("profile.save")}</button>
      </Form>
      <ul className="profile-more">
        <li>
          <Link to="/profile/blocked">{t("blocks.link")}</Link>
        </li>
        <li>
          <Link to="/profile/delete">{t("account.delete.link")}</Link>
        </li>
      </ul>
    </section>
  );
}
