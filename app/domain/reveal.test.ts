import { describe, expect, it } from "vitest";
import {
  isAnswerable,
  mayAnswerReveal,
  mayRequestReveal,
  requesterShown,
  seesInFull,
  sideOf,
  teaserOf,
  type RevealFacts,
} from "#app/domain/reveal.ts";

const OWNER = "owner";
const ME = "me";
const facts = (f: Partial<RevealFacts> = {}): RevealFacts => ({ confidential: true, ownerId: OWNER, role: null, request: null, ...f });

describe("who sees a posting in full, who may ask, who answers", () => {
  it.each([
    { who: "a visitor", viewer: null, f: facts(), side: "other", full: false, ask: false, answer: false },
    {
      who: "a visitor, posting not confidential",
      viewer: null,
      f: facts({ confidential: false }),
      side: "other",
      full: true,
      ask: false,
      answer: false,
    },
    { who: "a signed-in stranger", viewer: ME, f: facts(), side: "other", full: false, ask: true, answer: false },
    {
      who: "a stranger, not confidential",
      viewer: ME,
      f: facts({ confidential: false }),
      side: "other",
      full: true,
      ask: false,
      answer: false,
    },
    {
      who: "a stranger with a pending request",
      viewer: ME,
      f: facts({ request: "pending" }),
      side: "other",
      full: false,
      ask: false,
      answer: false,
    },
    { who: "a stranger declined", viewer: ME, f: facts({ request: "declined" }), side: "other", full: false, ask: false, answer: false },
    { who: "a stranger accepted", viewer: ME, f: facts({ request: "accepted" }), side: "revealed", full: true, ask: false, answer: false },
    { who: "the author", viewer: OWNER, f: facts(), side: "author", full: true, ask: false, answer: true },
    {
      who: "a member of its organization",
      viewer: ME,
      f: facts({ role: "member" }),
      side: "author",
      full: true,
      ask: false,
      answer: false,
    },
    { who: "an admin of its organization", viewer: ME, f: facts({ role: "admin" }), side: "author", full: true, ask: false, answer: true },
    {
      who: "anyone, of an organization's own posting",
      viewer: ME,
      f: facts({ ownerId: null }),
      side: "other",
      full: false,
      ask: true,
      answer: false,
    },
    {
      who: "a visitor, ownerless posting",
      viewer: null,
      f: facts({ ownerId: null }),
      side: "other",
      full: false,
      ask: false,
      answer: false,
    },
  ] as const)("$who", ({ viewer, f, side, full, ask, answer }) => {
    expect({
      side: sideOf(viewer, f),
      full: seesInFull(viewer, f),
      ask: mayRequestReveal(viewer, f),
      answer: mayAnswerReveal(viewer, f),
    }).toEqual({
      side,
      full,
      ask,
      answer,
    });
  });

  it("a null owner never matches a visitor", () => {
    expect(sideOf(null, facts({ ownerId: null }))).toBe("other");
    expect(mayAnswerReveal(null, { ownerId: null, role: null })).toBe(false);
  });
});

describe("answers", () => {
  it.each([
    { status: "pending", answerable: true, shown: false },
    { status: "accepted", answerable: false, shown: true },
    { status: "declined", answerable: false, shown: false },
  ] as const)("$status", ({ status, answerable, shown }) => {
    expect({ answerable: isAnswerable(status), shown: requesterShown(status) }).toEqual({ answerable, shown });
  });
});

describe("the teaser in place of the text", () => {
  const p = {
    title: "Secret gearbox",
    description: "Our plant in Borås",
    keywords: ["gearbox"],
    teaser: " Vibration in drives ",
    confidential: true,
  };
  it.each([
    { what: "confidential", given: p, title: "Vibration in drives", description: "", keywords: [] },
    { what: "confidential without a teaser", given: { ...p, teaser: null }, title: "", description: "", keywords: [] },
    {
      what: "not confidential",
      given: { ...p, confidential: false },
      title: "Secret gearbox",
      description: "Our plant in Borås",
      keywords: ["gearbox"],
    },
  ])("$what", ({ given, title, description, keywords }) => {
    const shown = teaserOf(given);
    expect({ title: shown.title, description: shown.description, keywords: shown.keywords }).toEqual({ title, description, keywords });
  });

  it("keeps every other field", () => {
    expect(teaserOf({ ...p, id: "x", subjects: ["10201"] })).toMatchObject({ id: "x", subjects: ["10201"], confidential: true });
  });
});
