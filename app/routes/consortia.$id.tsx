// A consortium's page, for its coordinator and members only: the workspace of the project
// (what it is about, its programme and deadline, what each partner is expected to give),
// the eligibility checklist, the co-funding tally per partner against the requirement,
// what is missing, and the members with what the viewer may do (answer an invitation,
// pledge, withdraw or remove after a confirmation step).
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OutcomeSection } from "#app/components/consortium-outcome.tsx";
import { daysLeftText } from "#app/components/deadline.tsx";
import { DeclineForm, declineFieldIds, DeclineReasonText } from "#app/components/decline-form.tsx";
import { PledgeForm, pledgeAmountsSchema, pledgeFieldIds } from "#app/components/pledge-form.tsx";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { declineNeedsText, isInvitationDeclineReason } from "#app/domain/invitation-decline.ts";
import { missingLine } from "#app/domain/eligibility.ts";
import { isOutcome, stockholmDay } from "#app/domain/outcome.ts";
import { formatDate, formatKronor } from "#app/i18n/format.ts";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { daysLeft } from "#app/domain/home.ts";
import { renderMessage, renderMessages } from "#app/i18n/message.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash, type FlashName } from "#app/lib/flash.ts";
import { isId } from "#app/lib/form-fields.ts";
import { failure, failureOf, parseForm } from "#app/lib/forms.ts";
import { OrganizationPicker, type OrganizationOption } from "#app/components/organization-picker.tsx";
import { resolveOrganization } from "#app/models/organization-search.server.ts";
import { logSearchUnavailable } from "#app/lib/meili.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import {
  describeConsortium,
  descriptionSchema,
  getConsortiumView,
  invite,
  maySee,
  respond,
  setContact,
  setExpectedContribution,
  setPledge,
  withdraw,
} from "#app/models/consortium.server.ts";
import { outcomeView, recordOutcome } from "#app/models/outcome.server.ts";
import { recordSuggestionsShown } from "#app/models/funnel.server.ts";
import { partnersForConsortium, type PartnerSuggestion } from "#search/partners.server.ts";
import { reasonText } from "#search/match.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { LettersChecklistItem, LettersSection } from "#app/components/letters.tsx";
import { PackageSection } from "#app/components/application-package.tsx";
import { readyToSubmit } from "#app/domain/letters.ts";
import { letterSummary } from "#app/models/letter.server.ts";

export const handle = pageHandle<typeof loader>((data) => data.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = isId(params.id!) ? await getConsortiumView(params.id!, user.id) : null;
  if (!view) throw new Response("Not found", { status: 404 });
  const { consortium: c, evaluation: e, isCoordinator, myOrgs, people } = view;
  const pledged = (m: (typeof c.members)[number]) => Number(m.pledgeCash) + Number(m.pledgeInKind);
  // Suggestions help only while another company would change the count the rules ask
  // for: once it is met, they are neither computed nor shown.
  const countMet = e.independentCompanies >= c.programme.minIndependentCompanies;
  // Only the coordinator invites. Without Meilisearch the list comes from PostgreSQL alone: shown, with a notice.
  const found = isCoordinator && !countMet ? await partnersForConsortium(c, { limit: 5 }) : null;
  if (found?.outage) logSearchUnavailable(`consortium ${c.id}`, found.outage);
  const completing: PartnerSuggestion[] = found?.list ?? [];
  await recordSuggestionsShown(user.id, { kind: "consortium", id: c.id, programmeId: c.programmeId }, completing.length);
  const letters = await letterSummary(c.id);
  // The confirmation step before a withdrawal or removal (?confirm=<organization>): only
  // for a member the viewer may take out, otherwise the page shows as usual.
  const confirmId = new URL(request.url).searchParams.get("confirm");
  const leaving = c.members.find(
    (m) =>
      m.organizationId === confirmId &&
      (m.status === "invited" || m.status === "accepted") &&
      (isCoordinator || myOrgs.includes(m.organizationId)),
  );
  return {
    completing,
    partial: Boolean(found?.outage),
    id: c.id,
    title: c.title,
    summary: c.summary,
    keywords: c.keywords,
    programme: c.programme.name,
    deadline: c.programme.deadline?.toISOString() ?? null,
    daysLeft: c.programme.deadline ? daysLeft(c.programme.deadline, new Date()) : null,
    outcome: await outcomeView(c, user.id),
    today: stockholmDay(new Date()),
    countMet,
    confirm: leaving
      ? { organizationId: leaving.organizationId, name: leaving.organization.name, mine: myOrgs.includes(leaving.organizationId) }
      : null,
    lead: c.leadOrganization,
    coordinator: c.coordinator,
    requestedFunding: Number(c.requestedFunding),
    isCoordinator,
    rules: e.rules,
    eligible: e.eligible,
    ready: readyToSubmit(e.eligible, letters.tally),
    letterTally: letters.tally,
    letters: letters.rows,
    missing: e.missing,
    independentCompanies: e.independentCompanies,
    coFunding: e.coFunding,
    members: c.members.map((m) => ({
      organizationId: m.organizationId,
      name: m.organization.name,
      kind: m.organization.kind,
      status: m.status,
      reason: m.reason,
      declineReason: m.declineReason,
      pledgeCash: Number(m.pledgeCash),
      pledgeInKind: Number(m.pledgeInKind),
      pledged: pledged(m),
      mine: myOrgs.includes(m.organizationId),
      contact: m.contact,
      expected: m.expectedContribution ?? "",
      people: people.filter((p) => p.organizationId === m.organizationId).map((p) => p.user),
    })),
  };
}

const member = { organizationId: z.string().optional(), reason: z.string().optional() };
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), organizationName: z.string().optional(), organizationId: z.string().optional() }),
  z.object({ intent: z.literal("contact"), organizationId: z.string().optional(), contactId: z.string().optional() }),
  z.object({ intent: z.literal("accept"), ...member }),
  z.object({ intent: z.literal("decline"), ...member, declineReason: z.string().optional() }),
  z.object({ intent: z.literal("outcome"), outcome: z.string().optional(), outcomeOn: z.string().optional() }),
  // `confirmed` comes only from the confirmation step; `as` only picks the confirmation's words.
  z.object({ intent: z.literal("withdraw"), ...member, confirmed: z.string().optional(), as: z.enum(["withdrawn", "removed"]).optional() }),
  z.object({ intent: z.literal("describe"), summary: z.string().optional(), keywords: z.string().optional() }),
  z.object({ intent: z.literal("expect"), organizationId: z.string().optional(), expectedContribution: z.string().optional() }),
  z.object({ intent: z.literal("pledge"), ...member, pledgeCash: z.string().optional(), pledgeInKind: z.string().optional() }),
]);

export const action = formAction({ access: "user", schema }, async ({ params, form, locale, user, input, fail }) => {
  const id = params.id!;
  const refuse = (key: MessageKey, status = 400) => fail({ formErrors: [translate(locale, key)] }, status);
  if (input.intent === "invite") {
    const name = (input.organizationName ?? "").slice(0, 300);
    // Chosen in the picker or among the offered ones: its id. Typed only: the one it names
    // exactly (name or organisation number), else the ones it may mean, to choose among.
    const resolved = input.organizationId ? null : await resolveOrganization(name);
    if (resolved && resolved.kind !== "found") {
      const message = translate(locale, resolved.kind === "choose" ? "consortium.inviteChoose" : "consortium.unknownOrg");
      return data(
        {
          ...failure({ fieldErrors: { organizationName: message }, values: { intent: "invite", organizationName: name } }),
          choices: resolved.kind === "choose" ? resolved.candidates : [],
        },
        { status: 400 },
      );
    }
    const target = resolved ? resolved.organization.id : input.organizationId!;
    if (!isId(target) || !isId(id)) return refuse("consortium.unknownOrg");
    const invited = await invite(id, user.id, target);
    if (!invited.ok && invited.error === "already-a-partner") return refuse("consortium.alreadyPartner", 409);
    if (!invited.ok) throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/consortia/${id}`, "invited"));
  }
  if (input.intent === "describe") {
    if (!isId(id)) throw new Response("Not found", { status: 404 });
    const parsed = descriptionSchema.safeParse({ summary: input.summary ?? "", keywords: input.keywords ?? "" });
    if (!parsed.success) {
      return fail({
        fieldErrors: { summary: translate(locale, "validation.required") },
        values: { summary: input.summary ?? "", keywords: input.keywords ?? "" },
      });
    }
    if (!(await describeConsortium(id, user.id, parsed.data))) throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/consortia/${id}`, "consortiumSaved"));
  }
  if (input.intent === "outcome") {
    if (!isId(id)) throw new Response("Not found", { status: 404 });
    const values = { intent: "outcome", outcome: (input.outcome ?? "").slice(0, 20), outcomeOn: (input.outcomeOn ?? "").slice(0, 20) };
    if (!isOutcome(input.outcome)) return fail({ fieldErrors: { outcome: translate(locale, "validation.choice") }, values });
    const recorded = await recordOutcome(id, user.id, { kind: input.outcome, on: (input.outcomeOn ?? "").trim() });
    if (!recorded.ok) {
      if (recorded.error === "not-found") throw new Response("Not found", { status: 404 });
      // A date that is wrong in itself is the date field's; a step that cannot follow is the choice's.
      const field = recorded.error === "not-submitted" || recorded.error === "already-decided" ? "outcome" : "outcomeOn";
      return fail(
        { fieldErrors: { [field]: translate(locale, `outcome.error.${recorded.error}`) }, values },
        field === "outcome" ? 409 : 400,
      );
    }
    return redirect(withFlash(`/consortia/${id}#outcome-title`, "outcomeRecorded"));
  }
  const org = input.organizationId ?? "";
  if (!isId(id) || !isId(org)) throw new Response("Not found", { status: 404 });
  if (input.intent === "contact") {
    const contact = input.contactId ?? "";
    if (contact !== "" && !isId(contact)) return refuse("consortium.contactInvalid");
    const set = await setContact(id, org, user.id, contact || null);
    if (!set.ok && (set.error === "not-found" || set.error === "forbidden")) throw new Response("Not found", { status: 404 });
    if (!set.ok) return refuse(set.error === "not-at-organization" ? "consortium.contactInvalid" : "consortium.notMember");
    return redirect(withFlash(`/consortia/${id}`, "contactSet"));
  }
  if (input.intent === "expect") {
    const text = (input.expectedContribution ?? "").slice(0, 2000);
    if (!(await setExpectedContribution(id, org, user.id, text))) throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/consortia/${id}#member-${org}`, "expectationSaved"));
  }
  // Leaving asks first: without the confirmation step's answer nothing changes, and the
  // person is shown that step (this is also where a page without JavaScript goes).
  if (input.intent === "withdraw" && input.confirmed !== "yes") return redirect(`/consortia/${id}?confirm=${org}#confirm`);
  const reason = (input.reason ?? "").slice(0, 2000);
  let result;
  let done: FlashName;
  if (input.intent === "pledge") {
    // Amounts as people write them; messages keyed by this partner's own fields.
    const amounts = parseForm(pledgeAmountsSchema, form, locale);
    if (!amounts.ok) {
      const ids = pledgeFieldIds(org);
      const fieldErrors = Object.fromEntries(
        Object.entries(amounts.failure.fieldErrors).flatMap(([name, m]) => (name in ids ? [[ids[name as keyof typeof ids], m]] : [])),
      );
      const values = {
        organizationId: org,
        pledgeCash: (input.pledgeCash ?? "").slice(0, 100),
        pledgeInKind: (input.pledgeInKind ?? "").slice(0, 100),
      };
      return fail({ fieldErrors, values });
    }
    result = await setPledge(id, org, user.id, amounts.data);
    done = "pledged";
  } else if (input.intent === "withdraw") {
    result = await withdraw(id, org, user.id, reason);
    done = input.as ?? "withdrawn";
  } else if (input.intent === "decline") {
    // Why, as a kind of reason and a text; "another reason" needs the text. Nothing changes without them.
    const ids = declineFieldIds(org);
    const values = { organizationId: org, declineReason: (input.declineReason ?? "").slice(0, 20), reason };
    if (!isInvitationDeclineReason(input.declineReason))
      return fail({ fieldErrors: { [ids.reason]: translate(locale, "invitation.decline.reasonMissing") }, values });
    if (declineNeedsText(input.declineReason) && reason.trim() === "")
      return fail({ fieldErrors: { [ids.text]: translate(locale, "invitation.decline.textMissing") }, values });
    result = await respond(id, org, user.id, false, reason, input.declineReason);
    done = "declined";
  } else {
    result = await respond(id, org, user.id, true, reason);
    done = "accepted";
  }
  if (!result.ok) {
    if (result.error === "not-found" || result.error === "forbidden") throw new Response("Not found", { status: 404 });
    return refuse(result.error === "not-invited" ? "consortium.notInvited" : "consortium.notMember", 409);
  }
  // Having left (or declined), the person may no longer see the page: their consortia instead.
  return redirect(withFlash((await maySee(id, user.id)) ? `/consortia/${id}` : "/consortia", done));
});

export default function ConsortiumPage() {
  const t = useT();
  const locale = useLocale();
  const c = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = failureOf(answer);
  const inviteChoices = answer && "choices" in answer ? (answer.choices as OrganizationOption[]) : undefined;
  const sek = (n: number) => formatKronor(locale, n);
  const missing = missingLine(c.missing);
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
      {failed && <ErrorSummary failure={failed} />}
      {c.confirm && (
        <section className="confirm-step" id="confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">
            {t(c.confirm.mine ? "workspace.confirmWithdraw" : "workspace.confirmRemove", { organization: c.confirm.name, title: c.title })}
          </h2>
          <p>{t(c.confirm.mine ? "workspace.confirmWithdrawHint" : "workspace.confirmRemoveHint", { organization: c.confirm.name })}</p>
          <Form method="post" action={`/consortia/${c.id}`}>
            <CsrfField />
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="confirmed" value="yes" />
            <input type="hidden" name="as" value={c.confirm.mine ? "withdrawn" : "removed"} />
            <input type="hidden" name="organizationId" value={c.confirm.organizationId} />
            <Field name="reason" label={t("consortium.reason")} maxLength={2000} />
            <div className="confirm-actions">
              <button type="submit" className="danger">
                {t(c.confirm.mine ? "workspace.yesWithdraw" : "workspace.yesRemove")}
              </button>
              <Link to={`/consortia/${c.id}`}>{t("workspace.cancel")}</Link>
            </div>
          </Form>
        </section>
      )}
      <section className="workspace" aria-labelledby="about-title">
        <h2 id="about-title">{t("workspace.about")}</h2>
        <p className="deadline">
          {t("workspace.programme", { programme: c.programme })}
          {" · "}
          {c.deadline === null
            ? t("workspace.noDeadline")
            : `${t("workspace.deadline", { date: formatDate(locale, c.deadline) })} (${daysLeftText(t, c.daysLeft!)})`}
        </p>
        {c.summary.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
        {c.keywords.length > 0 && (
          <ul className="keywords" aria-label={t("workspace.keywords")}>
            {c.keywords.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        )}
        {c.isCoordinator && (
          <details className="describe" open={Boolean(failed?.fieldErrors.summary)}>
            <summary>{t("workspace.edit")}</summary>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="describe" />
              <Field
                name="summary"
                label={t("workspace.summary")}
                multiline
                required
                maxLength={10_000}
                defaultValue={failed?.values.summary ?? c.summary}
                error={failed?.fieldErrors.summary}
              />
              <Field
                name="keywords"
                label={t("workspace.keywords")}
                hint={t("workspace.keywordsHint")}
                maxLength={5000}
                defaultValue={failed?.values.keywords ?? c.keywords.join(", ")}
              />
              <button type="submit">{t("workspace.save")}</button>
            </Form>
          </details>
        )}
      </section>
      <section className="eligibility" aria-labelledby="eligibility-title">
        <h2 id="eligibility-title">{t(c.ready ? "letter.ready" : c.eligible ? "consortium.eligible" : "consortium.notEligible")}</h2>
        <ul className="checklist">
          {c.rules.map((r) => (
            <li key={r.id} className={r.passed ? "pass" : "fail"}>
              <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span>{" "}
              <span className="visually-hidden">{t(r.passed ? "consortium.passed" : "consortium.failed")}: </span>
              {renderMessages(locale, r.messages)}
            </li>
          ))}
          {c.letterTally.total > 0 && <LettersChecklistItem tally={c.letterTally} />}
        </ul>
        {missing && <p className="missing">{renderMessage(locale, missing)}</p>}
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
      <OutcomeSection state={c.outcome.state} mayRecord={c.outcome.mayRecord} today={c.today} failed={failed} />
      <LettersSection consortiumId={c.id} letters={c.letters} />
      <PackageSection consortiumId={c.id} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("consortium.members")}</h2>
        <ul className="members">
          {c.members.map((m) => (
            <li key={m.organizationId} id={`member-${m.organizationId}`}>
              <strong>{m.name}</strong> · {t(`consortium.status.${m.status}`)}
              {m.pledged > 0 && <> · {t("consortium.pledge", { cash: sek(m.pledgeCash), inKind: sek(m.pledgeInKind) })}</>}
              {(m.reason || m.declineReason) && (
                <>
                  {" · "}
                  <DeclineReasonText kind={m.declineReason} text={m.reason} />
                </>
              )}
              {m.contact && <> · {t("consortium.contact", { name: m.contact.name })}</>}
              {m.expected && (
                <p className="expected">
                  {t("workspace.expected")}: {m.expected}
                </p>
              )}
              {c.isCoordinator && (m.status === "invited" || m.status === "accepted") && (
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="organizationId" value={m.organizationId} />
                  <input type="hidden" name="intent" value="expect" />
                  <label>
                    {t("workspace.expectedLabel", { organization: m.name })}{" "}
                    <input type="text" name="expectedContribution" maxLength={2000} defaultValue={m.expected} />
                  </label>
                  <button type="submit" className="secondary">
                    {t("workspace.saveExpected")}
                  </button>
                </Form>
              )}
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
                <>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="organizationId" value={m.organizationId} />
                    <button type="submit" name="intent" value="accept">
                      {t("consortium.accept")}
                    </button>
                  </Form>
                  <DeclineForm organizationId={m.organizationId} failed={failed} />
                </>
              )}
              {m.mine && m.status === "accepted" && (
                <PledgeForm organizationId={m.organizationId} cash={m.pledgeCash} inKind={m.pledgeInKind} failed={failed} />
              )}
              {(m.mine || c.isCoordinator) && (m.status === "accepted" || m.status === "invited") && (
                // A GET to the confirmation step: nothing changes until it is answered.
                <Form method="get" className="inline">
                  <input type="hidden" name="confirm" value={m.organizationId} />
                  <button type="submit" className="secondary">
                    {t(m.mine ? "consortium.withdraw" : "consortium.remove")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {c.isCoordinator && (
          <Form method="post" className="invite-form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="invite" />
            <OrganizationPicker
              name="organizationName"
              choiceName="organizationId"
              label={t("consortium.inviteName")}
              hint={t("picker.organizations.hint")}
              defaultValue={failed?.values.organizationName}
              error={failed?.fieldErrors.organizationName}
              choices={inviteChoices}
            />
            <button type="submit">{t("consortium.inviteButton")}</button>
          </Form>
        )}
      </section>
      {c.isCoordinator && !c.countMet && (c.completing.length > 0 || c.partial) && (
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
