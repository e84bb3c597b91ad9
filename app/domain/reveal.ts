// Staged reveal: who sees a confidential posting in full, who may ask to, and who answers.
// A confidential posting shows everyone else its research subjects, its kind, its
// organization's kind and its teaser; the title, the description, the keywords, the
// organization's name and the author's name wait until the author's side accepts a request
// (docs/decisions/0020-staged-reveal.md). The queries that gather the facts are in
// app/models/reveal.server.ts.

export type RevealStatus = "pending" | "accepted" | "declined";

/** What is known about one viewer and one posting. */
export interface RevealFacts {
  confidential: boolean;
  ownerId: string | null;
  /** The viewer's membership of the posting's organization, if it has one and they are in it. */
  role: "member" | "admin" | null;
  /** The viewer's own request to see this posting, if they made one. */
  request: RevealStatus | null;
}

/**
 * How a viewer stands to a posting: its author's side (the author and the people of the
 * organization it is published for), someone it was revealed to, or anyone else (signed
 * in or not).
 */
export type Side = "author" | "revealed" | "other";

export function sideOf(viewerId: string | null, f: RevealFacts): Side {
  if (viewerId === null) return "other";
  if (f.ownerId === viewerId || f.role !== null) return "author";
  return f.request === "accepted" ? "revealed" : "other";
}

/** Whether the viewer sees the posting as written: any posting not confidential, and a confidential one by its side or after acceptance. */
export const seesInFull = (viewerId: string | null, f: RevealFacts): boolean => !f.confidential || sideOf(viewerId, f) !== "other";

/** Asks to see it: signed in, not its author's side, and not asked before (one request per person and posting, ever). */
export const mayRequestReveal = (viewerId: string | null, f: RevealFacts): boolean =>
  viewerId !== null && f.confidential && sideOf(viewerId, f) === "other" && f.request === null;

/**
 * Answers requests to see it, and sees who asked: the author, and the admins of the
 * organization it is published for (as for editing it, app/domain/permissions.ts).
 */
export const mayAnswerReveal = (viewerId: string | null, f: Pick<RevealFacts, "ownerId" | "role">): boolean =>
  viewerId !== null && (f.ownerId === viewerId || f.role === "admin");

/** Only a pending request is answered; an answer is final. */
export const isAnswerable = (status: RevealStatus): boolean => status === "pending";

/**
 * A requester's identity is shown to the author's side once accepted: before that the
 * author decides on the note and the kind of organization the requester is with, so that
 * declining exposes nobody either.
 */
export const requesterShown = (status: RevealStatus): boolean => status === "accepted";

/** The parts of a posting that may be hidden. */
export interface PostingText {
  title: string;
  description: string;
  keywords: string[];
  confidential: boolean;
  teaser: string | null;
}

/** The posting's text as someone who may not see it in full sees it: the teaser in place of the title, nothing else. */
export function teaserOf<T extends PostingText>(p: T): T {
  if (!p.confidential) return p;
  return { ...p, title: p.teaser?.trim() ?? "", description: "", keywords: [] };
}
