// The hand-written part of the demo set: the funder's eligible universities (real, from
// app/data/eligible-universities.csv), and fictional companies and postings; the larger
// generated part is in prisma/demo-generate.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "#app/lib/csv.ts";

export interface SeedOrg {
  ref: string;
  name: string;
  kind: "university" | "institute" | "company";
  orgNumberBase?: string; // nine digits; the check digit is computed
  orgNumber?: string;
  region?: string;
  website?: string;
  employees?: number;
  eligibleApplicant?: boolean;
  parentRef?: string;
  sniCode?: string;
}

export interface SeedPerson {
  ref: string;
  name: string;
  email: string;
  role: "researcher" | "company_rep" | "coordinator" | "admin";
  organizationRef?: string;
  /** Organization admin rather than member. */
  orgAdmin?: boolean;
  title?: string;
  orcid?: string;
  languages: string[];
  keywords: string[];
  subjects: string[];
  researchInterests?: string;
  /** Only for the demo accounts the README names. */
  password?: string;
}

export interface SeedPosting {
  ref: string;
  /** A person's ref, or omitted: the organization publishes on its own behalf. */
  ownerRef?: string;
  orgRef: string;
  kind: "competence" | "need";
  language: "sv" | "en";
  title: string;
  description: string;
  keywords: string[];
  subjects?: string[];
  visibility?: "public" | "members";
  expiresInDays?: number;
}

/** Accounts anyone trying the demo can sign in with (README and docs/demo-data.md). */
export const demoAccounts: SeedPerson[] = [
  {
    ref: "demo-account-researcher",
    name: "Demo Forskare",
    email: "forskare@demo.example",
    role: "researcher",
    organizationRef: "uni-12",
    title: "Universitetslektor",
    languages: ["sv", "en"],
    keywords: ["maskininlärning"],
    subjects: ["10201"],
    password: "samband-demo",
  },
  {
    ref: "demo-account-company",
    name: "Demo Företag",
    email: "foretag@demo.example",
    role: "company_rep",
    organizationRef: "co-nordvik-drives",
    orgAdmin: true,
    languages: ["sv", "en"],
    keywords: [],
    subjects: [],
    password: "samband-demo",
  },
  // A platform administrator: programmes and the queue dashboard (/admin).
  {
    ref: "demo-account-admin",
    name: "Demo Administratör",
    email: "admin@demo.example",
    role: "admin",
    languages: ["sv", "en"],
    keywords: [],
    subjects: [],
    password: "samband-demo",
  },
];

// The register gives each university's town; the product's region field is the county (län).
const COUNTY: Record<string, string> = {
  Karlskrona: "Blekinge län",
  Stockholm: "Stockholms län",
  Huddinge: "Stockholms län",
  Falun: "Dalarnas län",
  Borås: "Västra Götalands län",
  Skövde: "Västra Götalands län",
  Trollhättan: "Västra Götalands län",
  Gävle: "Gävleborgs län",
  Halmstad: "Hallands län",
  Jönköping: "Jönköpings län",
  Kristianstad: "Skåne län",
  Malmö: "Skåne län",
  Karlstad: "Värmlands län",
  Växjö: "Kronobergs län",
  Sundsvall: "Västernorrlands län",
  Västerås: "Västmanlands län",
  Örebro: "Örebro län",
};

export function eligibleUniversities(): SeedOrg[] {
  const rows = parseCsv(readFileSync(path.join(import.meta.dirname, "../app/data/eligible-universities.csv"), "utf8"));
  return rows.map((r, i) => ({
    ref: `uni-${String(i + 1).padStart(2, "0")}`,
    name: r.name_en!,
    kind: "university",
    orgNumber: r.org_number || undefined,
    region: COUNTY[r.city!] ?? r.city,
    website: r.website,
    eligibleApplicant: true,
  }));
}

export const companies: SeedOrg[] = [
  {
    ref: "co-nordvik",
    name: "Nordvik Industri AB",
    kind: "company",
    orgNumberBase: "556701234",
    region: "Västra Götalands län",
    employees: 2400,
    website: "https://nordvik.example",
    sniCode: "2811",
  },
  {
    ref: "co-nordvik-drives",
    name: "Nordvik Drives AB",
    kind: "company",
    orgNumberBase: "556701235",
    region: "Västra Götalands län",
    employees: 310,
    parentRef: "co-nordvik",
  },
  {
    ref: "co-nordvik-service",
    name: "Nordvik Service Sverige AB",
    kind: "company",
    orgNumberBase: "556812001",
    region: "Värmlands län",
    employees: 95,
    parentRef: "co-nordvik-drives",
  },
  { ref: "co-skog", name: "Skogsdata i Dalarna AB", kind: "company", orgNumberBase: "559012345", region: "Dalarnas län", employees: 18 },
  { ref: "co-halm", name: "Halmstad Sensorteknik AB", kind: "company", orgNumberBase: "559123456", region: "Hallands län", employees: 42 },
  { ref: "co-medi", name: "Mälarvård Digital AB", kind: "company", orgNumberBase: "559234567", region: "Västmanlands län", employees: 27 },
  {
    ref: "co-textil",
    name: "Borås Textile Labs AB",
    kind: "company",
    orgNumberBase: "559345678",
    region: "Västra Götalands län",
    employees: 64,
  },
  {
    ref: "inst-rise",
    name: "Nordic Applied Research Institute",
    kind: "institute",
    orgNumberBase: "556464646",
    region: "Stockholms län",
    employees: 800,
  },
  {
    ref: "inst-skog",
    name: "Institutet för skogsteknik",
    kind: "institute",
    orgNumberBase: "556575757",
    region: "Västernorrlands län",
    employees: 120,
  },
];

export const postings: SeedPosting[] = [
  {
    ref: "p-01",
    orgRef: "co-nordvik-drives",
    kind: "need",
    language: "en",
    title: "Predicting bearing failures from vibration data",
    description:
      "Our electric drive lines log vibration and temperature at 10 kHz. We need help building models that warn weeks before a bearing fails, and a way to explain the warning to service technicians.",
    keywords: ["predictive maintenance", "vibration analysis", "machine learning"],
    subjects: ["20205", "20305"],
  },
  {
    ref: "p-02",
    orgRef: "uni-12",
    kind: "competence",
    language: "sv",
    title: "Maskininlärning för tillståndsövervakning",
    description:
      "Vi utvecklar metoder för tillståndsövervakning av roterande maskiner med maskininlärning, från signalbehandling till förklarbara modeller som tekniker litar på.",
    keywords: ["maskininlärning", "tillståndsövervakning", "signalbehandling"],
    subjects: ["20205", "10201"],
  },
  {
    ref: "p-03",
    orgRef: "co-skog",
    kind: "need",
    language: "sv",
    title: "Laserdata för att uppskatta virkesförråd",
    description:
      "Vi vill kombinera flygburen laserskanning med fältmätningar för att uppskatta virkesförråd per bestånd med känd osäkerhet.",
    keywords: ["laserskanning", "skogsinventering", "fjärranalys"],
  },
  {
    ref: "p-04",
    orgRef: "uni-04",
    kind: "competence",
    language: "en",
    title: "Remote sensing and GIS for forestry",
    description:
      "Our group works with airborne LiDAR, satellite imagery and statistical estimation of forest attributes for Swedish boreal forests.",
    keywords: ["remote sensing", "LiDAR", "forestry"],
  },
  {
    ref: "p-05",
    orgRef: "co-halm",
    kind: "competence",
    language: "en",
    title: "Low-power radar sensors for indoor positioning",
    description:
      "We design and manufacture 60 GHz radar modules and can contribute hardware, firmware and test facilities to research on presence detection and positioning.",
    keywords: ["radar", "embedded systems", "positioning"],
  },
  {
    ref: "p-06",
    orgRef: "uni-07",
    kind: "competence",
    language: "sv",
    title: "Inbyggda system och intelligenta sensorer",
    description: "Forskning om resurssnål signalbehandling i inbyggda system, sensorfusion och maskininlärning på kanten.",
    keywords: ["inbyggda system", "sensorfusion", "edge AI"],
  },
  {
    ref: "p-07",
    orgRef: "co-medi",
    kind: "need",
    language: "sv",
    title: "Digitalt stöd för hemsjukvård",
    description:
      "Vi söker forskare inom vårdvetenskap och människa-datorinteraktion för att utvärdera ett digitalt stöd för personal i hemsjukvården.",
    keywords: ["e-hälsa", "hemsjukvård", "användbarhet"],
  },
  {
    ref: "p-08",
    orgRef: "uni-19",
    kind: "competence",
    language: "en",
    title: "Health informatics and user-centred design",
    description:
      "We study how digital tools change work in elderly care and home health care, with methods from health informatics and human-computer interaction.",
    keywords: ["e-health", "human-computer interaction", "elderly care"],
  },
  {
    ref: "p-09",
    orgRef: "co-textil",
    kind: "need",
    language: "en",
    title: "Recycling blended textile fibres",
    description:
      "We look for partners in polymer chemistry and process engineering to separate cotton-polyester blends at industrial scale.",
    keywords: ["textile recycling", "circular economy", "polymer chemistry"],
  },
  {
    ref: "p-10",
    orgRef: "uni-05",
    kind: "competence",
    language: "sv",
    title: "Textil återvinning och cirkulära affärsmodeller",
    description: "Textilhögskolan forskar om fiberåtervinning, sortering och cirkulära affärsmodeller tillsammans med industrin.",
    keywords: ["textilåtervinning", "cirkulär ekonomi", "hållbarhet"],
  },
  {
    ref: "p-11",
    orgRef: "co-nordvik",
    kind: "need",
    language: "en",
    title: "Competence development in industrial AI for engineers",
    description:
      "We want a university partner to co-design a part-time course for our engineers on applying machine learning to production data.",
    keywords: ["competence development", "industrial AI", "education"],
  },
  {
    ref: "p-12",
    orgRef: "inst-rise",
    kind: "competence",
    language: "en",
    title: "Test beds for electrified drive trains",
    description:
      "Our institute runs test beds for electric machines and power electronics, available for joint projects with academia and industry.",
    keywords: ["electrification", "test bed", "power electronics"],
  },
];

/**
 * Illustrative calls, shaped like the foundation's programme types (research and
 * education); names and figures are examples for the demo, not the foundation's
 * current terms. Rules are data: each call has its own. Deadlines count from the day of
 * seeding, so a demo started any day shows calls that are still open.
 */
export const programmes = [
  {
    ref: "hog-2027",
    name: "HÖG 2027 (example research call)",
    projectType: "research" as const,
    minIndependentCompanies: 2,
    coFundingRatio: 1.0,
    instituteCapShare: 0.25,
    requireEligibleApplicant: true,
    deadlineInDays: 20,
  },
  {
    ref: "synergi-2027",
    name: "Synergi 2027 (example research call)",
    projectType: "research" as const,
    minIndependentCompanies: 3,
    coFundingRatio: 1.0,
    instituteCapShare: 0.25,
    requireEligibleApplicant: true,
    deadlineInDays: 45,
  },
  {
    ref: "expert-2027",
    name: "Expertkompetens 2027 (example education call)",
    projectType: "education" as const,
    minIndependentCompanies: 2,
    coFundingRatio: 0.5,
    instituteCapShare: 0.25,
    requireEligibleApplicant: true,
    deadlineInDays: 120,
  },
];

export interface SeedConsortium {
  ref: string;
  programmeRef: string;
  title: string;
  summary: string;
  keywords: string[];
  subjects: string[];
  requestedFunding: number;
  leadRef: string;
  /** A person's ref. */
  coordinatorRef: string;
  members: {
    orgRef: string;
    status: "invited" | "accepted" | "declined";
    /** A person's ref: the one the invitation is for. */
    contactRef?: string;
    pledgeCash?: number;
    pledgeInKind?: number;
    /** What the partner is expected to give, in the coordinator's words. */
    expected?: string;
    reason?: string;
  }[];
}

/**
 * Consortia in the states a coordinator meets: still forming with invitations out, one
 * independent company short, and eligible. The demo researcher coordinates the first two,
 * so signing in as them shows a consortium to work on. The companies are generated ones
 * (demo-generate.ts: demo-co-0 heads a group with 1 and 2, 3 with 4 and 5; 15 and up are
 * independent), whose topics fit each consortium.
 */
export const consortia: SeedConsortium[] = [
  {
    ref: "demo-consortium-forming",
    programmeRef: "synergi-2027",
    title: "Tillståndsövervakning av elektriska drivlinor",
    summary:
      "Maskininlärning på vibrations- och temperaturdata från elektriska drivlinor, så att service kan planeras veckor innan ett lager går sönder och teknikerna förstår varför.",
    keywords: ["tillståndsövervakning", "maskininlärning", "elektrifiering"],
    subjects: ["20205", "10201"],
    requestedFunding: 3_000_000,
    leadRef: "uni-12",
    coordinatorRef: "demo-account-researcher",
    members: [
      { orgRef: "uni-12", status: "accepted" },
      {
        orgRef: "demo-co-0",
        status: "accepted",
        contactRef: "demo-rep-0",
        pledgeCash: 400_000,
        pledgeInKind: 900_000,
        expected: "Två års driftdata från tio drivlinor och en servicetekniker i referensgruppen.",
      },
      {
        orgRef: "demo-co-24",
        status: "invited",
        contactRef: "demo-rep-24",
        expected: "Provning av modellerna i en riggad drivlina, cirka 400 timmar.",
      },
      {
        orgRef: "demo-co-25",
        status: "invited",
        contactRef: "demo-rep-25",
        expected: "Sensormoduler och firmware för mätningar på kanten.",
      },
    ],
  },
  {
    ref: "demo-consortium-one-short",
    programmeRef: "hog-2027",
    title: "Consumer behaviour in digital retail",
    summary:
      "How shoppers decide when a store is both a website and a shop: data from a retail chain's loyalty programme, field studies in stores, and a model of what makes people return.",
    keywords: ["consumer behaviour", "e-commerce", "digital retail"],
    subjects: ["50202", "50802"],
    requestedFunding: 1_500_000,
    leadRef: "uni-12",
    coordinatorRef: "demo-account-researcher",
    members: [
      { orgRef: "uni-12", status: "accepted" },
      {
        orgRef: "demo-co-16",
        status: "accepted",
        contactRef: "demo-rep-16",
        pledgeCash: 600_000,
        pledgeInKind: 1_000_000,
        expected: "Loyalty-programme data and access to five stores for field studies.",
      },
      {
        orgRef: "demo-co-4",
        status: "declined",
        contactRef: "demo-rep-4",
        reason: "Vi har inte resurser för ett nytt projekt i år.",
      },
    ],
  },
  {
    ref: "demo-consortium-eligible",
    programmeRef: "expert-2027",
    title: "Inbyggda sensorsystem: en kurs för yrkesverksamma ingenjörer",
    summary:
      "En kurs på halvfart om sensorfusion och maskininlärning på kanten, utformad med företagen för deras ingenjörer och med övningar på deras egna produkter.",
    keywords: ["inbyggda system", "sensorfusion", "kompetensutveckling"],
    subjects: ["20207", "50301"],
    requestedFunding: 1_200_000,
    leadRef: "uni-07",
    coordinatorRef: "demo-person-6",
    members: [
      { orgRef: "uni-07", status: "accepted" },
      {
        orgRef: "demo-co-5",
        status: "accepted",
        contactRef: "demo-rep-5",
        pledgeCash: 200_000,
        pledgeInKind: 200_000,
        expected: "Fem ingenjörer som deltagare och en produkt att öva på.",
      },
      {
        orgRef: "demo-co-25",
        status: "accepted",
        contactRef: "demo-rep-25",
        pledgeInKind: 300_000,
        expected: "Lärare från företaget i två av kursens moment.",
      },
    ],
  },
];
