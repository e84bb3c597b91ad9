// Conversations between a person who expresses interest and the side they write to: a
// person, or an organization whose people answer. Pure rules over plain facts; the queries
// that gather them are in app/models/conversation.server.ts.

/** A message is plain text of at most this many characters (counted as the person sees them). */
export const MESSAGE_MAX = 5000;
/** The recipient's own words with a "not interested". */
export const DECLINE_TEXT_MAX = 1000;

export const DECLINE_REASONS = ["too_early", "outside_focus", "no_capacity", "has_partner", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export function isDeclineReason(value: unknown): value is DeclineReason {
  return typeof value === "string" && (DECLINE_REASONS as readonly string[]).includes(value);
}

/** Whom an expression of interest is for: a person, or an organization. */
export type Recipient = { kind: "person"; userId: string } | { kind: "organization"; organizationId: string };

/** A person's membership of an organization, as far as answering for it goes. */
export interface OrgPerson {
  userId: string;
  role: "member" | "admin";
  /** Whose address is confirmed: an unconfirmed account may be a squatter's and reads nothing in the organization's name. */
  confirmed: boolean;
}

/**
 * Who reads and answers conversations addressed to an organization: its admins with a
 * confirmed address; while it has none, its confirmed members (as for consortium
 * invitations). Site administrators are not among them: messages are private.
 */
export function responders(people: readonly OrgPerson[]): string[] {
  const confirmed = people.filter((p) => p.confirmed);
  const admins = confirmed.filter((p) => p.role === "admin");
  return (admins.length > 0 ? admins : confirmed).map((p) => p.userId);
}

/** Whether one person answers for an organization, from their own membership and whether it has a confirmed admin. */
export function isResponder(m: { role: "member" | "admin"; confirmed: boolean } | null, hasConfirmedAdmin: boolean): boolean {
  if (!m || !m.confirmed) return false;
  return m.role === "admin" || !hasConfirmedAdmin;
}

export type OpenRefusal = "self" | "own-organization" | "nobody-answers";

/**
 * Whether a person may open a conversation with the recipient: never with themselves or an
 * organization they belong to (nor about a posting of such an organization), and not with
 * an organization nobody answers for.
 */
export function mayOpen(
  senderId: string,
  senderOrganizations: ReadonlySet<string>,
  recipient: Recipient,
  facts: { responders?: readonly string[]; postingOrganizationId?: string | null } = {},
): { ok: true } | { ok: false; reason: OpenRefusal } {
  if (recipient.kind === "person" && recipient.userId === senderId) return { ok: false, reason: "self" };
  if (facts.postingOrganizationId && senderOrganizations.has(facts.postingOrganizationId)) return { ok: false, reason: "own-organization" };
  if (recipient.kind === "organization") {
    if (senderOrganizations.has(recipient.organizationId)) return { ok: false, reason: "own-organization" };
    if (!facts.responders || facts.responders.length === 0) return { ok: false, reason: "nobody-answers" };
  }
  return { ok: true };
}

/** The two ends of a conversation, as stored (null: an account since deleted). */
export interface Ends {
  senderId: string | null;
  recipientUserId: string | null;
  recipientOrganizationId: string | null;
}

export type Side = "sender" | "recipient";

/**
 * Which side a viewer is on, or null when the conversation is none of theirs (the page
 * answers 404). `answersFor`: the organizations the viewer answers for (isResponder).
 */
export function sideOf(viewerId: string, c: Ends, answersFor: ReadonlySet<string>): Side | null {
  if (c.senderId === viewerId) return "sender";
  if (c.recipientUserId === viewerId) return "recipient";
  if (c.recipientOrganizationId && answersFor.has(c.recipientOrganizationId)) return "recipient";
  return null;
}

export type Status = "open" | "declined";

/** Both sides write while the conversation is open; "not interested" ends it. */
export const mayReply = (side: Side | null, status: Status): boolean => side !== null && status === "open";

/** Only the side written to says "not interested", and once. */
export const mayDecline = (side: Side | null, status: Status): boolean => side === "recipient" && status === "open";

/** The first answer from the side written to (a reply or a decline) is when the wait ended. */
export function firstResponse(current: Date | null, side: Side, at: Date): Date | null {
  return current ?? (side === "recipient" ? at : null);
}

export type BodyProblem = "empty" | "too-long";

/** What is wrong with a message's text, if anything: blank, or longer than MESSAGE_MAX characters. */
export function bodyProblem(body: string): BodyProblem | null {
  if (body.trim() === "") return "empty";
  // By code point, as the person counts them (an emoji is one), not by UTF-16 unit.
  if ([...body].length > MESSAGE_MAX) return "too-long";
  return null;
}

/** "Other" needs words of the recipient's own; the other reasons speak for themselves. */
export function declineProblem(reason: DeclineReason, text: string): "text-needed" | "too-long" | null {
  if (reason === "other" && text.trim() === "") return "text-needed";
  if ([...text].length > DECLINE_TEXT_MAX) return "too-long";
  return null;
}

/**
 * Whether a conversation has news for a reader: a message by someone else after what they
 * last read (never read: any message by someone else).
 */
export function isUnread(
  lastReadAt: Date | null,
  messages: readonly { authorId: string | null; createdAt: Date }[],
  readerId: string,
): boolean {
  return messages.some((m) => m.authorId !== readerId && (lastReadAt === null || m.createdAt > lastReadAt));
}

/**
 * How far a reader has now read: up to the newest message they were shown, never back.
 * The newest shown rather than the clock, so a reply committed while the page was read
 * stays unread.
 */
export function readUpTo(lastReadAt: Date | null, shown: readonly { createdAt: Date }[]): Date | null {
  let upTo = lastReadAt;
  for (const m of shown) if (upTo === null || m.createdAt > upTo) upTo = m.createdAt;
  return upTo;
}
