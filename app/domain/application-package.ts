// The application package: what the coordinator copies into the funder's application form,
// as a PDF summary and a CSV of partners. The summary opens with the eligibility checklist
// (the funder's rules, the letters of intent, ready to submit or not), because that is
// what decides whether the rest is worth sending. Pure: facts in, texts and rows out, in
// one language; app/models/application-package.server.ts gathers the facts and renders.
import type { MemberStatus, OrgKind, RuleResult } from "#app/domain/eligibility.ts";
import type { LetterState, LetterTally } from "#app/domain/letters.ts";
import { formatDate, formatDateTime, formatKronor, formatNumber } from "#app/i18n/format.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";
import { renderMessages } from "#app/i18n/message.ts";

/** A letter's state in the package; "not-needed" for a partner that owes none (app/domain/letters.ts needsLetter). */
export type PackageLetter = LetterState | "not-needed";

export interface PackagePartner {
  name: string;
  orgNumber: string | null;
  kind: OrgKind;
  /** The top parent's name when the organization belongs to a corporate group, else null. */
  group: string | null;
  status: MemberStatus;
  /** Whole SEK. */
  cash: number;
  inKind: number;
  letter: PackageLetter;
}

export interface PackageFacts {
  title: string;
  programme: string;
  deadline: Date | string | null;
  summary: string;
  keywords: string[];
  requestedFunding: number;
  coFunding: { required: number; total: number };
  rules: RuleResult[];
  eligible: boolean;
  ready: boolean;
  letters: Pick<LetterTally, "total" | "passed" | "messages">;
  partners: PackagePartner[];
  now: Date;
}

/**
 * The partners a funder's form lists: those in the consortium or still asked to join.
 * Declined and withdrawn organizations stay on the consortium page's history, not here.
 */
export const inPackage = (p: Pick<PackagePartner, "status">) => p.status === "accepted" || p.status === "invited";

const LETTER_KEYS: Record<PackageLetter, MessageKey> = {
  confirmed: "package.letter.confirmed",
  stale: "package.letter.stale",
  draft: "package.letter.draft",
  missing: "package.letter.missing",
  "not-needed": "package.letter.notNeeded",
};

const whole = (n: number) => String(Math.max(0, Math.round(n)));

/** The partner columns, header first, as plain strings (amounts as whole kronor, no separators). */
export function partnerRows(locale: Locale, partners: readonly PackagePartner[]): string[][] {
  const t = (key: MessageKey) => translate(locale, key);
  const header = (["name", "orgNumber", "kind", "group", "status", "cash", "inKind", "letter"] as const).map((c) =>
    t(`package.column.${c}`),
  );
  const rows = partners
    .filter(inPackage)
    .map((p) => [
      p.name,
      p.orgNumber ?? "",
      t(`org.kind.${p.kind}`),
      p.group ?? "",
      t(`consortium.status.${p.status}`),
      whole(p.cash),
      whole(p.inKind),
      t(LETTER_KEYS[p.letter]),
    ]);
  return [header, ...rows];
}

/** A file name's stem from the consortium's title: ASCII letters and digits joined by dashes. */
export function slug(title: string): string {
  const s = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "consortium";
}

/** The three files' names, in the reader's language. */
export function packageFileNames(locale: Locale, title: string) {
  const stem = slug(title);
  const [summary, partners, bundle] = locale === "sv" ? ["sammanfattning", "parter", "ansokan"] : ["summary", "partners", "application"];
  return { pdf: `${stem}-${summary}.pdf`, csv: `${stem}-${partners}.csv`, zip: `${stem}-${bundle}.zip` };
}

export interface PackageSummary {
  checklistTitle: string;
  /** "Passes: …" / "Fails: …", one per rule, then the letters of intent when any are owed. */
  checklist: string[];
  verdict: string;
  title: string;
  fields: [label: string, value: string][];
  summaryHeading: string;
  summary: string;
  partnersHeading: string;
  table: string[][];
  footer: string;
}

/**
 * The CSV's rows as the PDF's table shows them to a reader: amounts with thousands
 * separators, and a shorter organisation number header that fits its narrow column.
 */
function pdfTable(locale: Locale, [header, ...rows]: string[][]): string[][] {
  const amount = (c: string, i: number) => (i === 5 || i === 6 ? formatNumber(locale, Number(c)) : c);
  return [header!.map((h, i) => (i === 1 ? translate(locale, "package.column.orgNumberShort") : h)), ...rows.map((r) => r.map(amount))];
}

/** The PDF's text, in the order it is printed. */
export function packageSummary(locale: Locale, f: PackageFacts): PackageSummary {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const line = (passed: boolean, text: string) => `${t(passed ? "consortium.passed" : "consortium.failed")}: ${text}`;
  const checklist = f.rules.map((r) => line(r.passed, renderMessages(locale, r.messages)));
  if (f.letters.total > 0) checklist.push(line(f.letters.passed, renderMessages(locale, f.letters.messages)));
  const sek = (n: number) => formatKronor(locale, n);
  return {
    checklistTitle: t("package.checklist"),
    checklist,
    verdict: t(f.ready ? "letter.ready" : f.eligible ? "package.notReady" : "consortium.notEligible"),
    title: f.title,
    fields: [
      [t("package.field.programme"), f.programme],
      [t("package.field.deadline"), f.deadline === null ? t("workspace.noDeadline") : formatDate(locale, f.deadline)],
      [t("package.field.keywords"), f.keywords.length ? f.keywords.join(", ") : t("package.none")],
      [t("package.field.requested"), sek(f.requestedFunding)],
      [t("package.field.coFundingRequired"), sek(f.coFunding.required)],
      [t("package.field.coFundingPledged"), sek(f.coFunding.total)],
    ],
    summaryHeading: t("package.summary"),
    summary: f.summary.trim() || t("package.none"),
    partnersHeading: t("package.partners"),
    table: pdfTable(locale, partnerRows(locale, f.partners)),
    footer: t("package.generated", { date: formatDateTime(locale, f.now) }),
  };
}
