// Letters of intent: read for the letter's page and its PDF, saved and confirmed in the app
// or by an uploaded signed PDF, and tallied for the consortium's checklist and the worker's
// "ready to submit" announcement. A partner leaving the consortium writes a "left" entry, and
// a confirmation older than the last one no longer holds. Every change writes an audit entry (LetterEvent) and a
// consortium.changed outbox event in its transaction, so the worker re-evaluates readiness
// exactly as it does the funder's rules (workers/consortia.ts).
import { createHash, randomUUID } from "node:crypto";
import {
  letterContent,
  letterStatus,
  letterTally,
  looksLikePdf,
  needsLetter,
  type LetterRecord,
  type LetterTally,
  type Partner,
} from "#app/domain/letters.ts";
import { maySeeConsortium, mayConfirmLetter } from "#app/domain/permissions.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Locale } from "#app/i18n/index.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { documentStore, type DocumentStore } from "#app/lib/documents.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { renderPdf } from "#app/lib/pdf.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";

type Db = Prisma.TransactionClient;

export type LetterResult = { ok: true } | { ok: false; error: "not-found" | "forbidden" | "not-owed" | "not-pdf" | "too-large" | "empty" };

/** The letter's last "left" entry: when the partner last left the consortium. */
const lastLeft = { where: { action: "left" }, orderBy: { id: "desc" }, take: 1, select: { at: true } } as const;

const toRecord = (
  l: {
    role: string;
    motive: string;
    confirmedAt: Date | null;
    confirmedCash: bigint | null;
    confirmedInKind: bigint | null;
    confirmedRole: string | null;
    confirmedMotive: string | null;
  },
  left: { at: Date }[],
): LetterRecord => ({
  role: l.role,
  motive: l.motive,
  confirmedAt: l.confirmedAt,
  confirmedCash: l.confirmedCash === null ? null : Number(l.confirmedCash),
  confirmedInKind: l.confirmedInKind === null ? null : Number(l.confirmedInKind),
  confirmedRole: l.confirmedRole,
  confirmedMotive: l.confirmedMotive,
  leftAt: left[0]?.at ?? null,
});

/** The consortium's partners and letters, as the tally reads them. */
export async function consortiumLetters(db: Db, consortiumId: string): Promise<{ tally: LetterTally; partners: Partner[] }> {
  const members = await db.consortiumMember.findMany({
    where: { consortiumId },
    orderBy: [{ createdAt: "asc" }, { organizationId: "asc" }],
    select: {
      organizationId: true,
      status: true,
      pledgeCash: true,
      pledgeInKind: true,
      organization: { select: { name: true, kind: true } },
      letter: { include: { events: lastLeft } },
    },
  });
  const partners: Partner[] = members.map((m) => ({
    organizationId: m.organizationId,
    name: m.organization.name,
    kind: m.organization.kind,
    status: m.status,
    pledgeCash: Number(m.pledgeCash),
    pledgeInKind: Number(m.pledgeInKind),
  }));
  const letters = new Map(members.flatMap((m) => (m.letter ? [[m.organizationId, toRecord(m.letter, m.letter.events)] as const] : [])));
  return { tally: letterTally(partners, letters), partners };
}

/** One partner's letter with everything it says, or null when there is no such member. */
async function loadLetter(db: Db, consortiumId: string, organizationId: string) {
  if (!isId(consortiumId) || !isId(organizationId)) return null;
  const [m, left] = await Promise.all([
    loadMember(db, consortiumId, organizationId),
    db.letterEvent.findMany({ ...lastLeft, where: { ...lastLeft.where, consortiumId, organizationId } }),
  ]);
  return m && { ...m, left };
}

function loadMember(db: Db, consortiumId: string, organizationId: string) {
  return db.consortiumMember.findUnique({
    where: { consortiumId_organizationId: { consortiumId, organizationId } },
    include: {
      consortium: {
        select: {
          id: true,
          title: true,
          coordinatorId: true,
          programme: { select: { name: true } },
          leadOrganization: { select: { name: true } },
          coordinator: { select: { name: true } },
          members: { select: { organizationId: true, contactId: true, status: true } },
        },
      },
      organization: { select: { id: true, name: true, kind: true, orgNumber: true } },
      contact: { select: { name: true } },
      letter: {
        include: {
          confirmedBy: { select: { name: true, email: true } },
          events: { orderBy: { id: "desc" }, take: 50 },
        },
      },
    },
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadLetter>>>;

/**
 * Who sees a partner's letter: the coordinator, and the people of that partner (its
 * members and its named contact). Other partners see the tally on the consortium page, not
 * another company's motive.
 */
async function maySeeLetter(db: Db, m: Loaded, viewerId: string): Promise<boolean> {
  if (m.consortium.coordinatorId === viewerId) return true;
  const member = m.contactId === viewerId || (await standingIn(db, { id: viewerId }, m.organizationId)).role !== null;
  return member && maySeeConsortium(viewerId, m.consortium, new Set([m.organizationId]));
}

function factsOf(m: Loaded, now = new Date()) {
  const pledge = { pledgeCash: Number(m.pledgeCash), pledgeInKind: Number(m.pledgeInKind) };
  const status = letterStatus(pledge, m.letter && toRecord(m.letter, m.left));
  const by = m.letter?.confirmedBy;
  return {
    status,
    facts: {
      consortium: m.consortium.title,
      programme: m.consortium.programme.name,
      lead: m.consortium.leadOrganization?.name ?? null,
      coordinator: m.consortium.coordinator.name,
      organization: m.organization.name,
      orgNumber: m.organization.orgNumber,
      pledgeCash: Number(m.pledgeCash),
      pledgeInKind: Number(m.pledgeInKind),
      role: m.letter?.role ?? "",
      motive: m.letter?.motive ?? "",
      contact: m.contact?.name ?? null,
      // Only a confirmation that still holds is printed as one.
      confirmation:
        status.state === "confirmed" && m.letter?.confirmedAt
          ? {
              name: by?.name ?? m.letter.events.find((e) => e.action === "confirmed" || e.action === "uploaded")?.userName ?? "?",
              email: by?.email ?? "",
              at: m.letter.confirmedAt,
            }
          : null,
      now,
    },
  };
}

/** The letter's page: what it says, its state, its history, and whether the viewer may confirm it. Null: not found for this viewer. */
export async function getLetterView(consortiumId: string, organizationId: string, viewerId: string) {
  const db = getPrisma();
  const m = await loadLetter(db, consortiumId, organizationId);
  if (!m || !(await maySeeLetter(db, m, viewerId))) return null;
  const owed = needsLetter({ ...m, kind: m.organization.kind, pledgeCash: Number(m.pledgeCash), pledgeInKind: Number(m.pledgeInKind) });
  const standing = await standingIn(db, { id: viewerId }, organizationId);
  const { status, facts } = factsOf(m);
  return {
    consortium: { id: m.consortium.id, title: m.consortium.title },
    organization: m.organization,
    owed,
    status,
    facts,
    mayConfirm: owed && mayConfirmLetter(viewerId, m.contactId, standing),
    lastConfirmed: m.letter?.confirmedAt
      ? { at: m.letter.confirmedAt, name: m.letter.confirmedBy?.name ?? null, method: m.letter.method ?? "app" }
      : null,
    hasDocument: Boolean(m.letter?.documentKey),
    events: (m.letter?.events ?? []).map((e) => ({
      id: String(e.id),
      action: e.action,
      name: e.userName,
      email: e.userEmail,
      cash: Number(e.cash),
      inKind: Number(e.inKind),
      at: e.at,
    })),
  };
}

/** The letter as a PDF in the language asked for, or null: not found for this viewer. */
export async function letterPdf(consortiumId: string, organizationId: string, viewerId: string, locale: Locale) {
  const db = getPrisma();
  const m = await loadLetter(db, consortiumId, organizationId);
  if (!m || !(await maySeeLetter(db, m, viewerId))) return null;
  const c = letterContent(locale, factsOf(m).facts);
  const bytes = await renderPdf({
    title: `${c.title}: ${m.organization.name}`,
    language: locale,
    blocks: [
      { kind: "title", text: c.title },
      { kind: "paragraph", text: c.intro },
      { kind: "fields", rows: c.rows },
      { kind: "paragraph", text: c.commitment },
      c.confirmed ? { kind: "paragraph", text: c.confirmed } : { kind: "signature", labels: c.signature },
      { kind: "small", text: c.footer },
    ],
  });
  return { bytes, organization: m.organization.name };
}

/** The uploaded signed letter, or null: none, or not for this viewer. */
export async function signedLetter(consortiumId: string, organizationId: string, viewerId: string, store: DocumentStore = documentStore()) {
  const db = getPrisma();
  const m = await loadLetter(db, consortiumId, organizationId);
  if (!m?.letter?.documentKey || !(await maySeeLetter(db, m, viewerId))) return null;
  return store.get(m.letter.documentKey);
}

/** The member and the actor, checked in `tx`: the member owes a letter and the actor may confirm it. */
async function authorize(tx: Db, consortiumId: string, organizationId: string, actorId: string) {
  if (!isId(consortiumId) || !isId(organizationId)) return { error: "not-found" } as const;
  // Changes to one letter take turns (two confirmations or uploads at once each see the other).
  await tx.$queryRaw`SELECT 1 FROM "ConsortiumMember" WHERE "consortiumId" = ${consortiumId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  const m = await tx.consortiumMember.findUnique({
    where: { consortiumId_organizationId: { consortiumId, organizationId } },
    select: {
      status: true,
      contactId: true,
      pledgeCash: true,
      pledgeInKind: true,
      organization: { select: { kind: true } },
      consortium: { select: { coordinatorId: true } },
    },
  });
  if (!m) return { error: "not-found" } as const;
  const standing = await standingIn(tx, { id: actorId }, organizationId);
  if (!mayConfirmLetter(actorId, m.contactId, standing)) {
    // Those who may see the letter (its coordinator, the organization's people) are told no; anyone else finds nothing.
    const sees = m.consortium.coordinatorId === actorId || m.contactId === actorId || standing.role !== null;
    return { error: sees ? "forbidden" : "not-found" } as const;
  }
  if (!needsLetter({ ...m, kind: m.organization.kind, pledgeCash: Number(m.pledgeCash), pledgeInKind: Number(m.pledgeInKind) }))
    return { error: "not-owed" } as const;
  const actor = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { id: true, name: true, email: true } });
  return { member: m, actor } as const;
}

/** Saves role and motive; with `confirm`, confirms the letter with the pledge as it is now. */
export async function saveLetter(
  consortiumId: string,
  organizationId: string,
  actorId: string,
  text: { role: string; motive: string },
  confirm: boolean,
): Promise<LetterResult> {
  return getPrisma().$transaction(async (tx) => {
    const a = await authorize(tx, consortiumId, organizationId, actorId);
    if ("error" in a) return { ok: false, error: a.error! };
    const { member: m, actor } = a;
    const confirmation = confirm
      ? {
          confirmedAt: new Date(),
          confirmedById: actor.id,
          method: "app" as const,
          confirmedCash: m.pledgeCash,
          confirmedInKind: m.pledgeInKind,
          confirmedRole: text.role,
          confirmedMotive: text.motive,
        }
      : {};
    await tx.letterOfIntent.upsert({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      create: { consortiumId, organizationId, ...text, ...confirmation },
      update: { ...text, ...confirmation },
    });
    await tx.letterEvent.create({
      data: {
        consortiumId,
        organizationId,
        action: confirm ? "confirmed" : "saved",
        userId: actor.id,
        userName: actor.name,
        userEmail: actor.email,
        cash: m.pledgeCash,
        inKind: m.pledgeInKind,
      },
    });
    // A saved text may undo a confirmation, a confirmation may complete the set: either can change readiness.
    await writeEvent(tx, "consortium.changed", { consortiumId });
    return { ok: true };
  });
}

/** What an upload may be, checked before anything is stored. */
export function checkUpload(bytes: Uint8Array, maxBytes = loadConfig().SAMBAND_LETTER_MAX_BYTES): LetterResult {
  if (bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (bytes.byteLength > maxBytes) return { ok: false, error: "too-large" };
  if (!looksLikePdf(bytes)) return { ok: false, error: "not-pdf" };
  return { ok: true };
}

/**
 * Stores a signed letter and confirms the letter with it, the pledge as it is now. Nothing
 * is written (no file, no row) unless the file is a PDF within the limit and the actor may
 * confirm for the organization. The file is written inside the transaction that records
 * it and removed again if that transaction does not commit; earlier uploads are kept, as
 * the audit trail refers to them.
 */
export async function uploadLetter(
  consortiumId: string,
  organizationId: string,
  actorId: string,
  bytes: Uint8Array,
  store: DocumentStore = documentStore(),
): Promise<LetterResult> {
  const checked = checkUpload(bytes);
  if (!checked.ok) return checked;
  const key = `letters/${consortiumId}/${organizationId}/${randomUUID()}.pdf`;
  let written = false;
  try {
    return await getPrisma().$transaction(async (tx) => {
      const a = await authorize(tx, consortiumId, organizationId, actorId);
      if ("error" in a) return { ok: false, error: a.error! };
      const { member: m, actor } = a;
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await store.put(key, bytes);
      written = true;
      const current = await tx.letterOfIntent.findUnique({
        where: { consortiumId_organizationId: { consortiumId, organizationId } },
        select: { role: true, motive: true },
      });
      const confirmation = {
        confirmedAt: new Date(),
        confirmedById: actor.id,
        method: "upload" as const,
        confirmedCash: m.pledgeCash,
        confirmedInKind: m.pledgeInKind,
        confirmedRole: current?.role ?? "",
        confirmedMotive: current?.motive ?? "",
        documentKey: key,
        documentBytes: bytes.byteLength,
        documentSha256: sha256,
      };
      await tx.letterOfIntent.upsert({
        where: { consortiumId_organizationId: { consortiumId, organizationId } },
        create: { consortiumId, organizationId, ...confirmation },
        update: confirmation,
      });
      await tx.letterEvent.create({
        data: {
          consortiumId,
          organizationId,
          action: "uploaded",
          userId: actor.id,
          userName: actor.name,
          userEmail: actor.email,
          cash: m.pledgeCash,
          inKind: m.pledgeInKind,
          documentSha256: sha256,
        },
      });
      await writeEvent(tx, "consortium.changed", { consortiumId });
      return { ok: true } as const;
    });
  } catch (e) {
    if (written) await store.remove(key);
    throw e;
  }
}

/** The consortium page's view of the letters: the tally and each co-funder's state. */
export async function letterSummary(consortiumId: string) {
  const db = getPrisma();
  const { tally, partners } = await consortiumLetters(db, consortiumId);
  const letters = await db.letterOfIntent.findMany({ where: { consortiumId }, include: { events: lastLeft } });
  const byOrg = new Map(letters.map((l) => [l.organizationId, toRecord(l, l.events)]));
  const rows = partners
    .filter(needsLetter)
    .map((p) => ({ organizationId: p.organizationId, name: p.name, status: letterStatus(p, byOrg.get(p.organizationId)) }));
  return { tally, rows };
}

/**
 * The partner leaves the consortium (withdraws or is removed), in the transaction that
 * records it: its letter, if any, gets a "left" entry, and a confirmation made before it no
 * longer holds when the partner comes back. The confirmation itself is kept, for the record.
 */
export async function recordLeaving(tx: Db, consortiumId: string, organizationId: string, actorId: string): Promise<void> {
  const m = await tx.consortiumMember.findUnique({
    where: { consortiumId_organizationId: { consortiumId, organizationId } },
    select: { pledgeCash: true, pledgeInKind: true, letter: { select: { consortiumId: true } } },
  });
  if (!m?.letter) return;
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { id: true, name: true, email: true } });
  await tx.letterEvent.create({
    data: {
      consortiumId,
      organizationId,
      action: "left",
      userId: actor?.id ?? null,
      userName: actor?.name ?? "?",
      userEmail: actor?.email ?? "",
      cash: m.pledgeCash,
      inKind: m.pledgeInKind,
      // The application's clock, as confirmedAt's, so the two compare on one clock.
      at: new Date(),
    },
  });
}
