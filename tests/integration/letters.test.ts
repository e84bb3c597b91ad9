// Letters of intent: confirmed in the app or by an uploaded signed PDF, only by the
// company's contact or admins; a pledge changed afterwards asks for a new confirmation and
// says why; uploads of the wrong type, too large, or by someone else are refused with
// nothing stored; the PDF says what the data says; and "ready to submit" is announced
// exactly once per transition while two workers handle confirmations made at the same time.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { folderStore } from "#app/lib/documents.server.ts";
import { renderMessages } from "#app/i18n/message.ts";
import { invite, respond, setPledge, withdraw } from "#app/models/consortium.server.ts";
import { letterSummary, saveLetter, uploadLetter } from "#app/models/letter.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { reevaluateReadiness } from "#workers/consortia.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const MAX = 4096;
let docs: string;
let web: Proc & { url: string };
const workers: Proc[] = [];
beforeAll(async () => {
  docs = await mkdtemp(path.join(os.tmpdir(), "samband-letters-"));
  const env = testEnv({ SAMBAND_DOCUMENTS_DIR: docs, SAMBAND_LETTER_MAX_BYTES: String(MAX) });
  // Two workers, so two confirmations' events can be handled at the same moment.
  const started = await Promise.all([startWeb(env), startWorker(env), startWorker(env)]);
  web = started[0];
  workers.push(started[1], started[2]);
}, 300_000);
afterAll(async () => {
  await web?.stop();
  await Promise.all(workers.map((w) => w.stop()));
  if (docs) await rm(docs, { recursive: true, force: true });
});

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const filesUnder = async (dir: string): Promise<string[]> => {
  const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return found.filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
};
const settled = () =>
  waitFor(
    "every consortium event processed",
    async () => (await getPrisma().outboxEvent.count({ where: { topic: "consortium.changed", processedAt: null } })) === 0,
    { timeoutMs: 60_000 },
  );
const readyNotes = (consortiumId: string, kind: "consortium.ready-reached" | "consortium.ready-lost") =>
  getPrisma().notification.findMany({ where: { link: `/consortia/${consortiumId}`, kind } });
const pdf = (body = "") => new TextEncoder().encode(`%PDF-1.4\n${body}\n%%EOF\n`);

let n = 0;
/** A consortium whose three companies (each with an admin) have accepted and pledged 300 000 kr each: eligible. */
async function world() {
  const prisma = getPrisma();
  const tag = `${++n}-${Date.now()}`;
  const programme = await prisma.programme.create({ data: { name: `Letters call ${tag}`, projectType: "research" } });
  const uni = await prisma.organization.create({
    data: { name: `Letters University ${tag}`, kind: "university", eligibleApplicant: true },
  });
  const coordinator = await prisma.user.create({
    data: { name: `Coordinator ${tag}`, email: `l-coord-${tag}@example.se`, role: "coordinator", emailConfirmedAt: new Date() },
  });
  const c = await prisma.consortium.create({
    data: {
      programmeId: programme.id,
      title: `Letters ${tag}`,
      summary: "s",
      requestedFunding: 900_000n,
      leadOrganizationId: uni.id,
      coordinatorId: coordinator.id,
    },
  });
  const ids: Record<string, { org: string; rep: string }> = {};
  for (const [i, name] of ["A", "B", "C"].entries()) {
    const org = await prisma.organization.create({
      data: { name: `${name} Letters ${tag} AB`, kind: "company", orgNumber: `55${String(n).padStart(4, "0")}-${i}${i}${i}${i}` },
    });
    const rep = await prisma.user.create({
      data: {
        name: `Rep ${name} ${tag}`,
        email: `l-rep-${name.toLowerCase()}-${tag}@example.se`,
        role: "company_rep",
        emailConfirmedAt: new Date(),
      },
    });
    await prisma.membership.create({ data: { userId: rep.id, organizationId: org.id, role: "admin" } });
    // Straight to the table: the invitations and answers are not what is tested here, and
    // their events would only keep the workers busy with the consortium's lock.
    await prisma.consortiumMember.create({
      data: { consortiumId: c.id, organizationId: org.id, status: "accepted", pledgeCash: 300_000n, answeredById: rep.id },
    });
    ids[name] = { org: org.id, rep: rep.id };
  }
  const confirm = (name: string) =>
    saveLetter(c.id, ids[name]!.org, ids[name]!.rep, { role: `Role of ${name}`, motive: `Motive of ${name}` }, true);
  return { id: c.id, coordinator: coordinator.id, uni: uni.id, ids, confirm };
}

describe("letters of intent in the model and the worker", () => {
  it("ask for a new confirmation when the pledge changes, and say from what to what", async () => {
    const w = await world();
    expect(await w.confirm("A")).toEqual({ ok: true });
    let a = (await letterSummary(w.id)).rows.find((r) => r.organizationId === w.ids.A!.org)!;
    expect(a.status.state).toBe("confirmed");

    expect(await setPledge(w.id, w.ids.A!.org, w.ids.A!.rep, { pledgeCash: 250_000, pledgeInKind: 40_000 })).toEqual({ ok: true });
    const summary = await letterSummary(w.id);
    a = summary.rows.find((r) => r.organizationId === w.ids.A!.org)!;
    expect(a.status.state).toBe("stale");
    expect(plain(renderMessages("sv", a.status.reasons))).toBe(
      "Åtagandet ändrades efter bekräftelsen, från 300 000 kr kontant och 0 kr in natura till 250 000 kr kontant och 40 000 kr in natura.",
    );
    expect(plain(renderMessages("en", summary.tally.messages))).toMatch(
      /^Letters of intent confirmed: 0 of 3\. Waiting for: A Letters .* \(to confirm again\)/,
    );

    // Setting the pledge back to what was confirmed makes the confirmation hold again.
    await setPledge(w.id, w.ids.A!.org, w.ids.A!.rep, { pledgeCash: 300_000, pledgeInKind: 0 });
    expect((await letterSummary(w.id)).tally.confirmed).toBe(1);
    // A withdrawn company owes no letter any more: the tally no longer counts it.
    expect(await withdraw(w.id, w.ids.C!.org, w.ids.C!.rep)).toEqual({ ok: true });
    expect((await letterSummary(w.id)).tally).toMatchObject({ total: 2, confirmed: 1 });
  });

  it("ask for a new confirmation from a partner that left (or was removed) and rejoined with the same pledge", async () => {
    const w = await world();
    const prisma = getPrisma();
    const a = w.ids.A!;
    for (const name of ["A", "B", "C"]) expect(await w.confirm(name)).toEqual({ ok: true });
    await settled();
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: w.id } })).readyAnnounced).toBe(true);

    // The company withdraws itself, is invited again and accepts, pledging what it had confirmed.
    expect(await withdraw(w.id, a.org, a.rep)).toEqual({ ok: true });
    expect(await invite(w.id, w.coordinator, a.org)).toEqual({ ok: true });
    expect(await respond(w.id, a.org, a.rep, true)).toEqual({ ok: true });
    const member = await prisma.consortiumMember.findUniqueOrThrow({
      where: { consortiumId_organizationId: { consortiumId: w.id, organizationId: a.org } },
      include: { letter: { include: { events: { orderBy: { id: "asc" } } } } },
    });
    expect([member.status, member.pledgeCash, member.pledgeInKind]).toEqual(["accepted", 300_000n, 0n]);
    // The old confirmation is kept for the record; the trail says when the partner left.
    expect(member.letter?.confirmedAt).not.toBeNull();
    expect(member.letter?.events.map((e) => [e.action, e.userId])).toEqual([
      ["confirmed", a.rep],
      ["left", a.rep],
    ]);

    let summary = await letterSummary(w.id);
    let row = summary.rows.find((r) => r.organizationId === a.org)!;
    expect(row.status.state).toBe("stale");
    expect(renderMessages("en", row.status.reasons)).toBe("The partner left the consortium and rejoined after the confirmation.");
    expect(renderMessages("sv", row.status.reasons)).toBe("Partnern lämnade konsortiet och gick med igen efter bekräftelsen.");
    expect(summary.tally).toMatchObject({ total: 3, confirmed: 2, passed: false });
    expect(plain(renderMessages("en", summary.tally.messages))).toMatch(
      /^Letters of intent confirmed: 2 of 3\. Waiting for: A Letters .* \(to confirm again\)/,
    );
    // Ready to submit is no longer reached: the worker announces it lost.
    await settled();
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: w.id } })).readyAnnounced).toBe(false);
    expect((await readyNotes(w.id, "consortium.ready-lost")).map((r) => r.userId)).toContain(w.coordinator);

    // Removed by the coordinator and back again: the same.
    expect(await w.confirm("B")).toEqual({ ok: true });
    expect(await withdraw(w.id, w.ids.B!.org, w.coordinator)).toEqual({ ok: true });
    expect(await invite(w.id, w.coordinator, w.ids.B!.org)).toEqual({ ok: true });
    expect(await respond(w.id, w.ids.B!.org, w.ids.B!.rep, true)).toEqual({ ok: true });
    summary = await letterSummary(w.id);
    expect(summary.tally).toMatchObject({ total: 3, confirmed: 1, passed: false });

    // A confirmation made after rejoining holds.
    expect(await w.confirm("A")).toEqual({ ok: true });
    expect(await w.confirm("B")).toEqual({ ok: true });
    summary = await letterSummary(w.id);
    row = summary.rows.find((r) => r.organizationId === a.org)!;
    expect(row.status).toEqual({ state: "confirmed", reasons: [] });
    expect(summary.tally).toMatchObject({ total: 3, confirmed: 3, passed: true });
  });

  it("let only the company's contact or admins confirm, and store nothing for anyone else", async () => {
    const w = await world();
    const prisma = getPrisma();
    const store = folderStore(docs);
    const plainMember = await prisma.user.create({
      data: { name: "Plain member", email: `l-member-${n}@example.se`, role: "company_rep", emailConfirmedAt: new Date() },
    });
    await prisma.membership.create({ data: { userId: plainMember.id, organizationId: w.ids.A!.org, role: "member" } });
    const text = { role: "We pay", motive: "We want" };
    // Those who see the letter are told no; anyone else finds nothing.
    for (const [who, actor, error] of [
      ["the coordinator", w.coordinator, "forbidden"],
      ["a plain member", plainMember.id, "forbidden"],
      ["another company's admin", w.ids.B!.rep, "not-found"],
      ["an unknown account", "00000000-0000-4000-8000-000000000000", "not-found"],
    ] as const) {
      expect(await saveLetter(w.id, w.ids.A!.org, actor, text, true), who).toEqual({ ok: false, error });
      expect(await uploadLetter(w.id, w.ids.A!.org, actor, pdf(), store), who).toEqual({ ok: false, error });
    }
    // Malformed and unknown ids are not found, never a database error.
    expect(await saveLetter("not-an-id", w.ids.A!.org, w.ids.A!.rep, text, true)).toEqual({ ok: false, error: "not-found" });
    expect(await uploadLetter(w.id, "'; DROP TABLE x;--", w.ids.A!.rep, pdf(), store)).toEqual({ ok: false, error: "not-found" });
    expect(await saveLetter(w.id, w.uni, w.ids.A!.rep, text, true)).toEqual({ ok: false, error: "not-found" });
    // Wrong type, too large (the process's own limit) and empty are refused before anyone is asked.
    expect(await uploadLetter(w.id, w.ids.A!.org, w.ids.A!.rep, new TextEncoder().encode("<html>not a pdf</html>"), store)).toEqual({
      ok: false,
      error: "not-pdf",
    });
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(pdf());
    expect(await uploadLetter(w.id, w.ids.A!.org, w.ids.A!.rep, huge, store)).toEqual({ ok: false, error: "too-large" });
    expect(await uploadLetter(w.id, w.ids.A!.org, w.ids.A!.rep, new Uint8Array(0), store)).toEqual({ ok: false, error: "empty" });

    expect(await prisma.letterOfIntent.count({ where: { consortiumId: w.id } })).toBe(0);
    expect(await prisma.letterEvent.count({ where: { consortiumId: w.id } })).toBe(0);
    expect(await filesUnder(path.join(docs, "letters", w.id))).toEqual([]);

    // The contact the coordinator names may confirm, though a plain member.
    await prisma.consortiumMember.update({
      where: { consortiumId_organizationId: { consortiumId: w.id, organizationId: w.ids.A!.org } },
      data: { contactId: plainMember.id },
    });
    expect(await uploadLetter(w.id, w.ids.A!.org, plainMember.id, pdf("signed"), store)).toEqual({ ok: true });
    const files = await filesUnder(path.join(docs, "letters", w.id));
    expect(files).toHaveLength(1);
    const letter = await prisma.letterOfIntent.findUniqueOrThrow({
      where: { consortiumId_organizationId: { consortiumId: w.id, organizationId: w.ids.A!.org } },
      include: { events: true },
    });
    expect(letter).toMatchObject({
      method: "upload",
      confirmedById: plainMember.id,
      confirmedCash: 300_000n,
      documentBytes: pdf("signed").length,
    });
    expect(letter.events.map((e) => [e.action, e.userName, e.userEmail])).toEqual([["uploaded", "Plain member", plainMember.email]]);
  });

  it("announce ready to submit once per transition, with two confirmations at once and two workers", async () => {
    const w = await world();
    await settled();
    expect(await readyNotes(w.id, "consortium.ready-reached")).toEqual([]); // eligible, but no letter confirmed

    expect(await w.confirm("A")).toEqual({ ok: true });
    await settled();
    expect(await readyNotes(w.id, "consortium.ready-reached")).toEqual([]);

    // The last two letters confirmed at the same instant: each commit writes an event, each
    // worker may take one; whichever sees both confirmed announces, the other finds it done.
    expect(await Promise.all([w.confirm("B"), w.confirm("C")])).toEqual([{ ok: true }, { ok: true }]);
    await settled();
    const reached = await readyNotes(w.id, "consortium.ready-reached");
    const everyone = [w.coordinator, w.ids.A!.rep, w.ids.B!.rep, w.ids.C!.rep].sort();
    expect(reached.map((r) => r.userId).sort()).toEqual(everyone);
    expect(reached[0]!.title).toMatch(/is ready to submit$/);
    expect((await getPrisma().consortium.findUniqueOrThrow({ where: { id: w.id } })).readyAnnounced).toBe(true);

    // A pledge changed after its confirmation: ready is lost, once, and the page's line says who.
    await setPledge(w.id, w.ids.B!.org, w.ids.B!.rep, { pledgeCash: 350_000, pledgeInKind: 0 });
    await settled();
    expect((await readyNotes(w.id, "consortium.ready-lost")).map((r) => r.userId).sort()).toEqual(everyone);

    // Confirmed again twice at once, evaluated by hand five times besides: reached once more.
    await Promise.all([w.confirm("B"), w.confirm("B"), ...Array.from({ length: 5 }, () => reevaluateReadiness(w.id))]);
    await settled();
    expect((await readyNotes(w.id, "consortium.ready-reached")).filter((r) => r.userId === w.coordinator)).toHaveLength(2);
    expect((await readyNotes(w.id, "consortium.ready-lost")).filter((r) => r.userId === w.coordinator)).toHaveLength(1);
    // Nothing left to announce: more evaluations change nothing.
    expect(await Promise.all([reevaluateReadiness(w.id), reevaluateReadiness(w.id)])).toEqual([null, null]);
  });
});

/** A person signed in over HTTP, with an account made through the registration form. */
async function person(name: string, extra: Record<string, string> = {}) {
  const client = new Client(web.url);
  const email = `${name.toLowerCase().replace(/\W/g, "")}@letters.example`;
  await client.register(name, email, extra);
  const user = await getPrisma().user.findUniqueOrThrow({ where: { email } });
  return { client, id: user.id };
}

describe("letters of intent over HTTP", () => {
  it("write, confirm and download the letter; refuse wrong, too large and strangers' uploads with nothing stored", async () => {
    const prisma = getPrisma();
    const coordinator = await person("Lotta Coordinator", { role: "coordinator" });
    const skog = await person("Sigrid Skog", { role: "company_rep", organization: "Skogsdata Letters AB", organizationId: "new" });
    const radar = await person("Rolf Radar", { role: "company_rep", organization: "Radar Letters AB", organizationId: "new" });
    const stranger = await person("Stina Stranger");
    const [skogOrg, radarOrg] = await Promise.all(
      ["Skogsdata Letters AB", "Radar Letters AB"].map((name) => prisma.organization.findFirstOrThrow({ where: { name } })),
    );
    await prisma.organization.update({ where: { id: skogOrg!.id }, data: { orgNumber: "556677-8899" } });
    const programme = await prisma.programme.create({ data: { name: "HÖG letters", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Radar för skogen",
        summary: "s",
        requestedFunding: 500_000n,
        coordinatorId: coordinator.id,
      },
    });
    for (const [org, rep] of [
      [skogOrg!.id, skog.id],
      [radarOrg!.id, radar.id],
    ] as const) {
      expect(await invite(c.id, coordinator.id, org)).toEqual({ ok: true });
      expect(await respond(c.id, org, rep, true)).toEqual({ ok: true });
    }
    await setPledge(c.id, skogOrg!.id, skog.id, { pledgeCash: 300_000, pledgeInKind: 150_000 });
    await setPledge(c.id, radarOrg!.id, radar.id, { pledgeCash: 100_000, pledgeInKind: 0 });
    const page = `/consortia/${c.id}/letters/${skogOrg!.id}`;

    // The consortium page lists both letters, neither confirmed.
    const consortiumPage = plain(await html(await coordinator.client.get(`/consortia/${c.id}`)));
    expect(consortiumPage).toContain("Letters of intent confirmed: 0 of 2.");
    expect(consortiumPage).toContain(`href="${page}"`);

    // Confirming needs a role and a motive: refused with both named, nothing stored.
    const empty = await skog.client.post(page, { intent: "confirm", role: " ", motive: "" });
    expect(empty.status).toBe(400);
    const refused = await html(empty);
    expect(refused).toContain("Write the organization&#x27;s role in the project.");
    expect(refused).toContain("Write why the organization takes part.");
    expect(await prisma.letterOfIntent.count({ where: { consortiumId: c.id } })).toBe(0);

    // Strangers, the other company and the coordinator cannot write it; strangers do not even see it.
    expect((await stranger.client.get(page)).status).toBe(404);
    expect((await stranger.client.get(`${page}.pdf`)).status).toBe(404);
    expect((await stranger.client.post(page, { intent: "confirm", role: "r", motive: "m" })).status).toBe(404);
    expect((await radar.client.post(page, { intent: "confirm", role: "r", motive: "m" })).status).toBe(404);
    expect((await coordinator.client.post(page, { intent: "confirm", role: "r", motive: "m" })).status).toBe(403);
    expect(await prisma.letterOfIntent.count({ where: { consortiumId: c.id } })).toBe(0);

    const role = "Testplats i Värmland och <b>data</b> från 40 skördare – “fältprov”";
    const motive = "Vi vill förstå slitage tidigt; łódź 🌲 stays readable";
    const confirmed = await skog.client.post(page, { intent: "confirm", role, motive });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(`${page}?done=letterConfirmed`);
    const shown = await html(await skog.client.get(page));
    expect(shown).toContain("Testplats i Värmland och &lt;b&gt;data&lt;/b&gt;");
    expect(shown).toContain("Sigrid Skog (sigridskog@letters.example) confirmed the letter");

    // The PDF, in Swedish and in English, says what the data says.
    for (const [lang, amounts, heading] of [
      ["sv", ["300 000 kr", "150 000 kr", "450 000 kr"], "Avsiktsförklaring"],
      ["en", ["SEK 300,000", "SEK 150,000", "SEK 450,000"], "Letter of intent"],
    ] as const) {
      const res = await coordinator.client.get(`${page}.pdf?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await res.arrayBuffer());
      const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
      const said = plain(text).replace(/\s+/g, " ");
      expect(said).toContain(heading);
      expect(said).toContain("556677-8899");
      expect(said).toContain("Skogsdata Letters AB");
      expect(said).toContain("Radar för skogen");
      expect(said).toContain("HÖG letters");
      for (const a of amounts) expect(said).toContain(a);
      expect(said).toContain("Testplats i Värmland och <b>data</b> från 40 skördare – “fältprov”");
      expect(said).toContain("Vi vill förstå slitage tidigt; lódz ? stays readable");
      expect(said).toContain("Sigrid Skog");
    }

    // Uploads for Radar: refused ones store nothing (no file, no row).
    const radarPage = `/consortia/${c.id}/letters/${radarOrg!.id}`;
    const upload = (who: Client, bytes: Uint8Array, name = "letter.pdf") => {
      const form = new FormData();
      form.set("intent", "upload");
      form.set("file", new File([Buffer.from(bytes)], name, { type: "application/pdf" }));
      return who.postMultipart(radarPage, form);
    };
    const notPdf = await upload(radar.client, new TextEncoder().encode("<html><script>alert(1)</script></html>"));
    expect(notPdf.status).toBe(415);
    expect(await html(notPdf)).toContain("The file is not a PDF.");
    const big = new Uint8Array(MAX + 1);
    big.set(pdf());
    const tooLarge = await upload(radar.client, big);
    expect(tooLarge.status).toBe(413);
    expect(plain(await html(tooLarge))).toContain("at most 4 kB is allowed");
    expect((await upload(stranger.client, pdf())).status).toBe(404);
    expect((await upload(skog.client, pdf())).status).toBe(404); // another company's letter
    expect((await upload(coordinator.client, pdf())).status).toBe(403);
    const noFile = new FormData();
    noFile.set("intent", "upload");
    expect((await radar.client.postMultipart(radarPage, noFile)).status).toBe(400);
    expect(await prisma.letterOfIntent.count({ where: { consortiumId: c.id, organizationId: radarOrg!.id } })).toBe(0);
    expect(await filesUnder(path.join(docs, "letters", c.id))).toEqual([]);

    // A signed PDF by Radar's admin confirms its letter; those who may see it download the same bytes.
    const signed = pdf("Signed by Rolf Radar");
    const ok = await upload(radar.client, signed, "avsiktsförklaring signerad.pdf");
    expect(ok.status).toBe(302);
    expect(await filesUnder(path.join(docs, "letters", c.id))).toHaveLength(1);
    const back = await coordinator.client.get(`${radarPage}/signed.pdf`);
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(signed);
    expect((await stranger.client.get(`${radarPage}/signed.pdf`)).status).toBe(404);
    expect((await skog.client.get(`${radarPage}/signed.pdf`)).status).toBe(404); // another company's letter
    expect(plain(await html(await coordinator.client.get(`/consortia/${c.id}`)))).toContain("Letters of intent confirmed: 2 of 2.");
    const huge = new Uint8Array(MAX * 2 + 128 * 1024);
    huge.set(pdf());
    // Last, as it may leave its connection broken for the next request: a form beyond what
    // the form reader takes at all is refused from its Content-Length, and the server may
    // close the connection before the client has sent it all. Nothing more is stored.
    const hugeAnswer = await upload(radar.client, huge).then(
      (r) => r.status,
      (e: Error) => (e.cause as { code?: string } | undefined)?.code ?? e.message,
    );
    expect([413, "ECONNRESET", "EPIPE"]).toContain(hugeAnswer);
    expect(await filesUnder(path.join(docs, "letters", c.id))).toHaveLength(1);
    expect(await prisma.letterEvent.count({ where: { consortiumId: c.id, organizationId: radarOrg!.id } })).toBe(1);
  });
});
