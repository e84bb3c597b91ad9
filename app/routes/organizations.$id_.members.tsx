// An organization's people, and the requests to join it that its admins (or site admins)
// approve or refuse. Only its members and site admins see this page; everyone else gets
// the same 404 as for an organization that does not exist.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate } from "#app/i18n/index.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { decideMembership, getMembersView, setEmailDomains } from "#app/models/membership.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle<typeof loader>((data, t) => t("membership.membersTitle", { organization: data.org.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await getMembersView(params.id!, user);
  if (!view) throw new Response("Not found", { status: 404 });
  return view;
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("domains"), domains: z.string().optional() }),
  z.object({ intent: z.enum(["approve", "refuse"]), userId: z.string().optional(), person: z.string().optional() }),
]);

export const action = formAction(
  { access: "user", schema, fieldErrors: true, unknownIntent: "not-found" },
  async ({ params, form, locale, user, input, fail }) => {
    if (input.intent === "domains") {
      const saved = await setEmailDomains(params.id!, user, (input.domains ?? "").slice(0, 3000));
      if (saved.ok) return data({ status: "done" as const, message: translate(locale, "membership.domainsSaved") });
      if (saved.error === "not-found") throw new Response("Not found", { status: 404 });
      const key =
        saved.error === "free-mail"
          ? "membership.domainsFreeMail"
          : saved.error === "too-many"
            ? "membership.domainsTooMany"
            : "membership.domainsInvalid";
      return fail({ fieldErrors: { domains: translate(locale, key, { domain: saved.domain ?? "" }) }, values: formValues(form) });
    }
    const userId = input.userId ?? "";
    const person = (input.person ?? "").slice(0, 200);
    if (!isId(userId)) throw new Response("Not found", { status: 404 });
    const result = await decideMembership(params.id!, userId, user, input.intent === "approve");
    if (!result.ok) {
      if (result.error === "already-decided") return fail({ formErrors: [translate(locale, "membership.alreadyDecided")] }, 409);
      throw new Response("Not found", { status: 404 });
    }
    return data({
      status: "done" as const,
      message: translate(locale, input.intent === "approve" ? "membership.approvedDone" : "membership.refusedDone", { person }),
    });
  },
);

export default function Members() {
  const t = useT();
  const { org, members, requests, canDecide, canVerifyDomains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = failureOf(result);
  return (
    <section>
      <p>
        <Link to={`/organizations/${org.id}`}>{org.name}</Link>
      </p>
      <h1>{t("membership.membersTitle", { organization: org.name })}</h1>
      {result?.status === "done" && <p role="status">{result.message}</p>}
      <ErrorSummary failure={failed} />
      {canDecide && (
        <>
          <h2>{t("membership.requestsTitle")}</h2>
          {requests.length === 0 ? (
            <p>{t("membership.noRequests")}</p>
          ) : (
            <ul className="requests">
              {requests.map((r) => (
                <li key={r.user.id}>
                  <strong>{r.user.name}</strong> ({r.user.email}){r.user.title ? `, ${r.user.title}` : ""}
                  {r.message && <blockquote>{r.message}</blockquote>}
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="userId" value={r.user.id} />
                    <input type="hidden" name="person" value={r.user.name} />
                    <button type="submit" name="intent" value="approve">
                      {t("membership.approve")}
                    </button>{" "}
                    <button type="submit" name="intent" value="refuse" className="secondary">
                      {t("membership.refuse")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canVerifyDomains ? (
        <Form method="post" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="domains" />
          <Field
            name="domains"
            label={t("membership.domains")}
            hint={t("membership.domainsHint")}
            defaultValue={failed?.values.domains ?? org.emailDomains.join(", ")}
            error={failed?.fieldErrors.domains}
            maxLength={3000}
          />
          <button type="submit" className="secondary">
            {t("membership.domainsSave")}
          </button>
        </Form>
      ) : (
        org.emailDomains.length > 0 && (
          <p>
            {t("membership.domains")}: {org.emailDomains.join(", ")}
          </p>
        )
      )}
      <h2>{t("membership.members")}</h2>
      <ul>
        {members.map((m) => (
          <li key={m.user.id}>
            <Link to={`/people/${m.user.id}`}>{m.user.name}</Link> ·{" "}
            {t(m.role === "admin" ? "membership.roleAdmin" : "membership.roleMember")}
          </li>
        ))}
      </ul>
    </section>
  );
}
