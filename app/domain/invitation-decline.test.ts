import { describe, expect, it } from "vitest";
import { INVITATION_DECLINE_REASONS, declineNeedsText, isInvitationDeclineReason } from "#app/domain/invitation-decline.ts";

describe("reasons for declining", () => {
  it.each([
    ["too_early", true, false],
    ["outside_focus", true, false],
    ["no_capacity", true, false],
    ["budget", true, false],
    ["other", true, true],
    ["", false, false],
    ["OTHER", false, false],
    ["toString", false, false],
    ["<script>", false, false],
  ])("%s", (value, known, needsText) => {
    expect(isInvitationDeclineReason(value)).toBe(known);
    if (isInvitationDeclineReason(value)) expect(declineNeedsText(value)).toBe(needsText);
  });

  it("lists every reason once", () => {
    expect(new Set(INVITATION_DECLINE_REASONS).size).toBe(5);
  });
});
