// Confirmations after an action: the action redirects with `?done=<name>`, and the layout
// shows the message of that name. Only names listed here are shown, each by its key in the
// catalogues, so a link cannot make the site say anything of the sender's choosing.
import type { MessageKey } from "#app/i18n/index.ts";

export const FLASHES = {
  published: "flash.published",
  edited: "flash.edited",
  paused: "flash.paused",
  resumed: "flash.resumed",
  archived: "flash.archived",
  renewed: "flash.renewed",
  invited: "flash.invited",
  accepted: "flash.accepted",
  declined: "flash.declined",
  pledged: "flash.pledged",
  withdrawn: "flash.withdrawn",
  removed: "flash.removed",
  contactSet: "flash.contactSet",
  consortiumCreated: "flash.consortiumCreated",
  consortiumSaved: "flash.consortiumSaved",
  expectationSaved: "flash.expectationSaved",
  outcomeRecorded: "flash.outcomeRecorded",
  letterSaved: "flash.letterSaved",
  letterConfirmed: "flash.letterConfirmed",
  letterUploaded: "flash.letterUploaded",
  profileSaved: "flash.profileSaved",
  organizationSaved: "flash.organizationSaved",
  searchSaved: "flash.searchSaved",
  guideDismissed: "flash.guideDismissed",
  interestSent: "flash.interestSent",
  replySent: "flash.replySent",
  conversationDeclined: "flash.conversationDeclined",
  reported: "flash.reported",
  blocked: "flash.blocked",
  unblocked: "flash.unblocked",
  reportDismissed: "flash.reportDismissed",
  suspended: "flash.suspended",
  suspensionLifted: "flash.suspensionLifted",
  accountDeleted: "flash.accountDeleted",
  revealRequested: "flash.revealRequested",
  revealAccepted: "flash.revealAccepted",
  revealDeclined: "flash.revealDeclined",
} as const satisfies Record<string, MessageKey>;

export type FlashName = keyof typeof FLASHES;

/** The message key for a `done` parameter, or null for anything not on the list. */
export function flashKey(name: string | null): MessageKey | null {
  return name && Object.hasOwn(FLASHES, name) ? FLASHES[name as FlashName] : null;
}

/** `path` with `done=<name>` added (after any query it has, before any #fragment). */
export function withFlash(path: string, name: FlashName): string {
  const hash = path.indexOf("#");
  const [base, fragment] = hash === -1 ? [path, ""] : [path.slice(0, hash), path.slice(hash)];
  return `${base}${base.includes("?") ? "&" : "?"}done=${name}${fragment}`;
}
