// Requests to see a confidential posting, and their answers. The rules are in
// app/domain/reveal.ts; here they meet the rows. A request and the author's notice commit
// together, an acceptance and the requester's notice too, and each happens once: one
// request per person and posting (a unique key), and only a pending request can be
// answered (the update that answers it names the pending status).
import { z } from "zod";
import {
  isAnswerable,
  mayAnswerReveal,
  mayRequestReveal,
  requesterShown,
  seesInFull,
  type RevealFacts,
  type RevealStatus,
} from "#app/domain/reveal.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { msg } from "#app/i18n/index.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

type Db = Prisma.TransactionClient;

export const NOTE_MAX = 1000;

export const revealRequestSchema = z.object({
  intent: z.literal("reveal-request"),
  note: z.string().trim().min(1, msg("reveal.noteRequired")).max(NOTE_MAX),
});

export const revealAnswerSchema = z.object({
  intent: z.enum(["reveal-accept", "reveal-decline"]),
  request: z.string().refine(isId, msg("validation.invalid")),
});

interface PostingKey {
  id: string;
  confidential: boolean;
  ownerId: string | null;
  organizationId: string | null;
}

/**
 * The facts about one viewer and one posting. An organization admin whose address is not
 * confirmed counts as a member: answering speaks in the organization's name.
 */
export async function revealFacts(db: Db, p: PostingKey, viewerId: string | null): Promise<RevealFacts> {
  const base: RevealFacts = { confidential: p.confidential, ownerId: p.ownerId, role: null, request: null };
  if (!viewerId) return base;
  const [membership, request] = await Promise.all([
    p.organizationId
      ? db.membership.findUnique({
          where: { userId_organizationId: { userId: viewerId, organizationId: p.organizationId } },
          select: { role: true, user: { select: { emailConfirmedAt: true } } },
        })
      : null,
    db.revealRequest.findUnique({ where: { postingId_requesterId: { postingId: p.id, requesterId: viewerId } }, select: { status: true } }),
  ]);
  const role = membership ? (membership.role === "admin" && membership.user.emailConfirmedAt ? "admin" : "member") : null;
  return { ...base, role, request: request?.status ?? null };
}

/** Whether this viewer sees the posting as written (not confidential, their own side's, or revealed to them). */
export async function seesPostingInFull(p: PostingKey, viewerId: string | null): Promise<boolean> {
  return !p.confidential || seesInFull(viewerId, await revealFacts(getPrisma(), p, viewerId));
}

/** What the posting page shows about reveals, for this viewer. */
export interface RevealPanel {
  full: boolean;
  mayRequest: boolean;
  /** The viewer's own request, and, once accepted, whom to write to. */
  mine: { status: RevealStatus; note: string; createdAt: string; decidedAt: string | null; contact: Contact | null } | null;
  /** Requests to see it, for those who answer them; null for anyone else. */
  incoming: IncomingRequest[] | null;
}

export interface Contact {
  name: string;
  email: string;
  organization: string | null;
}

export interface IncomingRequest {
  id: string;
  note: string;
  status: RevealStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The kinds of organization the requester is with: all the author sees before accepting. */
  organizationKinds: string[];
  /** Name, organizations and email (and the account, to write to): only once accepted. */
  requester: (Contact & { id: string }) | null;
}

export async function revealPanel(
  p: PostingKey & { owner: { name: string; email: string } | null; organization: { name: string } | null },
  viewerId: string | null,
): Promise<RevealPanel> {
  const prisma = getPrisma();
  const facts = await revealFacts(prisma, p, viewerId);
  const full = seesInFull(viewerId, facts);
  const panel: RevealPanel = { full, mayRequest: mayRequestReveal(viewerId, facts), mine: null, incoming: null };
  if (!viewerId || !p.confidential) return panel;
  if (facts.request) {
    const r = await prisma.revealRequest.findUniqueOrThrow({
      where: { postingId_requesterId: { postingId: p.id, requesterId: viewerId } },
      select: { status: true, note: true, createdAt: true, decidedAt: true, decidedBy: { select: { name: true, email: true } } },
    });
    // The author, or, for an organization's own posting, the admin who accepted.
    const person = p.owner ?? r.decidedBy;
    panel.mine = {
      status: r.status,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      contact:
        r.status === "accepted" && person ? { name: person.name, email: person.email, organization: p.organization?.name ?? null } : null,
    };
  }
  if (mayAnswerReveal(viewerId, facts)) {
    const rows = await prisma.revealRequest.findMany({
      where: { postingId: p.id },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
      select: {
        id: true,
        note: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        decidedBy: { select: { name: true } },
        requester: {
          select: { id: true, name: true, email: true, memberships: { select: { organization: { select: { name: true, kind: true } } } } },
        },
      },
    });
    panel.incoming = rows.map((r) => {
      const orgs = r.requester.memberships.map((m) => m.organization);
      return {
        id: r.id,
        note: r.note,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        decidedBy: r.decidedBy?.name ?? null,
        organizationKinds: [...new Set(orgs.map((o) => o.kind))].sort(),
        requester: requesterShown(r.status)
          ? {
              id: r.requester.id,
              name: r.requester.name,
              email: r.requester.email,
              organization: orgs.map((o) => o.name).join(", ") || null,
            }
          : null,
      };
    });
  }
  return panel;
}

/** Who hears of a request: the author, or, for an organization's own posting, its confirmed admins. */
async function answerers(tx: Db, p: { ownerId: string | null; organizationId: string | null }): Promise<string[]> {
  if (p.ownerId) return [p.ownerId];
  if (!p.organizationId) return [];
  const admins = await tx.membership.findMany({
    where: { organizationId: p.organizationId, role: "admin", user: { emailConfirmedAt: { not: null } } },
    select: { userId: true },
  });
  return admins.map((a) => a.userId);
}

/** What asking did: asked now, asked before (nothing changes, nobody is told again), or not a posting one may ask about. */
export type RequestOutcome = "requested" | "already" | "refused";

/** Asks to see a confidential posting the user can see as a teaser. */
export async function requestReveal(postingId: string, userId: string, note: string, now = new Date()): Promise<RequestOutcome> {
  if (!isId(postingId)) return "refused";
  return getPrisma().$transaction(async (tx) => {
    const p = await tx.posting.findFirst({
      where: { id: postingId, status: "active", expiresAt: { gt: now } },
      select: { id: true, title: true, confidential: true, ownerId: true, organizationId: true },
    });
    if (!p) return "refused";
    const facts = await revealFacts(tx, p, userId);
    if (facts.request) return "already";
    if (!mayRequestReveal(userId, facts)) return "refused";
    // Two submits at once: the unique key lets one row in; the other finds it and tells nobody.
    const { count } = await tx.revealRequest.createMany({
      data: [{ postingId, requesterId: userId, note: note.slice(0, NOTE_MAX) }],
      skipDuplicates: true,
    });
    if (count === 0) return "already";
    await notifyUsers(tx, await answerers(tx, p), {
      kind: "reveal.request",
      title: "reveal.notice.requestTitle",
      body: "reveal.notice.requestBody",
      vars: { title: p.title, note: note.slice(0, NOTE_MAX) },
      link: `/postings/${p.id}#reveal`,
    });
    return "requested";
  });
}

export type AnswerOutcome = "answered" | "already" | "not-found";

/**
 * Accepts or declines a request on a posting this user answers for. Only a pending request
 * changes, in one conditional update: of two answers at once, one wins and the other
 * changes nothing and tells nobody.
 */
export async function answerReveal(requestId: string, userId: string, accept: boolean, now = new Date()): Promise<AnswerOutcome> {
  if (!isId(requestId)) return "not-found";
  return getPrisma().$transaction(async (tx) => {
    const r = await tx.revealRequest.findUnique({
      where: { id: requestId },
      select: {
        requesterId: true,
        status: true,
        posting: { select: { id: true, title: true, confidential: true, ownerId: true, organizationId: true } },
      },
    });
    if (!r || !mayAnswerReveal(userId, await revealFacts(tx, r.posting, userId))) return "not-found";
    if (!isAnswerable(r.status)) return "already";
    const { count } = await tx.revealRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: { status: accept ? "accepted" : "declined", decidedById: userId, decidedAt: now },
    });
    if (count === 0) return "already";
    // A declined request is shown as such on the posting page; only an acceptance is news worth an email.
    if (accept)
      await notifyUsers(tx, [r.requesterId], {
        kind: "reveal.accepted",
        title: "reveal.notice.acceptedTitle",
        body: "reveal.notice.acceptedBody",
        vars: { title: r.posting.title },
        link: `/postings/${r.posting.id}#reveal`,
      });
    return "answered";
  });
}
