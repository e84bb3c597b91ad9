// What the signed-in home asks of a person: which parts of their profile are still empty,
// and where they stand in the guided start (complete the profile, publish, see matches).
// Pure rules over plain facts; app/models/home.server.ts gathers the facts.

/** The parts of a profile that make it findable, each with the field that fills it in. */
export type ProfilePart = "title" | "languages" | "keywords" | "subjects" | "competencies" | "organization";

export interface ProfileFacts {
  title: string | null;
  languages: readonly string[];
  keywords: readonly string[];
  subjects: readonly string[];
  researchInterests: string | null;
  competencies: string | null;
  /** How many organizations the person belongs to (or has asked to join). */
  organizations: number;
}

const blank = (s: string | null) => !s || s.trim() === "";

/** The parts still empty, in the order the profile form asks for them. */
export function missingProfileParts(p: ProfileFacts): ProfilePart[] {
  const missing: ProfilePart[] = [];
  if (p.organizations === 0) missing.push("organization");
  if (blank(p.title)) missing.push("title");
  if (p.languages.length === 0) missing.push("languages");
  // Either text describes what the person does: one of them is enough to be found by.
  if (blank(p.researchInterests) && blank(p.competencies)) missing.push("competencies");
  if (p.keywords.length === 0) missing.push("keywords");
  if (p.subjects.length === 0) missing.push("subjects");
  return missing;
}

/** Where each part is filled in: the profile form's field (the organization has its own form). */
export function profilePartHref(part: ProfilePart): string {
  return part === "organization" ? "/profile#affiliation" : `/profile#field-${part}`;
}

/** How complete a profile is, as a whole percentage of the parts filled in. */
export function completeness(missing: readonly ProfilePart[]): number {
  const all = 6;
  return Math.round(((all - missing.length) / all) * 100);
}

export type GuideStep = "profile" | "publish" | "matches";

export interface GuideFacts {
  missing: readonly ProfilePart[];
  postings: number;
  matchesSeenAt: Date | null;
  guideDismissedAt: Date | null;
}

/** The guided start's steps in order, each ticked when done; null once dismissed or every step is done. */
export function guide(f: GuideFacts): { step: GuideStep; done: boolean }[] | null {
  if (f.guideDismissedAt) return null;
  const steps = [
    { step: "profile" as const, done: f.missing.length === 0 },
    { step: "publish" as const, done: f.postings > 0 },
    // Seeing the suggestions for a posting of one's own counts: there is no other way to see them.
    { step: "matches" as const, done: f.postings > 0 && f.matchesSeenAt !== null },
  ];
  return steps.every((s) => s.done) ? null : steps;
}

/** Days left to a deadline, counted in whole days as the calendar in Stockholm does; negative once passed. */
export function daysLeft(deadline: Date, now: Date): number {
  const day = (d: Date) => {
    const [y, m, dd] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" })
      .format(d)
      .split("-")
      .map(Number);
    return Date.UTC(y!, m! - 1, dd!) / 86_400_000;
  };
  return day(deadline) - day(now);
}
