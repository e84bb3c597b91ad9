// The funder's rules for a consortium, as pure functions over plain data: who counts as
// an independent co-funding company, whether the co-funding suffices, whether the
// institutes' share stays under the cap, whether the lead may apply. Every result says
// why, as messages by key (app/i18n/message.ts) that the page, the CLI and the emails
// render in their reader's language. Rules differ per call, so they come from the
// programme (data), never from constants here.
import { parentChain } from "#app/domain/corporate-group.ts";
import { PROGRAMME_DEFAULTS } from "#app/domain/programme.ts";
import { message, type Message } from "#app/i18n/message.ts";

export interface Programme {
  minIndependentCompanies: number;
  /** Required co-funding as a share of the requested funding (excluding overhead): 1.0 = as much. */
  coFundingRatio: number;
  /** The most the research institutes may provide of the total co-funding: 0.25 = 25 %. */
  instituteCapShare: number;
  requireEligibleApplicant: boolean;
}

/** The rules of a programme that states none of its own (programme.ts holds the values). */
export const DEFAULT_PROGRAMME: Programme = {
  minIndependentCompanies: PROGRAMME_DEFAULTS.minIndependentCompanies,
  coFundingRatio: PROGRAMME_DEFAULTS.coFundingRatio,
  instituteCapShare: PROGRAMME_DEFAULTS.instituteCapShare,
  requireEligibleApplicant: PROGRAMME_DEFAULTS.requireEligibleApplicant,
};

export type OrgKind = "university" | "institute" | "company" | "public" | "other";

export interface Org {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  eligibleApplicant: boolean;
}

export type MemberStatus = "invited" | "accepted" | "declined" | "withdrawn";

export interface Member {
  organizationId: string;
  status: MemberStatus;
  /** Whole SEK. */
  pledgeCash: number;
  /** Whole SEK: hours × rate, equipment, competence. */
  pledgeInKind: number;
}

export interface Consortium {
  /** Whole SEK, excluding overhead. */
  requestedFunding: number;
  leadOrganizationId: string | null;
  members: Member[];
}

export type RuleId = "independent-companies" | "eligible-lead" | "co-funding" | "institute-cap";

export interface RuleResult {
  id: RuleId;
  passed: boolean;
  /** Why, as one or more sentences. */
  messages: Message[];
}

export interface Group {
  /** The ultimate parent: the top of the corporate group. */
  rootId: string;
  rootName: string;
  /** The co-funding companies of the consortium in this group. */
  memberIds: string[];
}

export interface Evaluation {
  eligible: boolean;
  independentCompanies: number;
  groups: Group[];
  rules: RuleResult[];
  /** What is still missing, one item each (rendered as one "Missing: …" line); empty when eligible. */
  missing: Message[];
  /** Accepted pledges in whole SEK. */
  coFunding: { companies: number; institutes: number; total: number; required: number };
}

const kronor = (n: number) => ({ kronor: Math.round(n) });
const pledge = (m: Member) => Math.max(0, m.pledgeCash) + Math.max(0, m.pledgeInKind);

/**
 * The corporate group of each co-funding company: its ultimate parent. A loop in the
 * parent chain (refused on input, but possible in old data) makes the company its own
 * group and is reported, never counted twice nor thrown.
 */
export function corporateGroups(companyIds: string[], orgs: ReadonlyMap<string, Org>): { groups: Group[]; loops: string[][] } {
  const parents = new Map([...orgs.values()].map((o) => [o.id, o.parentId]));
  const byRoot = new Map<string, Group>();
  const loops: string[][] = [];
  const depth = new Map<string, number>();
  for (const id of companyIds) {
    const { chain, cycle } = parentChain(id, parents);
    if (cycle) loops.push(cycle);
    depth.set(id, cycle ? 0 : chain.length);
    const rootId = cycle ? id : chain[chain.length - 1]!;
    const group = byRoot.get(rootId) ?? { rootId, rootName: orgs.get(rootId)?.name ?? rootId, memberIds: [] };
    if (!group.memberIds.includes(id)) group.memberIds.push(id);
    byRoot.set(rootId, group);
  }
  // A stable order, whatever order the members came in: the top of the group first, then by name.
  const name = (id: string) => orgs.get(id)?.name ?? id;
  for (const g of byRoot.values()) g.memberIds.sort((a, b) => depth.get(a)! - depth.get(b)! || name(a).localeCompare(name(b)));
  return { groups: [...byRoot.values()].sort((a, b) => a.rootName.localeCompare(b.rootName)), loops };
}

/** Is `total` at least `ratio` × `requested`? Exact for whole SEK and ratios with up to six decimals. */
export function meetsRatio(total: number, requested: number, ratio: number): boolean {
  const scale = 1_000_000n;
  return BigInt(Math.round(total)) * scale >= BigInt(Math.round(requested)) * BigInt(Math.round(ratio * 1_000_000));
}

/** Is `part` at most `cap` of `total`? Exact like meetsRatio; nothing of nothing is within any cap. */
export function withinShare(part: number, total: number, cap: number): boolean {
  return BigInt(Math.round(part)) * 1_000_000n <= BigInt(Math.round(total)) * BigInt(Math.round(cap * 1_000_000));
}

/** The smallest whole-SEK amount that meets `ratio` × `requested`. */
export function requiredCoFunding(requested: number, ratio: number): number {
  const num = BigInt(Math.round(requested)) * BigInt(Math.round(ratio * 1_000_000));
  const scale = 1_000_000n;
  return Number((num + scale - 1n) / scale);
}

export function evaluate(c: Consortium, orgs: ReadonlyMap<string, Org>, p: Programme = DEFAULT_PROGRAMME): Evaluation {
  const accepted = c.members.filter((m) => m.status === "accepted");
  const kindOf = (m: Member) => orgs.get(m.organizationId)?.kind;
  const coFunders = accepted.filter((m) => kindOf(m) === "company" && pledge(m) > 0);
  const companyIds = [...new Set(coFunders.map((m) => m.organizationId))];
  const { groups, loops } = corporateGroups(companyIds, orgs);
  const name = (id: string) => orgs.get(id)?.name ?? id;
  const rules: RuleResult[] = [];

  // 1. Independent companies: distinct corporate groups among the co-funding companies.
  const shared = groups
    .filter((g) => g.memberIds.length > 1)
    .map((g) => message("eligibility.sameGroup", { names: { list: g.memberIds.map(name) }, group: g.rootName }));
  const loopNotes = loops.map((l) => message("eligibility.loop", { chain: l.map(name).join(" → ") }));
  const n = groups.length;
  const counted = message(n === 1 ? "eligibility.companies.one" : "eligibility.companies.other", {
    count: n,
    min: p.minIndependentCompanies,
  });
  rules.push({ id: "independent-companies", passed: n >= p.minIndependentCompanies, messages: [counted, ...shared, ...loopNotes] });

  // 2. The lead must be an eligible university (when the programme says so).
  if (p.requireEligibleApplicant) {
    const lead = c.leadOrganizationId ? orgs.get(c.leadOrganizationId) : undefined;
    const ok = Boolean(lead?.eligibleApplicant);
    rules.push({
      id: "eligible-lead",
      passed: ok,
      messages: [
        !lead
          ? message("eligibility.noLead")
          : message(ok ? "eligibility.leadEligible" : "eligibility.leadNotEligible", { name: lead.name }),
      ],
    });
  }

  // 3. Co-funding: companies' and institutes' accepted pledges, cash and in kind.
  const companies = coFunders.reduce((s, m) => s + pledge(m), 0);
  const institutes = accepted.filter((m) => kindOf(m) === "institute").reduce((s, m) => s + pledge(m), 0);
  const total = companies + institutes;
  const required = requiredCoFunding(c.requestedFunding, p.coFundingRatio);
  const enough = meetsRatio(total, c.requestedFunding, p.coFundingRatio);
  rules.push({
    id: "co-funding",
    passed: enough,
    messages: [
      enough
        ? message("eligibility.coFundingMet", { total: kronor(total), required: kronor(required) })
        : message("eligibility.coFundingShort", { total: kronor(total), short: kronor(required - total), required: kronor(required) }),
    ],
  });

  // 4. Institutes may provide at most their cap of the total co-funding (the rule fails above it).
  const withinCap = withinShare(institutes, total, p.instituteCapShare);
  const share = total === 0 ? 0 : institutes / total;
  rules.push({
    id: "institute-cap",
    passed: withinCap,
    messages: [
      message(withinCap ? "eligibility.instituteShareWithin" : "eligibility.instituteShareOver", {
        share: { percent: share },
        cap: { percent: p.instituteCapShare },
      }),
    ],
  });

  const eligible = rules.every((r) => r.passed);
  return {
    eligible,
    independentCompanies: n,
    groups,
    rules,
    missing: eligible ? [] : missingItems(rules, groups, p, n, required - total),
    coFunding: { companies, institutes, total, required },
  };
}

function missingItems(rules: RuleResult[], groups: Group[], p: Programme, n: number, short: number): Message[] {
  const parts: Message[] = [];
  const failed = new Set(rules.filter((r) => !r.passed).map((r) => r.id));
  if (failed.has("independent-companies")) {
    const more = p.minIndependentCompanies - n;
    const of = { list: groups.map((g) => message("eligibility.group", { name: g.rootName })) };
    if (more === 1)
      parts.push(groups.length ? message("eligibility.missing.companyOutside", { groups: of }) : message("eligibility.missing.company"));
    else
      parts.push(
        groups.length
          ? message("eligibility.missing.companiesOutside", { count: more, groups: of })
          : message("eligibility.missing.companies", { count: more }),
      );
  }
  if (failed.has("eligible-lead")) parts.push(message("eligibility.missing.lead"));
  if (failed.has("co-funding")) parts.push(message("eligibility.missing.coFunding", { amount: kronor(short) }));
  if (failed.has("institute-cap")) parts.push(message("eligibility.missing.instituteShare"));
  return parts;
}

/** The one line a page shows: "Missing: A; B." */
export function missingLine(missing: readonly Message[]): Message | null {
  return missing.length ? message("eligibility.missing", { items: { list: [...missing], join: "; " } }) : null;
}
