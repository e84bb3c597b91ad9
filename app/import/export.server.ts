// Writes every organization, person, posting, programme, consortium, consortium member
// and past project as JSON Lines in the import format: parents before their
// subsidiaries, then people, postings, programmes, consortia, members and projects, each
// sorted by ref, so the same data always exports to the same bytes. Conversations are
// private to their two sides: no message, participant or subject leaves through export, only
// the counts conversationCounts gives (printed by npm run export beside the file).
import { getPrisma } from "#app/lib/db.server.ts";
import {
  compact,
  consortiumToRecord,
  memberToRecord,
  organizationToRecord,
  personToRecord,
  postingToRecord,
  programmeToRecord,
  projectToRecord,
} from "#app/import/canonical.ts";

export async function* exportLines(): AsyncGenerator<string> {
  const prisma = getPrisma();
  const orgs = await prisma.organization.findMany();
  // Rows created in the app have no import ref; their id serves as one.
  const refOf = new Map(orgs.map((o) => [o.id, o.ref ?? o.id]));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const depthCache = new Map<string, number>();
  const depthOf = (id: string): number => {
    if (!depthCache.has(id)) {
      const p = byId.get(id)?.parentId;
      depthCache.set(id, p ? 1 + depthOf(p) : 0);
    }
    return depthCache.get(id)!;
  };
  const sortedOrgs = orgs
    .map((o) => ({ o, ref: refOf.get(o.id)!, depth: depthOf(o.id) }))
    .sort((a, b) => a.depth - b.depth || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const { o, ref } of sortedOrgs) {
    yield JSON.stringify(compact(organizationToRecord(o, ref, o.parentId ? refOf.get(o.parentId) : undefined)));
  }

  const users = await prisma.user.findMany({ include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } } });
  const userRef = new Map(users.map((u) => [u.id, u.ref ?? u.id]));
  for (const u of users.sort((a, b) => cmp(userRef.get(a.id)!, userRef.get(b.id)!))) {
    const m = u.memberships[0];
    yield JSON.stringify(compact(personToRecord(u, userRef.get(u.id)!, m ? refOf.get(m.organizationId) : undefined)));
  }

  // Postings can be many: read them a page at a time.
  const postings: { ref: string; line: string }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await prisma.posting.findMany({
      orderBy: { id: "asc" },
      take: 5000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1]!.id;
    const lines = page.map((p) => {
      const ref = p.ref ?? p.id;
      const owner = p.ownerId ? userRef.get(p.ownerId)! : refOf.get(p.organizationId!)!;
      const org = p.ownerId && p.organizationId ? refOf.get(p.organizationId) : undefined;
      return { ref, line: JSON.stringify(compact(postingToRecord(p, ref, owner, org))) };
    });
    postings.push(...lines);
  }
  for (const { line } of postings.sort((a, b) => cmp(a.ref, b.ref))) yield line;

  const programmes = await prisma.programme.findMany();
  const programmeRef = new Map(programmes.map((p) => [p.id, p.ref ?? p.id]));
  for (const p of programmes.sort((a, b) => cmp(programmeRef.get(a.id)!, programmeRef.get(b.id)!)))
    yield JSON.stringify(compact(programmeToRecord(p, programmeRef.get(p.id)!)));
  const consortia = await prisma.consortium.findMany();
  const consortiumRef = new Map(consortia.map((c) => [c.id, c.ref ?? c.id]));
  for (const c of consortia.sort((a, b) => cmp(consortiumRef.get(a.id)!, consortiumRef.get(b.id)!))) {
    const refs = {
      ref: consortiumRef.get(c.id)!,
      programmeRef: programmeRef.get(c.programmeId)!,
      coordinatorRef: userRef.get(c.coordinatorId)!,
      leadOrganizationRef: c.leadOrganizationId ? refOf.get(c.leadOrganizationId) : undefined,
    };
    yield JSON.stringify(compact(consortiumToRecord(c, refs)));
  }
  const members = (await prisma.consortiumMember.findMany()).map((m) => ({
    m,
    refs: {
      consortiumRef: consortiumRef.get(m.consortiumId)!,
      organizationRef: refOf.get(m.organizationId)!,
      contactRef: m.contactId ? userRef.get(m.contactId) : undefined,
    },
  }));
  for (const { m, refs } of members.sort(
    (a, b) => cmp(a.refs.consortiumRef, b.refs.consortiumRef) || cmp(a.refs.organizationRef, b.refs.organizationRef),
  )) {
    yield JSON.stringify(compact(memberToRecord(m, refs)));
  }

  // Projects carry up to 500 partners each: read them a page at a time too.
  const projects: { ref: string; line: string }[] = [];
  for (let after: string | undefined; ;) {
    const page = await prisma.project.findMany({
      orderBy: { id: "asc" },
      take: 2000,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      include: { partners: { select: { organizationId: true } } },
    });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    for (const p of page) {
      const ref = p.ref ?? p.id;
      const refs = {
        ref,
        leadOrganizationRef: p.leadOrganizationId ? refOf.get(p.leadOrganizationId) : undefined,
        partnerRefs: p.partners.map((x) => refOf.get(x.organizationId)!),
      };
      projects.push({ ref, line: JSON.stringify(compact(projectToRecord(p, refs))) });
    }
  }
  for (const { line } of projects.sort((a, b) => cmp(a.ref, b.ref))) yield line;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How many conversations and messages the database holds, and how many conversations ended with "not interested": all that export says of them. */
export async function conversationCounts(): Promise<{ conversations: number; declined: number; messages: number }> {
  const prisma = getPrisma();
  const [conversations, declined, messages] = await Promise.all([
    prisma.conversation.count(),
    prisma.conversation.count({ where: { status: "declined" } }),
    prisma.message.count(),
  ]);
  return { conversations, declined, messages };
}
