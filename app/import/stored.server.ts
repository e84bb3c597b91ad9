// What the database holds of the records an import may touch, by ref (a row created in
// the app has its id as its ref): every organization and person (references may name
// any of them), and the postings the file names.
import { getPrisma } from "#app/lib/db.server.ts";

/** Rows read per query when looking postings up by ref. */
const CHUNK = 1000;

export async function readStored(postingRefs: string[]) {
  const prisma = getPrisma();
  const orgs = await prisma.organization.findMany();
  const users = await prisma.user.findMany({ include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } } });
  const postingByRef = new Map<string, Awaited<ReturnType<typeof prisma.posting.findMany>>[number]>();
  for (let i = 0; i < postingRefs.length; i += CHUNK) {
    for (const p of await prisma.posting.findMany({ where: { ref: { in: postingRefs.slice(i, i + CHUNK) } } })) postingByRef.set(p.ref!, p);
  }
  return {
    orgs,
    users,
    orgRefOfId: new Map(orgs.map((o) => [o.id, o.ref ?? o.id])),
    orgByRef: new Map(orgs.map((o) => [o.ref ?? o.id, o])),
    userByRef: new Map(users.map((u) => [u.ref ?? u.id, u])),
    userRefOfId: new Map(users.map((u) => [u.id, u.ref ?? u.id])),
    postingByRef,
  };
}

export type Stored = Awaited<ReturnType<typeof readStored>>;
