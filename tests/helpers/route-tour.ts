// A tour of every page of the product: a small world seeded into the test file's
// database (people of each role, organizations with a corporate group, postings, a
// programme and a consortium with answers and pledges, a saved search, notifications),
// and for every page route in app/routes the addresses that show it, each with the
// person who looks at it. Tests that must hold on every page (language, accessibility,
// narrow screens) walk TOUR; `untouredPageRoutes()` names a new page that has no stop
// yet, so such a test fails until one is added here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { hashPassword, sha256 } from "#app/lib/security.server.ts";
import { stockholmDay } from "#app/domain/outcome.ts";
import { invite, respond, setPledge } from "#app/models/consortium.server.ts";
import { recordOutcome } from "#app/models/outcome.server.ts";
import { saveLetter } from "#app/models/letter.server.ts";
import { blockSender } from "#app/models/block.server.ts";
import { decline, openConversation, reply } from "#app/models/conversation.server.ts";
import { joinOrganization } from "#app/models/membership.server.ts";
import { reportMessage } from "#app/models/report.server.ts";
import { saveSearch } from "#app/models/saved-search.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { ROOT, searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

export type Who = "visitor" | "researcher" | "company" | "coordinator" | "admin";
export type Lang = "sv" | "en";

export interface Stop {
  /** Path and query, e.g. "/postings/<id>". */
  path: string;
  as: Who;
  /** What this stop shows, for failure messages. */
  note: string;
  /** The status the page answers with; 200 unless said. */
  status?: number;
}

export interface TourRoute {
  /** The route module's name in app/routes without its extension ("postings.$id"; "$" answers unknown addresses). */
  route: string;
  stops: Stop[];
}

/** Everyone signs in with this password. */
export const TOUR_PASSWORD = "tour password 1";

// Fixed ids, so the tour's addresses are known before the world is seeded (and read the
// same in every failure message).
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** The seeded world's ids and addresses. */
export const WORLD = {
  people: {
    researcher: { id: id(1), email: "rut.forsberg@tour.example", name: "Rut Forsberg" },
    company: { id: id(2), email: "kalle.berg@tour.example", name: "Kalle Berg" },
    coordinator: { id: id(3), email: "cora.lind@tour.example", name: "Cora Lind" },
    admin: { id: id(4), email: "ada.admin@tour.example", name: "Ada Admin" },
    /** Speaks for the second, independent company. */
    sensorsRep: { id: id(5), email: "sara.ek@tour.example", name: "Sara Ek" },
    /** Has asked to join the corporate group's parent: a request waiting for its admin. */
    asker: { id: id(6), email: "nils.holm@tour.example", name: "Nils Holm" },
    /** Registered but never confirmed: their confirmation link is CONFIRM_TOKEN. */
    unconfirmed: { id: id(7), email: "ny.person@tour.example", name: "Ny Person" },
  },
  organizations: {
    university: id(101),
    /** Parent of a corporate group; the company person administers it. */
    group: id(102),
    /** A subsidiary of `group`: invited to the consortium, not answered. */
    subsidiary: id(103),
    /** A company independent of the group: accepted and pledged. */
    sensors: id(104),
    institute: id(105),
  },
  postings: {
    /** The researcher's, public, in English, with a long address and a long word. */
    competence: id(201),
    /** The company's, public, in Swedish. */
    need: id(202),
    /** Visible to signed-in people only. */
    membersOnly: id(203),
    /** The company's, confidential: Sara Ek's request waits, the admin's was accepted. */
    confidential: id(204),
  },
  programme: id(301),
  /** Closes in ten days: the deadline shows as soon. */
  closingProgramme: id(302),
  consortium: id(401),
  /** Submitted; the company's group invited and not answered; the institute declined with a reason. */
  submittedConsortium: id(402),
  savedSearch: id(501),
  /** The second company's person wrote to the researcher, who blocked her and reported the message. */
  reportedConversation: id(611),

  /** The company person's interest in the researcher's competence, answered. */
  conversation: id(601),
  /** The researcher's interest in the corporate group, declined by its admin with a reason. */
  declinedConversation: id(602),
  /** A valid link's token for /confirm-email (the unconfirmed person's). */
  confirmToken: "tour-confirm-token-0123456789abcdef",
  /** A valid link's token for /reset-password (the researcher's). */
  resetToken: "tour-reset-token-0123456789abcdef",
} as const;

const P = WORLD.people;
const O = WORLD.organizations;

/** Every page route and its stops. A page route added to app/routes needs an entry here. */
export const TOUR: readonly TourRoute[] = [
  {
    route: "_index",
    stops: [
      { path: "/", as: "visitor", note: "home, signed out" },
      { path: "/", as: "researcher", note: "home, signed in" },
    ],
  },
  { route: "admin._index", stops: [{ path: "/admin", as: "admin", note: "administration" }] },
  { route: "admin.organizations", stops: [{ path: "/admin/organizations", as: "admin", note: "organizations to merge, parent changes" }] },
  { route: "admin.programmes._index", stops: [{ path: "/admin/programmes", as: "admin", note: "programmes" }] },
  {
    route: "admin.programmes.$id",
    stops: [
      { path: `/admin/programmes/${WORLD.programme}`, as: "admin", note: "a programme's rules" },
      { path: "/admin/programmes/new", as: "admin", note: "a new programme" },
    ],
  },
  { route: "admin.queues", stops: [{ path: "/admin/queues", as: "admin", note: "queues and outbox" }] },
  {
    route: "admin.funnel",
    stops: [
      { path: "/admin/funnel", as: "admin", note: "the funnel: chart, table of the world's invitations, answers and outcome" },
      { path: "/admin/funnel?from=2026-13&programme=x", as: "admin", note: "the funnel, a malformed period and programme", status: 400 },
      { path: "/admin/funnel", as: "researcher", note: "the funnel, not an admin", status: 403 },
    ],
  },
  {
    route: "admin.reports",
    stops: [
      { path: "/admin/reports", as: "admin", note: "reported messages: one, with HTML in the message and the reason" },
      { path: "/admin/reports", as: "researcher", note: "reported messages, not an admin", status: 404 },
    ],
  },
  {
    route: "messages.$id_.report",
    stops: [
      { path: `/messages/${WORLD.reportedConversation}/report`, as: "researcher", note: "report a message" },
      {
        path: `/messages/${WORLD.reportedConversation}/report`,
        as: "coordinator",
        note: "report in someone else's conversation",
        status: 404,
      },
    ],
  },
  {
    route: "profile_.blocked",
    stops: [
      { path: "/profile/blocked", as: "researcher", note: "blocked senders: one" },
      { path: "/profile/blocked", as: "company", note: "blocked senders: none" },
    ],
  },
  { route: "profile_.delete", stops: [{ path: "/profile/delete", as: "researcher", note: "delete one's account" }] },
  {
    route: "confirm-email",
    stops: [
      { path: `/confirm-email?token=${WORLD.confirmToken}`, as: "visitor", note: "a valid confirmation link" },
      { path: "/confirm-email?token=no-such-token", as: "visitor", note: "an expired or wrong confirmation link" },
    ],
  },
  {
    route: "consortia.$id",
    stops: [
      { path: `/consortia/${WORLD.consortium}`, as: "coordinator", note: "a consortium, as its coordinator" },
      { path: `/consortia/${WORLD.consortium}`, as: "company", note: "a consortium, as an accepted partner" },
      {
        path: `/consortia/${WORLD.submittedConsortium}`,
        as: "coordinator",
        note: "a submitted consortium, as its coordinator: the outcome form, a declined partner's reason",
      },
      {
        path: `/consortia/${WORLD.submittedConsortium}`,
        as: "company",
        note: "a submitted consortium: an invitation to answer or decline",
      },
    ],
  },
  {
    route: "consortia.$id_.letters.$organizationId",
    stops: [
      {
        path: `/consortia/${WORLD.consortium}/letters/${O.group}`,
        as: "company",
        note: "a letter of intent to write and confirm, as the company's admin",
      },
      {
        path: `/consortia/${WORLD.consortium}/letters/${O.sensors}`,
        as: "coordinator",
        note: "a confirmed letter of intent, as the coordinator",
      },
    ],
  },
  {
    route: "consortia._index",
    stops: [
      { path: "/consortia", as: "coordinator", note: "my consortia" },
      { path: "/consortia", as: "researcher", note: "my consortia, none" },
    ],
  },
  { route: "consortia.new", stops: [{ path: "/consortia/new", as: "coordinator", note: "start a consortium" }] },
  { route: "forgot-password", stops: [{ path: "/forgot-password", as: "visitor", note: "forgotten password" }] },
  { route: "login", stops: [{ path: "/login", as: "visitor", note: "sign in" }] },
  {
    route: "notifications",
    stops: [
      { path: "/notifications", as: "company", note: "notifications: an invitation and a request to join" },
      { path: "/notifications", as: "researcher", note: "notifications, none" },
    ],
  },
  {
    route: "organizations.$id",
    stops: [
      { path: `/organizations/${O.group}`, as: "visitor", note: "a corporate group's parent, signed out" },
      { path: `/organizations/${O.subsidiary}`, as: "company", note: "a subsidiary, by its group's admin" },
      { path: `/organizations/${O.university}`, as: "researcher", note: "a university, by a member" },
      { path: `/organizations/${O.institute}`, as: "coordinator", note: "an institute, with the invite form" },
    ],
  },
  { route: "organizations.$id_.edit", stops: [{ path: `/organizations/${O.group}/edit`, as: "company", note: "edit an organization" }] },
  {
    route: "organizations.$id_.members",
    stops: [{ path: `/organizations/${O.group}/members`, as: "company", note: "members and a request waiting" }],
  },
  {
    route: "messages._index",
    stops: [
      { path: "/messages", as: "company", note: "messages: one answered, one declined" },
      { path: "/messages", as: "coordinator", note: "messages, none" },
    ],
  },
  {
    route: "messages.$id",
    stops: [
      { path: `/messages/${WORLD.conversation}`, as: "researcher", note: "a conversation, as the one written to (reply, not interested)" },
      { path: `/messages/${WORLD.conversation}`, as: "company", note: "a conversation, as its sender" },
      { path: `/messages/${WORLD.declinedConversation}`, as: "researcher", note: "a declined conversation, as its sender (the reason)" },
      { path: `/messages/${WORLD.declinedConversation}`, as: "company", note: "a declined conversation, as the organization's admin" },
      { path: `/messages/${WORLD.conversation}`, as: "coordinator", note: "someone else's conversation", status: 404 },
    ],
  },
  {
    route: "messages.new",
    stops: [
      { path: `/messages/new?posting=${WORLD.postings.need}`, as: "researcher", note: "express interest in a need, linking a posting" },
      { path: `/messages/new?organization=${O.sensors}`, as: "coordinator", note: "express interest in an organization" },
      { path: `/messages/new?person=${P.researcher.id}`, as: "researcher", note: "express interest in oneself: refused" },
    ],
  },
  { route: "people.$id", stops: [{ path: `/people/${P.researcher.id}`, as: "company", note: "a researcher's profile" }] },
  {
    route: "postings.$id",
    stops: [
      { path: `/postings/${WORLD.postings.competence}`, as: "visitor", note: "a competence, signed out" },
      { path: `/postings/${WORLD.postings.competence}`, as: "researcher", note: "a competence, by its owner" },
      { path: `/postings/${WORLD.postings.need}`, as: "researcher", note: "a need in Swedish, with suggestions" },
      { path: `/postings/${WORLD.postings.membersOnly}`, as: "company", note: "a posting for signed-in people only" },
      { path: `/postings/${WORLD.postings.confidential}`, as: "visitor", note: "a confidential posting, signed out: its teaser" },
      { path: `/postings/${WORLD.postings.confidential}`, as: "researcher", note: "a confidential posting: the request form" },
      { path: `/postings/${WORLD.postings.confidential}`, as: "company", note: "a confidential posting, by its owner: requests" },
      { path: `/postings/${WORLD.postings.confidential}`, as: "admin", note: "a confidential posting revealed: the author's contact" },
    ],
  },
  {
    route: "postings.$id_.edit",
    stops: [{ path: `/postings/${WORLD.postings.competence}/edit`, as: "researcher", note: "edit a posting" }],
  },
  {
    route: "postings._index",
    stops: [
      { path: "/postings", as: "visitor", note: "browse, signed out" },
      { path: "/postings?q=vibration&kind=need", as: "researcher", note: "browse with a search and a facet (save search form)" },
      { path: "/postings?q=zzzqqqxxx", as: "visitor", note: "browse, no results" },
    ],
  },
  {
    route: "postings.mine",
    stops: [
      { path: "/postings/mine", as: "researcher", note: "my postings" },
      { path: "/postings/mine", as: "coordinator", note: "my postings, none" },
    ],
  },
  { route: "postings.new", stops: [{ path: "/postings/new", as: "researcher", note: "new posting" }] },
  {
    route: "profile",
    stops: [
      { path: "/profile", as: "researcher", note: "my profile" },
      { path: "/profile", as: "company", note: "my profile, a company admin" },
    ],
  },
  { route: "register", stops: [{ path: "/register", as: "visitor", note: "register" }] },
  {
    route: "reset-password",
    stops: [
      { path: `/reset-password?token=${WORLD.resetToken}`, as: "visitor", note: "a valid reset link" },
      { path: "/reset-password?token=no-such-token", as: "visitor", note: "an expired or wrong reset link" },
    ],
  },
  {
    route: "searches",
    stops: [
      { path: "/searches", as: "researcher", note: "saved searches" },
      { path: "/searches", as: "company", note: "saved searches, none" },
    ],
  },
  { route: "$", stops: [{ path: "/no-such-page", as: "visitor", note: "an unknown address", status: 404 }] },
];

/** Every stop, with its route. */
export function tourStops(): (Stop & { route: string })[] {
  return TOUR.flatMap((r) => r.stops.map((s) => ({ ...s, route: r.route })));
}

/** The stops grouped by who looks, so each person signs in once. */
export function stopsByPerson(): Map<Who, (Stop & { route: string })[]> {
  const by = new Map<Who, (Stop & { route: string })[]>();
  for (const s of tourStops()) by.set(s.as, [...(by.get(s.as) ?? []), s]);
  return by;
}

const ROUTES_DIR = path.join(ROOT, "app/routes");

/**
 * The page routes in app/routes (modules that export a default component, as a flat file
 * or a folder's route.tsx), by the name TOUR uses. Resource routes (healthz, lang, the
 * notification stream...) export none and are not pages.
 */
export function pageRoutes(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(ROUTES_DIR)) {
    const full = path.join(ROUTES_DIR, entry);
    let file: string | undefined;
    let name: string;
    if (statSync(full).isDirectory()) {
      file = ["route.tsx", "route.ts", "route.jsx", "route.js"].map((f) => path.join(full, f)).find((f) => exists(f));
      name = entry;
    } else {
      if (!/\.(tsx?|jsx?)$/.test(entry) || /\.test\./.test(entry)) continue;
      file = full;
      name = entry.replace(/\.(tsx?|jsx?)$/, "");
    }
    if (file && /^export default\b/m.test(readFileSync(file, "utf8"))) found.push(name);
  }
  return found.sort();
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Page routes without a stop in TOUR: a page added without one. */
export function untouredPageRoutes(): string[] {
  const toured = new Set(TOUR.map((r) => r.route));
  return pageRoutes().filter((r) => !toured.has(r));
}

/** Seeds the world into the test file's database; the postings reach the search index when a worker runs. */
export async function seedTour(): Promise<typeof WORLD> {
  const prisma = getPrisma();
  const passwordHash = await hashPassword(TOUR_PASSWORD);
  const confirmed = new Date();
  const now = Date.now();
  const inAYear = new Date(now + 365 * 24 * 3600 * 1000);

  await prisma.organization.createMany({
    data: [
      {
        id: O.university,
        name: "Tour University",
        kind: "university",
        eligibleApplicant: true,
        region: "Värmland",
        website: "https://www.tour-university.example/forskning/samverkan-med-naringslivet/kontakta-oss",
        description: "A university with research in signal processing, materials and computer science.",
      },
      {
        id: O.group,
        name: "Tour Group AB",
        kind: "company",
        orgNumber: "556000-0001",
        region: "Västra Götaland",
        employees: 1200,
        sme: false,
        sniCode: "2811",
        website: "https://www.tour-group.example/",
        description: "Makes electric drive lines and the sensors that watch them.",
        competencies: "Drive lines, vibration measurement, test rigs.",
        needs: "Machine learning for predictive maintenance.",
        coFundingCapacity: 500_000,
      },
      {
        id: O.sensors,
        name: "Tour Sensors AB",
        kind: "company",
        orgNumber: "556000-0003",
        region: "Skåne",
        employees: 40,
        sme: true,
        description: "Small maker of vibration sensors.",
      },
      { id: O.institute, name: "Tour Institute", kind: "institute", region: "Stockholm", description: "A research institute." },
    ],
  });
  await prisma.organization.create({
    data: { id: O.subsidiary, name: "Tour Group Sverige AB", kind: "company", orgNumber: "556000-0002", parentId: O.group },
  });

  const person = (p: { id: string; email: string; name: string }, role: "researcher" | "company_rep" | "coordinator" | "admin") => ({
    id: p.id,
    email: p.email,
    name: p.name,
    role,
    passwordHash,
    emailConfirmedAt: confirmed,
  });
  await prisma.user.createMany({
    data: [
      {
        ...person(P.researcher, "researcher"),
        title: "Associate professor of signal processing",
        languages: ["sv", "en"],
        researchInterests: "Condition monitoring of rotating machines from vibration signals.",
        competencies: "Signal processing, machine learning, test rig design.",
        keywords: ["vibration analysis", "predictive maintenance"],
        subjects: ["20205", "10201"],
      },
      { ...person(P.company, "company_rep"), title: "Head of research" },
      person(P.coordinator, "coordinator"),
      person(P.admin, "admin"),
      person(P.sensorsRep, "company_rep"),
      person(P.asker, "company_rep"),
      { ...person(P.unconfirmed, "researcher"), emailConfirmedAt: null },
    ],
  });
  await prisma.membership.createMany({
    data: [
      { userId: P.researcher.id, organizationId: O.university },
      { userId: P.coordinator.id, organizationId: O.university },
      { userId: P.company.id, organizationId: O.group, role: "admin" },
      { userId: P.sensorsRep.id, organizationId: O.sensors, role: "admin" },
    ],
  });
  await prisma.emailConfirmationToken.create({
    data: { id: sha256(WORLD.confirmToken), userId: P.unconfirmed.id, expiresAt: inAYear },
  });
  await prisma.passwordResetToken.create({
    data: { id: sha256(WORLD.resetToken), userId: P.researcher.id, expiresAt: inAYear },
  });

  await prisma.$transaction(async (tx) => {
    await tx.posting.createMany({
      data: [
        {
          id: WORLD.postings.competence,
          kind: "competence",
          title: "Vibration analysis for predictive maintenance of electric drives",
          description:
            "We find faults in bearings and gears from vibration signals before they stop a line. " +
            "Methods and data: https://www.tour-university.example/forskning/signalbehandling/tillstandsovervakning/publikationer-och-dataset-2024. " +
            "Keyword for the long-word check: Tillståndsövervakningsforskningsprogrammet.",
          keywords: ["vibration analysis", "predictive maintenance", "signal processing"],
          subjects: ["20205"],
          language: "en",
          ownerId: P.researcher.id,
          organizationId: O.university,
          expiresAt: inAYear,
        },
        {
          id: WORLD.postings.need,
          kind: "need",
          title: "Maskininlärning för vibrationsdata från drivlinor",
          description: "Vi söker forskare som kan hitta tidiga tecken på lagerskador i vibrationsdata från våra provriggar.",
          keywords: ["maskininlärning", "vibration"],
          subjects: ["10201", "20205"],
          language: "sv",
          ownerId: P.company.id,
          organizationId: O.group,
          expiresAt: inAYear,
        },
        {
          id: WORLD.postings.membersOnly,
          kind: "need",
          title: "Sensor placement for small gearboxes",
          description: "Where to place one accelerometer on a gearbox, and what it can tell.",
          keywords: ["sensors", "vibration"],
          subjects: ["20205"],
          language: "en",
          visibility: "members",
          ownerId: P.sensorsRep.id,
          organizationId: O.sensors,
          expiresAt: inAYear,
        },
        {
          id: WORLD.postings.confidential,
          kind: "competence",
          title: "Bearing fault data set from our pump test hall",
          description: "Ten years of pump vibration data, with the faults labelled by our own service engineers.",
          keywords: ["pumps", "vibration"],
          subjects: ["20205", "20305"],
          language: "en",
          confidential: true,
          teaser: "Labelled vibration data from pumps, for fault detection research",
          ownerId: P.company.id,
          organizationId: O.group,
          expiresAt: inAYear,
        },
      ],
    });
    await tx.revealRequest.createMany({
      data: [
        {
          postingId: WORLD.postings.confidential,
          requesterId: P.sensorsRep.id,
          note: "We make the sensors; we would like to test them on it.",
        },
        {
          postingId: WORLD.postings.confidential,
          requesterId: P.admin.id,
          note: "For a call on water infrastructure.",
          status: "accepted",
          decidedById: P.company.id,
          decidedAt: new Date(now),
        },
      ],
    });
    await writeEvent(tx, "search.postings", { postingIds: Object.values(WORLD.postings) });
    await writeEvent(tx, "search.organizations", { organizationIds: Object.values(O) });
    await writeEvent(tx, "search.people", { userIds: [P.researcher.id, P.company.id] });

    await tx.programme.create({
      data: {
        id: WORLD.programme,
        name: "Tour co-production call 2026",
        projectType: "research",
        deadline: new Date(now + 60 * 24 * 3600 * 1000),
      },
    });
    await tx.consortium.create({
      data: {
        id: WORLD.consortium,
        programmeId: WORLD.programme,
        title: "Predictive maintenance of electric drive lines",
        summary: "Vibration data from test rigs and machine learning find bearing faults weeks before they stop a line.",
        keywords: ["predictive maintenance", "vibration analysis"],
        subjects: ["20205"],
        requestedFunding: 1_000_000n,
        leadOrganizationId: O.university,
        coordinatorId: P.coordinator.id,
      },
    });
  });

  // Invitations, answers and pledges through the product's own rules (they notify, and ask
  // the worker to evaluate the consortium).
  const must = (what: string, r: { ok: boolean }) => {
    if (!r.ok) throw new Error(`seedTour: ${what} failed: ${JSON.stringify(r)}`);
  };
  for (const org of [O.group, O.sensors, O.subsidiary]) must("invite", await invite(WORLD.consortium, P.coordinator.id, org));
  must("accept", await respond(WORLD.consortium, O.group, P.company.id, true));
  must("pledge", await setPledge(WORLD.consortium, O.group, P.company.id, { pledgeCash: 300_000, pledgeInKind: 100_000 }));
  must("accept", await respond(WORLD.consortium, O.sensors, P.sensorsRep.id, true));
  must("pledge", await setPledge(WORLD.consortium, O.sensors, P.sensorsRep.id, { pledgeCash: 250_000, pledgeInKind: 0 }));
  const text = { role: "Radar sensors and a test site in Karlstad", motive: "We want to learn how vibration data predicts wear." };
  must("letter", await saveLetter(WORLD.consortium, O.sensors, P.sensorsRep.id, text, true));

  // A second consortium, under a call closing in ten days: submitted, the company's group
  // invited and not answered, the institute declined with a reason.
  await prisma.programme.create({
    data: {
      id: WORLD.closingProgramme,
      name: "Tour call closing soon",
      projectType: "research",
      deadline: new Date(now + 10 * 24 * 3600 * 1000),
    },
  });
  await prisma.consortium.create({
    data: {
      id: WORLD.submittedConsortium,
      programmeId: WORLD.closingProgramme,
      title: "Acoustic monitoring of gearboxes",
      summary: "Microphones instead of accelerometers find gear wear early.",
      requestedFunding: 500_000n,
      leadOrganizationId: O.university,
      coordinatorId: P.coordinator.id,
    },
  });
  for (const org of [O.group, O.sensors]) must("invite", await invite(WORLD.submittedConsortium, P.coordinator.id, org));
  must("accept", await respond(WORLD.submittedConsortium, O.sensors, P.sensorsRep.id, true));
  await prisma.consortiumMember.create({
    data: {
      consortiumId: WORLD.submittedConsortium,
      organizationId: O.institute,
      status: "declined",
      declineReason: "no_capacity",
      reason: "Our acoustics lab is booked until 2028.",
    },
  });
  must("submit", await recordOutcome(WORLD.submittedConsortium, P.coordinator.id, { kind: "submitted", on: stockholmDay(new Date()) }));

  const asked = await joinOrganization(
    { id: P.asker.id, role: "company_rep" },
    { organization: undefined, organizationId: O.group, message: "I run the test rigs in Trollhättan." },
  );
  if (asked.kind !== "requested") throw new Error(`seedTour: request to join failed: ${JSON.stringify(asked)}`);

  // A message the researcher blocked and reported, through the product's own rules, then given the tour's id.
  const pushy = await openConversation(
    { id: P.sensorsRep.id, name: P.sensorsRep.name },
    { target: { person: P.researcher.id }, body: '<img src=x onerror="alert(1)"> Buy our sensors now: https://sensors.tour.example/offer' },
  );
  if (!pushy.ok) throw new Error(`seedTour: opening a conversation failed: ${JSON.stringify(pushy)}`);
  await prisma.$executeRaw`UPDATE "Conversation" SET id = ${WORLD.reportedConversation}::uuid WHERE id = ${pushy.id}::uuid`;
  must("block", await blockSender(WORLD.reportedConversation, P.researcher.id));
  const pushed = await prisma.message.findFirstOrThrow({ where: { conversationId: WORLD.reportedConversation }, select: { id: true } });
  must("report", await reportMessage(pushed.id, P.researcher, "<b>Unsolicited</b> sales, three times a week."));

  // Conversations through the product's own rules (they notify), then given the tour's ids.
  const opened = await openConversation(
    { id: P.company.id, name: P.company.name },
    {
      target: { posting: WORLD.postings.competence },
      body:
        "We have ten years of vibration data from our test rigs in Trollhättan.\n\n" +
        "<b>Shown as typed</b>: https://www.tour-group.example/provriggar/vibrationsdata/2016-2026/lager-och-vaxlar/sammanstallning.pdf",
      linkedPostingId: WORLD.postings.need,
    },
  );
  if (!opened.ok) throw new Error(`seedTour: opening a conversation failed: ${JSON.stringify(opened)}`);
  await giveId(opened.id, WORLD.conversation);
  must("reply", await reply(WORLD.conversation, { id: P.researcher.id, name: P.researcher.name }, "Gladly. Could we meet next week?"));
  const asked2 = await openConversation(
    { id: P.researcher.id, name: P.researcher.name },
    { target: { organization: O.group }, body: "We would like to test our bearing models on your drive lines." },
  );
  if (!asked2.ok) throw new Error(`seedTour: opening a conversation failed: ${JSON.stringify(asked2)}`);
  await giveId(asked2.id, WORLD.declinedConversation);
  must(
    "decline",
    await decline(
      WORLD.declinedConversation,
      { id: P.company.id, name: P.company.name },
      "has_partner",
      "We work with Chalmers on this until 2027.",
    ),
  );

  const saved = await saveSearch(P.researcher.id, { name: "Vibration needs", q: "vibration", facets: { kind: ["need"] } });
  if (!saved.ok) throw new Error(`seedTour: saved search failed: ${saved.error}`);
  await prisma.savedSearch.update({ where: { id: saved.id }, data: { id: WORLD.savedSearch } });
  return WORLD;
}

/** Gives a conversation the tour's fixed id (its messages and read marks follow by the foreign keys), and its notices their link. */
async function giveId(from: string, to: string): Promise<void> {
  const prisma = getPrisma();
  await prisma.conversation.update({ where: { id: from }, data: { id: to } });
  await prisma.notification.updateMany({ where: { link: `/messages/${from}` }, data: { link: `/messages/${to}` } });
}

/** The world seeded, the search index set up and filled, a web server and a worker running. */
export async function startTour(): Promise<{ web: Proc & { url: string }; worker: Proc; stop: () => Promise<void> }> {
  await applySearchSettings();
  await seedTour();
  const [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  await searchSettled();
  return {
    web,
    worker,
    stop: async () => {
      await Promise.all([web.stop(), worker.stop()]);
    },
  };
}

/** The person's email, or null for the visitor. */
export function emailOf(who: Who): string | null {
  return who === "visitor" ? null : P[who].email;
}

/** An HTTP client signed in as the person (a visitor's is signed out). */
export async function signInOverHttp(base: string, who: Who): Promise<Client> {
  const client = new Client(base);
  const email = emailOf(who);
  if (!email) return client;
  const res = await client.post("/login", { email, password: TOUR_PASSWORD });
  if (res.status !== 302) throw new Error(`signing in as ${who} (${email}) failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return client;
}

/** Chooses the interface language through the language switch (kept on the account when signed in). */
export async function chooseLanguageOverHttp(client: Client, lang: Lang): Promise<void> {
  const res = await client.post("/lang", { lang, redirectTo: "/" });
  if (res.status !== 302) throw new Error(`choosing ${lang} failed: ${res.status}`);
}

/** Signs the page's browser context in through the sign-in form (nothing for the visitor). */
export async function signInBrowser(page: Page, base: string, who: Who): Promise<void> {
  const email = emailOf(who);
  if (!email) return;
  await page.goto(`${base}/login`);
  // By name rather than label: the labels are in whichever language the page speaks.
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TOUR_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.locator('main form[method="post"] button[type="submit"]').click(),
  ]);
}

/** Chooses the language with the header's switch, as a person would, unless the page already speaks it. */
export async function chooseLanguageInBrowser(page: Page, base: string, lang: Lang): Promise<void> {
  await page.goto(`${base}/`);
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.locator('form[action="/lang"] button[type="submit"]').click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
}
