// Why an organization declines an invitation: one of a few kinds, so a coordinator (and
// later the funnel) can see what keeps partners away, and a text for the rest.

export const INVITATION_DECLINE_REASONS = ["too_early", "outside_focus", "no_capacity", "budget", "other"] as const;
export type InvitationDeclineReason = (typeof INVITATION_DECLINE_REASONS)[number];

export function isInvitationDeclineReason(value: unknown): value is InvitationDeclineReason {
  return typeof value === "string" && (INVITATION_DECLINE_REASONS as readonly string[]).includes(value);
}

/** "other" says nothing by itself: it needs the text. */
export const declineNeedsText = (reason: InvitationDeclineReason): boolean => reason === "other";
