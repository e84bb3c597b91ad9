import { describe, expect, it } from "vitest";
import {
  mayDecideFor,
  mayEditOrganization,
  mayEditPosting,
  mayLeadFor,
  mayConfirmLetter,
  mayPublishFor,
  mayRecordOutcome,
  maySeeConsortium,
  maySeeMembers,
  speaksForInConsortium,
  type Standing,
} from "#app/domain/permissions.ts";

const standing = (role: Standing["role"], { siteAdmin = false, confirmed = true } = {}): Standing => ({ siteAdmin, role, confirmed });

describe("what a person may do for an organization", () => {
  it.each([
    { who: "a stranger", s: standing(null), edit: false, decide: false, see: false, publish: false, lead: false },
    { who: "a member", s: standing("member"), edit: false, decide: false, see: true, publish: true, lead: true },
    { who: "an admin", s: standing("admin"), edit: true, decide: true, see: true, publish: true, lead: true },
    {
      who: "an admin with an unconfirmed address",
      s: standing("admin", { confirmed: false }),
      edit: true,
      decide: false,
      see: true,
      publish: true,
      lead: true,
    },
    {
      who: "a site admin who is not a member",
      s: standing(null, { siteAdmin: true }),
      edit: true,
      decide: true,
      see: true,
      publish: false,
      lead: true,
    },
  ])("$who", ({ s, edit, decide, see, publish, lead }) => {
    expect({
      edit: mayEditOrganization(s),
      decide: mayDecideFor(s),
      see: maySeeMembers(s),
      publish: mayPublishFor(s),
      lead: mayLeadFor(s),
    }).toEqual({ edit, decide, see, publish, lead });
  });
});

describe("who speaks for an organization in a consortium", () => {
  it.each([
    { who: "the named contact, even without a membership", user: "u", contact: "u", role: null, speaks: true },
    { who: "an admin when someone else is named", user: "u", contact: "c", role: "admin", speaks: true },
    { who: "a member when someone else is named", user: "u", contact: "c", role: "member", speaks: false },
    { who: "a member when nobody is named", user: "u", contact: null, role: "member", speaks: true },
    { who: "an admin when nobody is named", user: "u", contact: null, role: "admin", speaks: true },
    { who: "a stranger when nobody is named", user: "u", contact: null, role: null, speaks: false },
    { who: "a stranger when someone else is named", user: "u", contact: "c", role: null, speaks: false },
  ] as const)("$who: $speaks", ({ user, contact, role, speaks }) => {
    expect(speaksForInConsortium(user, contact, { role })).toBe(speaks);
  });
});

describe("who may edit a posting", () => {
  it.each([
    { who: "its owner", owner: "u", role: null, may: true },
    { who: "an admin of its organization", owner: "o", role: "admin", may: true },
    { who: "a member of its organization", owner: "o", role: "member", may: false },
    { who: "anyone else", owner: "o", role: null, may: false },
  ] as const)("$who: $may", ({ owner, role, may }) => {
    expect(mayEditPosting("u", owner, { role })).toBe(may);
  });
});

describe("who may see a consortium", () => {
  const seat = (organizationId: string, status: string, contactId: string | null = null) => ({ organizationId, status, contactId });
  it.each([
    { who: "its coordinator, whatever the seats", seats: [], memberOf: [], may: true, viewer: "coord" },
    { who: "a member of an invited organization", seats: [seat("o", "invited")], memberOf: ["o"], may: true, viewer: "u" },
    { who: "a member of an accepted organization", seats: [seat("o", "accepted")], memberOf: ["o"], may: true, viewer: "u" },
    { who: "a member of a declined organization", seats: [seat("o", "declined")], memberOf: ["o"], may: false, viewer: "u" },
    { who: "a member of a withdrawn organization", seats: [seat("o", "withdrawn")], memberOf: ["o"], may: false, viewer: "u" },
    { who: "the named contact, not a member", seats: [seat("o", "invited", "u")], memberOf: [], may: true, viewer: "u" },
    { who: "the named contact of a declined seat", seats: [seat("o", "declined", "u")], memberOf: [], may: false, viewer: "u" },
    { who: "a member of another organization", seats: [seat("o", "accepted")], memberOf: ["p"], may: false, viewer: "u" },
    { who: "a stranger", seats: [seat("o", "accepted", "c")], memberOf: [], may: false, viewer: "u" },
  ])("$who: $may", ({ seats, memberOf, may, viewer }) => {
    expect(maySeeConsortium(viewer, { coordinatorId: "coord", members: seats }, new Set(memberOf))).toBe(may);
  });
});

describe("who may record a consortium's outcome", () => {
  it.each([
    { who: "its coordinator, without a standing in the lead", user: "coord", lead: null, may: true },
    { who: "its coordinator, a member of the lead", user: "coord", lead: { role: "member", confirmed: true }, may: true },
    { who: "a confirmed admin of the lead", user: "u", lead: { role: "admin", confirmed: true }, may: true },
    { who: "an admin of the lead with an unconfirmed address", user: "u", lead: { role: "admin", confirmed: false }, may: false },
    { who: "a member of the lead", user: "u", lead: { role: "member", confirmed: true }, may: false },
    { who: "a stranger to the lead", user: "u", lead: { role: null, confirmed: false }, may: false },
    { who: "anyone, when there is no lead", user: "u", lead: null, may: false },
  ] as const)("$who: $may", ({ user, lead, may }) => {
    expect(mayRecordOutcome(user, "coord", lead)).toBe(may);
  });
});

describe("who may confirm a letter of intent", () => {
  it.each([
    { who: "the named contact who is a member", contact: "u", role: "member", confirmed: true, may: true },
    { who: "the named contact who left the organization", contact: "u", role: null, confirmed: true, may: false },
    { who: "an admin when someone else is named", contact: "c", role: "admin", confirmed: true, may: true },
    { who: "an admin when nobody is named", contact: null, role: "admin", confirmed: true, may: true },
    { who: "an admin whose address is unconfirmed", contact: null, role: "admin", confirmed: false, may: false },
    { who: "a member when nobody is named", contact: null, role: "member", confirmed: true, may: false },
    { who: "a member when someone else is named", contact: "c", role: "member", confirmed: true, may: false },
    { who: "a stranger", contact: null, role: null, confirmed: true, may: false },
  ] as const)("$who: $may", ({ contact, role, confirmed, may }) => {
    expect(mayConfirmLetter("u", contact, { role, confirmed })).toBe(may);
  });
});
