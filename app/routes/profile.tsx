import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "~/components/form";
import { useT } from "~/components/i18n";
import { translate } from "~/i18n";
import { verifyCsrf } from "~/lib/csrf.server";
import { formValues, parseForm } from "~/lib/forms";
import { resolveLocale } from "~/lib/locale.server";
import { readForm } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";
import { organizationsOf } from "~/models/posting.server";
import { getOwnProfile, profileSchema, saveProfile } from "~/models/profile.server";
import { joinOrganization } from "~/models/user.server";
import { getPrisma } from "~/lib/db.server";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Samband: my profile" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [p, memberships] = await Promise.all([getOwnProfile(user.id), organizationsOf(user.id)]);
  return {
    userId: user.id,
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
    const join = parseForm(z.object({ organization: z.string().trim().min(1).max(300) }), form, locale);
    if (!join.ok) return data({ errors: join.errors, values: undefined, saved: false }, { status: 400 });
    await getPrisma().$transaction((tx) => joinOrganization(tx, user.id, join.data.organization, user.role));
    return data({ errors: undefined, values: undefined, saved: true });
  }
  const parsed = parseForm(profileSchema, form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: false }, { status: 400 });
  if (!(await saveProfile(user.id, parsed.data))) {
    const values = formValues(form);
    return data({ errors: { orcid: translate(locale, "profile.orcidTaken") }, values, saved: false }, { status: 400 });
  }
  return data({ errors: undefined, values: undefined, saved: true });
}

export default function Profile() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = (result?.values ?? loaded.values) as Record<string, string>;
  const e = result?.errors as Record<string, string> | undefined;
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
                <Link to={`/organizations/${m.id}`}>{m.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <Form method="post" noValidate className="inline-form">
        <CsrfField />
        <input type="hidden" name="intent" value="join" />
        <Field name="organization" label={t("profile.join")} hint={t("register.organizationHint")} maxLength={300} error={e?.organization} />
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
