// Records to rows: the one mapping from the exchange format to the database's columns,
// used by the importer and by the demo seed. Pure: refs are resolved by the caller.
import type { OrganizationRecord, PersonRecord, PostingRecord } from "#app/import/records.ts";

export const organizationData = (r: OrganizationRecord) => ({
  name: r.name,
  kind: r.kind,
  orgNumber: r.orgNumber ?? null,
  country: r.country,
  region: r.region ?? null,
  website: r.website ?? null,
  employees: r.employees ?? null,
  sme: r.sme ?? null,
  sniCode: r.sniCode ?? null,
  description: r.description ?? null,
  competencies: r.competencies ?? null,
  needs: r.needs ?? null,
  coFundingCapacity: r.coFundingCapacity ?? null,
  eligibleApplicant: r.eligibleApplicant,
});

export const personData = (r: PersonRecord) => ({
  name: r.name,
  email: r.email,
  role: r.role,
  orcid: r.orcid ?? null,
  title: r.title ?? null,
  languages: r.languages,
  researchInterests: r.researchInterests ?? null,
  competencies: r.competencies ?? null,
  keywords: r.keywords,
  subjects: r.subjects,
});

/**
 * A posting's columns. `owner` is how its ownerRef resolved: a person (who may post for
 * an organization, organizationRef) or an organization posting for itself.
 */
export const postingData = (r: PostingRecord, owner: { personId: string; organizationId: string | null } | { organizationId: string }) => ({
  kind: r.kind,
  title: r.title,
  description: r.description,
  keywords: r.keywords,
  subjects: r.subjects,
  language: r.language,
  visibility: r.visibility,
  status: r.status,
  confidential: r.confidential ?? false,
  teaser: r.teaser ?? null,
  ownerId: "personId" in owner ? owner.personId : null,
  organizationId: owner.organizationId,
});

/** A new posting without expiresAt runs for a year. */
export const DEFAULT_POSTING_DAYS = 365;

export const postingExpiry = (r: PostingRecord, now: Date): Date =>
  r.expiresAt ? new Date(r.expiresAt) : new Date(now.getTime() + DEFAULT_POSTING_DAYS * 24 * 3600 * 1000);
