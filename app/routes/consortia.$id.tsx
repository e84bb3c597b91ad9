// A consortium's page, for its coordinator and members only: the eligibility checklist,
// the co-funding tally per partner against the requirement, what is missing, and the
// members with what the viewer may do (answer an invitation, pledge, withdraw, remove).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { failureOf } from "#app/lib/forms.ts";
import { logSearchUnavailable } from "#app/lib/meili.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import {
  getConsortiumView,
  invite,
  organizationByName,
  pledgeSchema,
  respond,
  setContact,
  setPledge,
  withdraw,
} from "#app/models/consortium.server.ts";
import { partnersForConsortium, type PartnerSuggestion } from "#search/partners.server.ts";
import { reasonText } from "#search/match.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Samband` : "Samband" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = isId(params.id!) ? await getConsortiumView(params.id!, user.id) : null;
  if (!view) throw new Response("Not found", { status: 404 });
  const { consortium: c, evaluation: e, isCoordinator, myOrgs, people } = view;
  const pledged = (m: (typeof c.members)[number]) => Number(m.pledgeCash) + Number(m.pledgeInKind);
  // Only the coordinator invites. Without Meilisearch the list comes from PostgreSQL alone: shown, with a notice.
  const found = isCoordinator ? await partnersForConsortium(c, { limit: 5 }) : null;
  if (found?.outage) logSearchUnavailable(`consortium ${c.id}`, found.outage);
  const completing: PartnerSuggestion[] = found?.list ?? [];
  return {
    completing,
    partial: Boolean(found?.outage),
    id: c.id,
    title: c.title,
    summary: c.summary,
    programme: c.programme.name,
    lead: c.leadOrganization,
    coordinator: c.coordinator,
    requestedFunding: Number(c.requestedFunding),
    isCoordinator,
    rules: e.rules,
    eligible: e.eligible,
    missing: e.missing,
    independentCompanies: e.independentCompanies,
    coFunding: e.coFunding,
    members: c.members.map((m) => ({
      organizationId: m.organizationId,
      name: m.organization.name,
      kind: m.organization.kind,
      status: m.status,
      reason: m.reason,
      pledgeCash: Number(m.pledgeCash),
      pledgeInKind: Number(m.pledgeInKind),
      pledged: pledged(m),
      mine: myOrgs.includes(m.organizationId),
      contact: m.contact,
      people: people.filter((p) => p.organizationId === m.organizationId).map((p) => p.user),
    })),
  };
}

const member = { organizationId: z.string().optional(), reason: z.string().optional() };
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), organizationName: z.string().optional(), organizationId: z.string().optional() }),
  z.object({ intent: z.literal("contact"), organizationId: z.string().optional(), contactId: z.string().optional() }),
  z.object({ intent: z.enum(["accept", "decline", "withdraw"]), ...member }),
  z.object({ intent: z.literal("pledge"), ...member, pledgeCash: z.string().optional(), pledgeInKind: z.string().optional() }),
]);

export const action = formAction({ access: "user", schema }, async ({ params, locale, user, input, fail }) => {
  const id = params.id!;
  const refuse = (key: MessageKey, status = 400) => fail({ formErrors: [translate(locale, key)] }, status);
  if (input.intent === "invite") {
    const name = (input.organizationName ?? "").slice(0, 300);
    const target = input.organizationId ? input.organizationId : await organizationByName(name);
    if (!target || !isId(target) || !isId(id)) return refuse("consortium.unknownOrg");
    const invited = await invite(id, user.id, target);
    if (!invited.ok) throw new Response("Not found", { status: 404 });
    return redirect(`/consortia/${id}`);
  }
  const org = input.organizationId ?? "";
  if (!isId(id) || !isId(org)) throw new Response("Not found", { status: 404 });
  if (input.intent === "contact") {
    const contact = input.contactId ?? "";
    if (contact !== "" && !isId(contact)) return refuse("consortium.contactInvalid");
    const set = await setContact(id, org, user.id, contact || null);
    if (!set.ok && (set.error === "not-found" || set.error === "forbidden")) throw new Response("Not found", { status: 404 });
    if (!set.ok) return refuse(set.error === "not-at-organization" ? "consortium.contactInvalid" : "consortium.notMember");
    return redirect(`/consortia/${id}`);
  }
  const reason = (input.reason ?? "").slice(0, 2000);
  let result;
  if (input.intent === "pledge") {
    const parsed = pledgeSchema.safeParse({ pledgeCash: input.pledgeCash || 0, pledgeInKind: input.pledgeInKind || 0 });
    if (!parsed.success) return refuse("consortium.pledgeInvalid");
    result = await setPledge(id, org, user.id, parsed.data);
  } else if (input.intent === "withdraw") result = await withdraw(id, org, user.id, reason);
  else result = await respond(id, org, user.id, input.intent === "accept", reason);
  if (!result.ok) {
    if (result.error === "not-found" || result.error === "forbidden") throw new Response("Not found", { status: 404 });
    return refuse(result.error === "not-invited" ? "consortium.notInvited" : "consortium.notMember", 409);
  }
  return redirect(`/consortia/${id}`);
});

const sek = (n: number) => `${n.toLocaleString("sv-SE")} kr`;

export default function ConsortiumPage() {
  const t = useT();
  const locale = useLocale();
  const c = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const scale = Math.max(c.coFunding.required, c.coFunding.total, 1);
  const funders = c.members.filter((m) => m.status === "accepted" && (m.kind === "company" || m.kind === "institute") && m.pledged > 0);
  return (
    <article className="consortium">
      <p className="badge">{c.programme}</p>
      <h1>{c.title}</h1>
      <p>
        {t("consortium.coordinator")}: {c.coordinator.name}
        {c.lead && (
          <>
            {" · "}
            {t("consortium.lead")}: <Link to={`/organizations/${c.lead.id}`}>{c.lead.name}</Link>
          </>
        )}
      </p>
      {failed && (
        <p className="error-summary" role="alert">
          {failed.formErrors[0] ?? t("form.errorSummary")}
        </p>
      )}
      <section className="eligibility" aria-labelledby="eligibility-title">
        <h2 id="eligibility-title">{t(c.eligible ? "consortium.eligible" : "consortium.notEligible")}</h2>
        <ul className="checklist">
          {c.rules.map((r) => (
            <li key={r.id} className={r.passed ? "pass" : "fail"}>
              <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span>{" "}
              <span className="visually-hidden">{t(r.passed ? "consortium.passed" : "consortium.failed")}: </span>
              {r.message}
            </li>
          ))}
        </ul>
        {c.missing && <p className="missing">{c.missing}</p>}
        <figure className="tally" aria-labelledby="tally-caption">
          <figcaption id="tally-caption">
            {t("consortium.tally", { total: sek(c.coFunding.total), required: sek(c.coFunding.required) })}
          </figcaption>
          <ul>
            {funders.map((m) => (
              <li key={m.organizationId}>
                <span className="who">{m.name}</span>
                <span className="bar" style={{ width: `${(m.pledged / scale) * 100}%` }} />
                <span className="amount">{sek(m.pledged)}</span>
              </li>
            ))}
            <li className="required">
              <span className="who">{t("consortium.required")}</span>
              <span className="bar" style={{ width: `${(c.coFunding.required / scale) * 100}%` }} />
              <span className="amount">{sek(c.coFunding.required)}</span>
            </li>
          </ul>
        </figure>
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("consortium.members")}</h2>
        <ul className="members">
          {c.members.map((m) => (
            <li key={m.organizationId}>
              <strong>{m.name}</strong> · {t(`consortium.status.${m.status}`)}
              {m.pledged > 0 && <> · {t("consortium.pledge", { cash: sek(m.pledgeCash), inKind: sek(m.pledgeInKind) })}</>}
              {m.reason && <> · {m.reason}</>}
              {m.contact && <> · {t("consortium.contact", { name: m.contact.name })}</>}
              {c.isCoordinator && (m.status === "invited" || m.status === "accepted") && m.people.length > 0 && (
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="organizationId" value={m.organizationId} />
                  <input type="hidden" name="intent" value="contact" />
                  <label>
                    {t("consortium.contactLabel")}{" "}
                    <select name="contactId" defaultValue={m.contact?.id ?? ""}>
                      <option value="">{t("consortium.contactNone")}</option>
                      {m.people.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" className="secondary">
                    {t("consortium.setContact")}
                  </button>
                </Form>
              )}
              {m.mine && m.status === "invited" && (
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="organizationId" value={m.organizationId} />
                  <label>
                    {t("consortium.reason")} <input type="text" name="reason" maxLength={2000} />
                  </label>
                  <button type="submit" name="intent" value="accept">
                    {t("consortium.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="secondary">
                    {t("consortium.decline")}
                  </button>
                </Form>
              )}
              {m.mine && m.status === "accepted" && (
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="organizationId" value={m.organizationId} />
                  <input type="hidden" name="intent" value="pledge" />
                  <label>
                    {t("consortium.cash")} <input type="text" inputMode="decimal" name="pledgeCash" defaultValue={m.pledgeCash} />
                  </label>
                  <label>
                    {t("consortium.inKind")} <input type="text" inputMode="decimal" name="pledgeInKind" defaultValue={m.pledgeInKind} />
                  </label>
                  <button type="submit">{t("consortium.savePledge")}</button>
                </Form>
              )}
              {(m.mine || c.isCoordinator) && (m.status === "accepted" || m.status === "invited") && (
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="organizationId" value={m.organizationId} />
                  <input type="hidden" name="intent" value="withdraw" />
                  <button type="submit" className="secondary">
                    {t(m.mine ? "consortium.withdraw" : "consortium.remove")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {c.isCoordinator && (
          <Form method="post" className="inline">
            <CsrfField />
            <input type="hidden" name="intent" value="invite" />
            <label>
              {t("consortium.inviteName")} <input type="text" name="organizationName" maxLength={300} required />
            </label>
            <button type="submit">{t("consortium.inviteButton")}</button>
          </Form>
        )}
      </section>
      {c.isCoordinator && (c.completing.length > 0 || c.partial) && (
        <section className="suggestions" aria-labelledby="complete-title">
          <h2 id="complete-title">{t("consortium.complete")}</h2>
          <p className="hint">{t("consortium.completeHint")}</p>
          {c.partial && (
            <p className="notice" role="status">
              {t("match.partial")}
            </p>
          )}
          <ol className="suggestion-list">
            {c.completing.map((s) => (
              <li key={s.id} className="suggestion">
                <div className="suggestion-head">
                  <Link to={`/organizations/${s.id}`}>{s.name}</Link>
                  <span className="score">{t("match.score", { score: String(s.score) })}</span>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="intent" value="invite" />
                    <input type="hidden" name="organizationId" value={s.id} />
                    <button type="submit" className="secondary">
                      {t("consortium.inviteButton")}
                    </button>
                  </Form>
                </div>
                <ul className="reasons" aria-label={t("match.why")}>
                  {s.reasons.slice(0, 4).map((r, i) => (
                    <li key={i}>{reasonText(r, locale)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
