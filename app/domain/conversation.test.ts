import { describe, expect, it } from "vitest";
import {
  bodyProblem,
  declineProblem,
  firstResponse,
  isDeclineReason,
  isResponder,
  isUnread,
  mayDecline,
  mayOpen,
  mayReply,
  MESSAGE_MAX,
  readUpTo,
  responders,
  sideOf,
  type Ends,
  type OrgPerson,
  type Recipient,
} from "#app/domain/conversation.ts";

const ME = "me";
const MY_ORG = "org-mine";
const OTHER_ORG = "org-other";

describe("who may open a conversation with whom", () => {
  const mine = new Set([MY_ORG]);
  it.each<[string, Recipient, Parameters<typeof mayOpen>[3], ReturnType<typeof mayOpen>]>([
    ["another person", { kind: "person", userId: "you" }, {}, { ok: true }],
    ["oneself", { kind: "person", userId: ME }, {}, { ok: false, reason: "self" }],
    [
      "another organization with people who answer",
      { kind: "organization", organizationId: OTHER_ORG },
      { responders: ["a"] },
      { ok: true },
    ],
    [
      "one's own organization",
      { kind: "organization", organizationId: MY_ORG },
      { responders: ["a"] },
      { ok: false, reason: "own-organization" },
    ],
    [
      "an organization nobody answers for",
      { kind: "organization", organizationId: OTHER_ORG },
      { responders: [] },
      { ok: false, reason: "nobody-answers" },
    ],
    [
      "an organization whose responders are unknown",
      { kind: "organization", organizationId: OTHER_ORG },
      {},
      { ok: false, reason: "nobody-answers" },
    ],
    [
      "a colleague's posting for one's own organization",
      { kind: "person", userId: "colleague" },
      { postingOrganizationId: MY_ORG },
      { ok: false, reason: "own-organization" },
    ],
    ["a person's posting for another organization", { kind: "person", userId: "you" }, { postingOrganizationId: OTHER_ORG }, { ok: true }],
    [
      "one's own posting for one's own organization",
      { kind: "person", userId: ME },
      { postingOrganizationId: MY_ORG },
      { ok: false, reason: "self" },
    ],
    ["a colleague as a person (not a posting)", { kind: "person", userId: "colleague" }, {}, { ok: true }],
  ])("%s", (_, recipient, facts, expected) => {
    expect(mayOpen(ME, mine, recipient, facts)).toEqual(expected);
  });
});

describe("who answers for an organization", () => {
  const p = (userId: string, role: OrgPerson["role"], confirmed = true): OrgPerson => ({ userId, role, confirmed });
  it.each<[string, OrgPerson[], string[]]>([
    ["its confirmed admins", [p("a", "admin"), p("m", "member")], ["a"]],
    ["not an unconfirmed admin; then its members", [p("a", "admin", false), p("m", "member")], ["m"]],
    ["its confirmed members while it has no admin", [p("m1", "member"), p("m2", "member"), p("m3", "member", false)], ["m1", "m2"]],
    ["nobody when nobody is confirmed", [p("a", "admin", false)], []],
    ["nobody without people", [], []],
  ])("%s", (_, people, expected) => {
    expect(responders(people)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof isResponder>[0], boolean, boolean]>([
    ["a confirmed admin", { role: "admin", confirmed: true }, true, true],
    ["an unconfirmed admin", { role: "admin", confirmed: false }, false, false],
    ["a member beside a confirmed admin", { role: "member", confirmed: true }, true, false],
    ["a member where no admin is confirmed", { role: "member", confirmed: true }, false, true],
    ["an unconfirmed member", { role: "member", confirmed: false }, false, false],
    ["a stranger", null, false, false],
  ])("%s", (_, m, hasAdmin, expected) => {
    expect(isResponder(m, hasAdmin)).toBe(expected);
  });

  it("agrees with the list: each responder is one, nobody else", () => {
    const people = [p("a", "admin"), p("b", "admin", false), p("m", "member")];
    const hasAdmin = people.some((x) => x.role === "admin" && x.confirmed);
    expect(people.filter((x) => isResponder(x, hasAdmin)).map((x) => x.userId)).toEqual(responders(people));
  });
});

describe("who reads a conversation", () => {
  const toPerson: Ends = { senderId: "s", recipientUserId: "r", recipientOrganizationId: null };
  const toOrg: Ends = { senderId: "s", recipientUserId: null, recipientOrganizationId: OTHER_ORG };
  const gone: Ends = { senderId: null, recipientUserId: "r", recipientOrganizationId: null };
  it.each<[string, string, Ends, string[], ReturnType<typeof sideOf>]>([
    ["its sender", "s", toPerson, [], "sender"],
    ["the person written to", "r", toPerson, [], "recipient"],
    ["a stranger", "x", toPerson, [], null],
    ["a stranger who answers for some other organization", "x", toPerson, [OTHER_ORG], null],
    ["a responder of the organization written to", "a", toOrg, [OTHER_ORG], "recipient"],
    ["someone of the organization who does not answer for it", "m", toOrg, [], null],
    ["a responder of another organization", "a", toOrg, [MY_ORG], null],
    ["the remaining side after the sender deleted their account", "r", gone, [], "recipient"],
    ["nobody as the deleted sender", "s", gone, [], null],
  ])("%s", (_, viewer, ends, answersFor, expected) => {
    expect(sideOf(viewer, ends, new Set(answersFor))).toBe(expected);
  });

  it.each([
    ["sender", "open", true, false],
    ["recipient", "open", true, true],
    ["sender", "declined", false, false],
    ["recipient", "declined", false, false],
    [null, "open", false, false],
  ] as const)("%s in an %s conversation: reply %s, decline %s", (side, status, reply, decline) => {
    expect(mayReply(side, status)).toBe(reply);
    expect(mayDecline(side, status)).toBe(decline);
  });
});

describe("the first response", () => {
  const t0 = new Date("2026-12-01T10:00:00Z");
  const t1 = new Date("2026-12-02T10:00:00Z");
  it.each<[string, Date | null, "sender" | "recipient", Date | null]>([
    ["the recipient's first answer", null, "recipient", t1],
    ["the sender writing again", null, "sender", null],
    ["a later answer keeps the first", t0, "recipient", t0],
    ["a later sender message keeps it", t0, "sender", t0],
  ])("%s", (_, current, side, expected) => {
    expect(firstResponse(current, side, t1)).toEqual(expected);
  });
});

describe("what a message may say", () => {
  it.each<[string, string, ReturnType<typeof bodyProblem>]>([
    ["words", "We run test rigs.", null],
    ["empty", "", "empty"],
    ["only spaces and line breaks", "  \n\t ", "empty"],
    ["exactly the limit", "a".repeat(MESSAGE_MAX), null],
    ["one over", "a".repeat(MESSAGE_MAX + 1), "too-long"],
    // 5,000 emoji are 10,000 UTF-16 units but 5,000 characters to the writer.
    ["5,000 emoji", "😀".repeat(MESSAGE_MAX), null],
    ["5,001 emoji", "😀".repeat(MESSAGE_MAX + 1), "too-long"],
    ["HTML is text like any other", "<script>alert(1)</script><a href='javascript:x'>x</a>", null],
  ])("%s", (_, body, expected) => {
    expect(bodyProblem(body)).toBe(expected);
  });

  it.each<[string, Parameters<typeof declineProblem>[0], string, ReturnType<typeof declineProblem>]>([
    ["a reason without words", "too_early", "", null],
    ["other with words", "other", "We only work with steel.", null],
    ["other without words", "other", "  ", "text-needed"],
    ["words over the limit", "no_capacity", "a".repeat(1001), "too-long"],
  ])("%s", (_, reason, text, expected) => {
    expect(declineProblem(reason, text)).toBe(expected);
  });

  it.each([
    ["too_early", true],
    ["other", true],
    ["TOO_EARLY", false],
    ["", false],
    [null, false],
  ])("%s is a reason: %s", (value, expected) => {
    expect(isDeclineReason(value)).toBe(expected);
  });
});

describe("unread", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
  const msgs = [
    { authorId: "s", createdAt: at(9) },
    { authorId: "r", createdAt: at(10) },
  ];
  it.each<[string, Date | null, string, boolean]>([
    ["never read, a message by the other", null, "r", true],
    ["read before the other's message", at(8), "r", true],
    ["read up to it", at(9), "r", false],
    ["only one's own message after the read mark", at(9), "r", false],
    ["the other's later message", at(9), "s", true],
    ["read past everything", at(11), "s", false],
  ])("%s", (_, lastReadAt, reader, expected) => {
    expect(isUnread(lastReadAt, msgs, reader)).toBe(expected);
  });

  it("a deleted author's message counts as someone else's", () => {
    expect(isUnread(null, [{ authorId: null, createdAt: at(9) }], "r")).toBe(true);
  });

  it.each<[string, Date | null, { createdAt: Date }[], Date | null]>([
    ["nothing read, nothing shown", null, [], null],
    ["up to the newest shown", null, [{ createdAt: at(9) }, { createdAt: at(10) }], at(10)],
    ["never back", at(11), [{ createdAt: at(10) }], at(11)],
  ])("read up to: %s", (_, last, shown, expected) => {
    expect(readUpTo(last, shown)).toEqual(expected);
  });
});
