// Who may act for an organization: the rules, as pure functions of what is known about
// the person (their site role and their membership of the organization). The queries
// that gather these facts live in app/models/permissions.server.ts.

/** A person's standing towards one organization. */
export interface Standing {
  /** A site administrator (user role admin) may act for every organization. */
  siteAdmin: boolean;
  /** Their membership of the organization, if any. */
  role: "member" | "admin" | null;
  /** Whether their e-mail address is confirmed: decisions in an organization's name need it. */
  confirmed: boolean;
}

export const isMember = (s: Standing): boolean => s.role !== null;

/** Edits the organization's details and sees its pending changes: its admins and site admins. */
export const mayEditOrganization = (s: Standing): boolean => s.siteAdmin || s.role === "admin";

/**
 * Decides in the organization's name (requests to join it, a change of its corporate
 * group): site admins, and its admins whose address is confirmed, since an unconfirmed
 * address could belong to anyone.
 */
export const mayDecideFor = (s: Standing): boolean => s.siteAdmin || (s.role === "admin" && s.confirmed);

/** Sees the organization's people: its members and those who decide for it. */
export const maySeeMembers = (s: Standing): boolean => mayDecideFor(s) || isMember(s);

/** Starts a consortium with the organization as its lead: its members, and site admins. */
export const mayLeadFor = (s: Standing): boolean => s.siteAdmin || isMember(s);

/** Publishes a posting in the organization's name: any of its members. */
export const mayPublishFor = (s: Standing): boolean => isMember(s);

/**
 * Speaks for the organization in a consortium (answers the invitation, pledges,
 * withdraws): the person the coordinator named for it, the organization's admins, and,
 * when nobody is named, any of its members. Membership is granted by the organization's
 * admins, never claimed, so nobody acts in an organization's name on their own say-so.
 */
export function speaksForInConsortium(userId: string, contactId: string | null, s: Pick<Standing, "role">): boolean {
  if (contactId === userId) return true;
  if (s.role === null) return false;
  return contactId === null || s.role === "admin";
}

/** Edits a posting: its owner, and the admins of the organization it is published for. */
export const mayEditPosting = (userId: string, ownerId: string, s: Pick<Standing, "role"> | null): boolean =>
  ownerId === userId || s?.role === "admin";

/** A seat in a consortium, as far as seeing the consortium goes. */
export interface Seat {
  organizationId: string;
  contactId: string | null;
  status: string;
}

/**
 * Sees a consortium's page: its coordinator, and the people of each organization invited
 * to it or in it (the organization's members and the person named as its contact). A
 * declined or withdrawn organization's people no longer see it.
 */
export function maySeeConsortium(
  viewerId: string,
  c: { coordinatorId: string; members: readonly Seat[] },
  memberOf: ReadonlySet<string>,
): boolean {
  if (c.coordinatorId === viewerId) return true;
  return c.members.some(
    (m) => (m.status === "invited" || m.status === "accepted") && (memberOf.has(m.organizationId) || m.contactId === viewerId),
  );
}

/**
 * Records where a consortium's application stands (submitted, granted, not granted): its
 * coordinator, and the confirmed admins of the lead organization, which applies in its
 * own name. Site administrators do not: the application is not theirs.
 */
export function mayRecordOutcome(userId: string, coordinatorId: string, lead: Pick<Standing, "role" | "confirmed"> | null): boolean {
  if (userId === coordinatorId) return true;
  return lead !== null && lead.role === "admin" && lead.confirmed;
}

/**
 * Confirms a letter of intent in the organization's name (or uploads the signed one): the
 * contact the coordinator named for it, and its admins whose address is confirmed; each
 * only while a member of it. A plain member, the coordinator as such, and a site
 * administrator may not commit a company's money.
 */
export function mayConfirmLetter(userId: string, contactId: string | null, s: Pick<Standing, "role" | "confirmed">): boolean {
  if (s.role === null) return false;
  return contactId === userId || (s.role === "admin" && s.confirmed);
}
