// Letters of intent (avsiktsförklaringar): every accepted company or institute with a pledge
// confirms its commitment (contribution, role, motive) before the application goes in. A
// confirmation holds only while what it confirmed holds: a pledge or text changed since, or
// a partner that left the consortium (withdrew or was removed) and came back, asks for a
// new one, and says what changed. A consortium is ready to submit when it is
// eligible and every co-funder's letter is confirmed. Pure functions over plain data; the
// texts are messages by key, rendered in the reader's language.
import type { MemberStatus, OrgKind } from "#app/domain/eligibility.ts";
import { formatDateTime, formatKronor } from "#app/i18n/format.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";
import { message, type Message } from "#app/i18n/message.ts";

/** A partner as the letters see it. */
export interface Partner {
  organizationId: string;
  name: string;
  kind: OrgKind;
  status: MemberStatus;
  /** Whole SEK. */
  pledgeCash: number;
  pledgeInKind: number;
}

/** A stored letter: what is written now, and what the last confirmation confirmed. */
export interface LetterRecord {
  role: string;
  motive: string;
  confirmedAt: Date | string | null;
  confirmedCash: number | null;
  confirmedInKind: number | null;
  confirmedRole: string | null;
  confirmedMotive: string | null;
  /**
   * When the partner last left the consortium (withdrew or was removed), if ever. A
   * confirmation made before that belongs to an earlier membership and no longer holds.
   */
  leftAt?: Date | string | null;
}

/**
 * missing: nothing written; draft: written, never confirmed; stale: confirmed, but the
 * pledge or text changed since; confirmed: holds.
 */
export type LetterState = "missing" | "draft" | "stale" | "confirmed";

export interface LetterStatus {
  state: LetterState;
  /** Why a confirmed letter needs a new confirmation; empty otherwise. */
  reasons: Message[];
}

/** Who owes a letter: accepted companies and institutes with a pledge above zero. */
export function needsLetter(p: Pick<Partner, "kind" | "status" | "pledgeCash" | "pledgeInKind">): boolean {
  return p.status === "accepted" && (p.kind === "company" || p.kind === "institute") && pledgeOf(p) > 0;
}

const pledgeOf = (p: { pledgeCash: number; pledgeInKind: number }) => Math.max(0, p.pledgeCash) + Math.max(0, p.pledgeInKind);
const kronor = (n: number) => ({ kronor: n });

export function letterStatus(pledge: { pledgeCash: number; pledgeInKind: number }, letter: LetterRecord | null | undefined): LetterStatus {
  if (!letter || letter.confirmedAt === null) {
    const written = Boolean(letter && (letter.role.trim() || letter.motive.trim()));
    return { state: written ? "draft" : "missing", reasons: [] };
  }
  const reasons: Message[] = [];
  if (letter.confirmedCash !== pledge.pledgeCash || letter.confirmedInKind !== pledge.pledgeInKind) {
    reasons.push(
      message("letter.stale.pledge", {
        wasCash: kronor(letter.confirmedCash ?? 0),
        wasInKind: kronor(letter.confirmedInKind ?? 0),
        cash: kronor(pledge.pledgeCash),
        inKind: kronor(pledge.pledgeInKind),
      }),
    );
  }
  if ((letter.confirmedRole ?? "") !== letter.role || (letter.confirmedMotive ?? "") !== letter.motive) {
    reasons.push(message("letter.stale.text"));
  }
  // Not later than: a departure in the same millisecond as the confirmation still voids it.
  if (letter.leftAt && new Date(letter.leftAt).getTime() >= new Date(letter.confirmedAt).getTime()) {
    reasons.push(message("letter.stale.rejoined"));
  }
  return { state: reasons.length ? "stale" : "confirmed", reasons };
}

export interface LetterTally {
  /** Co-funders owing a letter. */
  total: number;
  confirmed: number;
  /** Every co-funder's letter is confirmed (true for none owed). */
  passed: boolean;
  /** The co-funders whose letter does not hold, with why, in the partners' order. */
  waiting: { organizationId: string; name: string; status: LetterStatus }[];
  /** The checklist line: "Letters of intent confirmed: 2 of 3. Waiting for: …". */
  messages: Message[];
}

export function letterTally(partners: readonly Partner[], letters: ReadonlyMap<string, LetterRecord>): LetterTally {
  const owing = partners.filter(needsLetter);
  const statuses = owing.map((p) => ({
    organizationId: p.organizationId,
    name: p.name,
    status: letterStatus(p, letters.get(p.organizationId)),
  }));
  const waiting = statuses.filter((s) => s.status.state !== "confirmed");
  const confirmed = statuses.length - waiting.length;
  const messages = [message("letter.tally", { confirmed, total: statuses.length })];
  if (waiting.length) {
    const who = waiting.map((w) => (w.status.state === "stale" ? message("letter.waiting.stale", { name: w.name }) : w.name));
    messages.push(message("letter.waiting", { names: { list: who } }));
  }
  return { total: statuses.length, confirmed, passed: waiting.length === 0, waiting, messages };
}

/** Ready to submit: eligible, and every co-funder's letter confirmed. */
export function readyToSubmit(eligible: boolean, tally: Pick<LetterTally, "passed">): boolean {
  return eligible && tally.passed;
}

/** The first bytes of every PDF file; anything else is refused whatever its name says. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Role and motive as a letter takes them: trimmed, at most the columns' lengths. */
export const ROLE_MAX = 2000;
export const MOTIVE_MAX = 4000;

/** What a letter says, gathered from the consortium, the partner and the letter. */
export interface LetterFacts {
  consortium: string;
  programme: string;
  lead: string | null;
  coordinator: string;
  organization: string;
  orgNumber: string | null;
  pledgeCash: number;
  pledgeInKind: number;
  role: string;
  motive: string;
  contact: string | null;
  /** The confirmation that holds, if any: who, with which address, when. */
  confirmation: { name: string; email: string; at: Date | string } | null;
  /** When the document is made. */
  now: Date;
}

export interface LetterContent {
  title: string;
  intro: string;
  rows: [label: string, value: string][];
  commitment: string;
  /** "Confirmed in Samband by …", or null: the letter is to be signed by hand. */
  confirmed: string | null;
  signature: string[];
  footer: string;
}

/** The letter's text in one language, for the PDF and the page alike. */
export function letterContent(locale: Locale, f: LetterFacts): LetterContent {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const or = (value: string | null, key: MessageKey) => (value && value.trim() ? value.trim() : t(key));
  const orgNumber = or(f.orgNumber, "letter.noOrgNumber");
  return {
    title: t("letter.heading"),
    intro: t("letter.intro", {
      organization: f.organization,
      orgNumber,
      consortium: f.consortium,
      lead: or(f.lead, "letter.noLead"),
      programme: f.programme,
      coordinator: f.coordinator,
    }),
    rows: [
      [t("letter.organization"), f.organization],
      [t("letter.orgNumber"), orgNumber],
      [t("letter.cash"), formatKronor(locale, f.pledgeCash)],
      [t("letter.inKind"), formatKronor(locale, f.pledgeInKind)],
      [t("letter.total"), formatKronor(locale, f.pledgeCash + f.pledgeInKind)],
      [t("letter.role"), or(f.role, "letter.notGiven")],
      [t("letter.motive"), or(f.motive, "letter.notGiven")],
      [t("letter.contact"), or(f.contact, "letter.notGiven")],
    ],
    commitment: t("letter.commitment"),
    confirmed: f.confirmation
      ? t("letter.confirmedLine", {
          name: f.confirmation.name,
          email: f.confirmation.email,
          date: formatDateTime(locale, f.confirmation.at),
        })
      : null,
    signature: [t("letter.signPlace"), t("letter.signature"), t("letter.signName")],
    footer: t("letter.generated", { date: formatDateTime(locale, f.now) }),
  };
}
