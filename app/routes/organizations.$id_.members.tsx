// An organization's people, and the requests to join it that its admins (or site admins)
// approve or refuse. Only its members and site admins see this page; everyone else gets
// the same 404 as for an organization that does not exist.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { decideMembership, getMembersView, setEmailDomains } from "#app/models/membership.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.org.name}: people · Samband` : "Samband" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await getMembersView(params.id!, user);
  if (!view) throw new Response("Not found", { status: 404 });
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request, user);
  const intent = form.get("intent");
  if (intent === "domains") {
    const saved = await setEmailDomains(params.id!, user, String(form.get("domains") ?? "").slice(0, 3000));
    if (saved.ok) return data({ message: translate(locale, "membership.domainsSaved"), domainsError: undefined });
    if (saved.error === "not-found") throw new Response("Not found", { status: 404 });
    const key = saved.error === "free-mail" ? "membership.domainsFreeMail" : saved.error === "too-many" ? "membership.domainsTooMany" : "membership.domainsInvalid";
    return data({ message: undefined, domainsError: translate(locale, key, { domain: saved.domain ?? "" }) }, { status: 400 });
  }
  const userId = String(form.get("userId") ?? "");
  const person = String(form.get("person") ?? "").slice(0, 200);
  if ((intent !== "approve" && intent !== "refuse") || !isId(userId)) throw new Response("Not found", { status: 404 });
  const result = await decideMembership(params.id!, userId, user, intent === "approve");
  if (!result.ok) {
    if (result.error === "already-decided") return data({ message: translate(locale, "membership.alreadyDecided"), domainsError: undefined }, { status: 409 });
    throw new Response("Not found", { status: 404 });
  }
  return data({ message: translate(locale, intent === "approve" ? "membership.approvedDone" : "membership.refusedDone", { person }), domainsError: undefined });
}

export default function Members() {
  const t = useT();
  const { org, members, requests, canDecide, canVerifyDomains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/organizations/${org.id}`}>{org.name}</Link>
      </p>
      <h1>{t("membership.membersTitle", { organization: org.name })}</h1>
      {result?.message && <p role="status">{result.message}</p>}
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
          <Field name="domains" label={t("membership.domains")} hint={t("membership.domainsHint")} defaultValue={org.emailDomains.join(", ")} error={result?.domainsError} maxLength={3000} />
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
            <Link to={`/people/${m.user.id}`}>{m.user.name}</Link> · {t(m.role === "admin" ? "membership.roleAdmin" : "membership.roleMember")}
          </li>
        ))}
      </ul>
    </section>
  );
}
