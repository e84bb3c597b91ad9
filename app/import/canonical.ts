// Rows as records of the exchange format. Export writes these; import compares an
// incoming record with the canonical form of the stored row to tell "unchanged" from
// "updated", so the two can never disagree about what a field means.
import type {
  ConsortiumRecord,
  MemberRecord,
  OrganizationRecord,
  PersonRecord,
  PostingRecord,
  ProgrammeRecord,
  ProjectRecord,
} from "#app/import/records.ts";

type Maybe<T> = T | null | undefined;
const opt = <T>(v: Maybe<T>): T | undefined => (v === null || v === undefined || v === "" ? undefined : v);

export function organizationToRecord(
  o: {
    name: string;
    kind: OrganizationRecord["kind"];
    orgNumber: Maybe<string>;
    country: string;
    region: Maybe<string>;
    website: Maybe<string>;
    employees: Maybe<number>;
    sme: Maybe<boolean>;
    sniCode: Maybe<string>;
    description: Maybe<string>;
    competencies: Maybe<string>;
    needs: Maybe<string>;
    coFundingCapacity: Maybe<number>;
    eligibleApplicant: boolean;
  },
  ref: string,
  parentRef: string | undefined,
): OrganizationRecord {
  return {
    type: "organization",
    ref,
    name: o.name,
    kind: o.kind,
    orgNumber: opt(o.orgNumber),
    parentRef,
    country: o.country,
    region: opt(o.region),
    website: opt(o.website),
    employees: opt(o.employees),
    sme: opt(o.sme),
    sniCode: opt(o.sniCode),
    description: opt(o.description),
    competencies: opt(o.competencies),
    needs: opt(o.needs),
    coFundingCapacity: opt(o.coFundingCapacity),
    eligibleApplicant: o.eligibleApplicant,
  };
}

export function personToRecord(
  u: {
    name: string;
    email: string;
    role: PersonRecord["role"];
    orcid: Maybe<string>;
    title: Maybe<string>;
    languages: string[];
    researchInterests: Maybe<string>;
    competencies: Maybe<string>;
    keywords: string[];
    subjects: string[];
  },
  ref: string,
  organizationRef: string | undefined,
): PersonRecord {
  return {
    type: "person",
    ref,
    name: u.name,
    email: u.email,
    organizationRef,
    role: u.role,
    orcid: opt(u.orcid),
    title: opt(u.title),
    languages: u.languages,
    researchInterests: opt(u.researchInterests),
    competencies: opt(u.competencies),
    keywords: u.keywords,
    subjects: u.subjects,
  };
}

export function postingToRecord(
  p: {
    kind: PostingRecord["kind"];
    title: string;
    description: string;
    keywords: string[];
    subjects: string[];
    language: string;
    visibility: PostingRecord["visibility"];
    status: PostingRecord["status"];
    expiresAt: Date;
    confidential?: boolean;
    teaser?: string | null;
  },
  ref: string,
  ownerRef: string,
  organizationRef: string | undefined,
): PostingRecord {
  return {
    type: "posting",
    ref,
    ownerRef,
    organizationRef,
    kind: p.kind,
    title: p.title,
    description: p.description,
    keywords: p.keywords,
    subjects: p.subjects,
    language: p.language as PostingRecord["language"],
    visibility: p.visibility,
    status: p.status,
    expiresAt: p.expiresAt.toISOString(),
    confidential: p.confidential || undefined,
    teaser: p.teaser ?? undefined,
  };
}

export function programmeToRecord(
  p: {
    name: string;
    projectType: ProgrammeRecord["projectType"];
    minIndependentCompanies: number;
    coFundingRatio: number;
    instituteCapShare: number;
    requireEligibleApplicant: boolean;
    deadline: Date | null;
  },
  ref: string,
): ProgrammeRecord {
  return {
    type: "programme",
    ref,
    name: p.name,
    projectType: p.projectType,
    minIndependentCompanies: p.minIndependentCompanies,
    coFundingRatio: p.coFundingRatio,
    instituteCapShare: p.instituteCapShare,
    requireEligibleApplicant: p.requireEligibleApplicant,
    deadline: p.deadline ? p.deadline.toISOString().slice(0, 10) : undefined,
  };
}

/** A calendar day stored as a date at midnight UTC, as YYYY-MM-DD. */
const dayOf = (d: Date | null): string | undefined => (d ? d.toISOString().slice(0, 10) : undefined);

export function consortiumToRecord(
  c: {
    title: string;
    summary: string;
    keywords: string[];
    subjects: string[];
    requestedFunding: bigint;
    outcome: ConsortiumRecord["outcome"] | null;
    submittedOn: Date | null;
    decidedOn: Date | null;
  },
  refs: { ref: string; programmeRef: string; coordinatorRef: string; leadOrganizationRef: string | undefined },
): ConsortiumRecord {
  return {
    type: "consortium",
    ref: refs.ref,
    programmeRef: refs.programmeRef,
    title: c.title,
    summary: c.summary,
    keywords: c.keywords,
    subjects: c.subjects,
    coordinatorRef: refs.coordinatorRef,
    leadOrganizationRef: refs.leadOrganizationRef,
    requestedFunding: Number(c.requestedFunding),
    outcome: c.outcome ?? undefined,
    submittedOn: dayOf(c.submittedOn),
    decidedOn: dayOf(c.decidedOn),
  };
}

export function memberToRecord(
  m: {
    status: MemberRecord["status"];
    reason: string | null;
    declineReason: MemberRecord["declineReason"] | null;
    pledgeCash: bigint;
    pledgeInKind: bigint;
  },
  refs: { consortiumRef: string; organizationRef: string; contactRef: string | undefined },
): MemberRecord {
  return {
    type: "member",
    consortiumRef: refs.consortiumRef,
    organizationRef: refs.organizationRef,
    contactRef: refs.contactRef,
    status: m.status,
    reason: opt(m.reason),
    // Only a declined member's: the kind stays on the row when the organization is invited again.
    declineReason: m.status === "declined" ? (m.declineReason ?? undefined) : undefined,
    pledgeCash: Number(m.pledgeCash),
    pledgeInKind: Number(m.pledgeInKind),
  };
}

/**
 * Partners are a set (the table has no order), so they are written sorted: a file whose
 * partners are listed in another order is the same project, and export is stable.
 */
export function projectToRecord(
  p: { title: string; summary: string; funder: Maybe<string>; programme: Maybe<string>; year: Maybe<number>; keywords: string[] },
  refs: { ref: string; leadOrganizationRef: string | undefined; partnerRefs: string[] },
): ProjectRecord {
  return {
    type: "project",
    ref: refs.ref,
    title: p.title,
    summary: p.summary,
    funder: opt(p.funder),
    programme: opt(p.programme),
    year: opt(p.year),
    leadOrganizationRef: refs.leadOrganizationRef,
    partnerRefs: sortRefs(refs.partnerRefs),
    keywords: p.keywords,
  };
}

/** Refs in code-unit order, the order export sorts by. */
export const sortRefs = (refs: string[]): string[] => [...refs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Field-by-field equality of two records, ignoring fields the incoming one leaves out. */
export function sameRecord(stored: object, incoming: object, ignore: string[] = []): boolean {
  const a = stored as Record<string, unknown>;
  const b = incoming as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  }
  return true;
}

/** Removes undefined fields, for a stable JSON line. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
