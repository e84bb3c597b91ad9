// The application package over HTTP: the ZIP, the PDF and the CSV for whoever sees the
// consortium's page, 404 for anyone else (a stranger, a declined partner, a site
// administrator); the CSV read back with a CSV reader, hostile organization names kept as
// text (no formula, no markup), the PDF opening with the checklist.
import { unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { parseCsv } from "#app/lib/csv.ts";
import { saveLetter } from "#app/models/letter.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
}, 300_000);
afterAll(async () => {
  await web?.stop();
});

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
/** The PDF's table wraps long names inside their cells: compare without any white space. */
const squash = (s: string) => s.replace(/\s+/g, "");
const HYPERLINK = '=HYPERLINK("http://evil.example","Click")';
const SCRIPT = "<script>alert(1)</script> AB";
const QUOTED = 'Quote "Q", Comma AB';

let n = 0;
async function person(name: string, extra: Record<string, string> = {}) {
  const client = new Client(web.url);
  const email = `${name.toLowerCase().replace(/\W/g, "")}-${n}@package.example`;
  await client.register(name, email, extra);
  return { client, id: (await getPrisma().user.findUniqueOrThrow({ where: { email } })).id };
}

/** A consortium with three companies (one named as a formula, one as markup, one in a group) and a declined one. */
async function world() {
  const prisma = getPrisma();
  n++;
  const coordinator = await person("Paula Package", { role: "coordinator" });
  const partnerPerson = await person("Pelle Partner");
  const stranger = await person("Stig Stranger");
  // Neither sees the page: a person of the organization that declined, and a site administrator.
  const declined = await person("Dora Declined");
  const admin = await person("Ada Admin");
  await prisma.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  const programme = await prisma.programme.create({ data: { name: "HÖG package", projectType: "research" } });
  const uni = await prisma.organization.create({ data: { name: "Package University", kind: "university", eligibleApplicant: true } });
  const parent = await prisma.organization.create({ data: { name: "Moderbolaget Koncern AB", kind: "company" } });
  const orgs = await Promise.all(
    [
      { name: HYPERLINK, orgNumber: `55690${n}-0001` },
      { name: SCRIPT, orgNumber: `55690${n}-0002` },
      { name: QUOTED, orgNumber: `55690${n}-0003`, parentId: parent.id },
      { name: "Tackade Nej AB", orgNumber: `55690${n}-0004` },
    ].map((data) => prisma.organization.create({ data: { ...data, kind: "company" } })),
  );
  await prisma.membership.createMany({
    data: [
      { userId: partnerPerson.id, organizationId: orgs[1]!.id, role: "member" },
      { userId: declined.id, organizationId: orgs[3]!.id, role: "admin" },
    ],
  });
  const c = await prisma.consortium.create({
    data: {
      programmeId: programme.id,
      title: "Skördetröskor på Åland",
      summary: "Combines, measured.",
      keywords: ["agriculture", "sensors"],
      requestedFunding: 600_000n,
      leadOrganizationId: uni.id,
      coordinatorId: coordinator.id,
    },
  });
  await prisma.consortiumMember.create({ data: { consortiumId: c.id, organizationId: uni.id, status: "accepted" } });
  const pledges: [bigint, bigint, "accepted" | "declined"][] = [
    [200_000n, 50_000n, "accepted"],
    [150_000n, 0n, "accepted"],
    [300_000n, 25_000n, "accepted"],
    [0n, 0n, "declined"],
  ];
  for (const [i, [pledgeCash, pledgeInKind, status]] of pledges.entries())
    await prisma.consortiumMember.create({ data: { consortiumId: c.id, organizationId: orgs[i]!.id, status, pledgeCash, pledgeInKind } });
  // The formula company confirms its letter; the markup company writes a draft; the third writes nothing.
  const rep = await prisma.user.create({
    data: { name: "Rep", email: `rep-${n}@package.example`, role: "company_rep", emailConfirmedAt: new Date() },
  });
  await prisma.membership.createMany({
    data: [0, 1].map((i) => ({ userId: rep.id, organizationId: orgs[i]!.id, role: "admin" as const })),
  });
  expect(await saveLetter(c.id, orgs[0]!.id, rep.id, { role: "Pays", motive: "Wants" }, true)).toEqual({ ok: true });
  expect(await saveLetter(c.id, orgs[1]!.id, rep.id, { role: "Draft", motive: "" }, false)).toEqual({ ok: true });
  return { id: c.id, coordinator, partnerPerson, outsiders: [stranger, declined, admin] };
}

/** The CSV's bytes start with UTF-8's byte order mark (which decoding drops), then the rows. */
const csvRows = (bytes: Uint8Array) => {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes));
};

describe("the application package over HTTP", () => {
  it("gives the ZIP, PDF and CSV to those who see the page, and nothing to anyone else", async () => {
    const w = await world();
    const urls = ["package.zip", "package.pdf", "partners.csv"].map((f) => `/consortia/${w.id}/${f}`);

    for (const outsider of w.outsiders) {
      expect((await outsider.client.get(`/consortia/${w.id}`)).status).toBe(404);
      for (const url of [...urls, "/consortia/not-an-id/package.zip"]) expect((await outsider.client.get(url)).status).toBe(404);
    }
    expect((await new Client(web.url).get(urls[0]!)).status).toBe(302);
    for (const url of urls) expect((await w.partnerPerson.client.get(url)).status).toBe(200);

    const page = await html(await w.coordinator.client.get(`/consortia/${w.id}`));
    for (const url of urls) expect(page).toContain(`href="${url}"`);

    const zip = await w.coordinator.client.get(urls[0]!);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toBe('attachment; filename="skordetroskor-pa-aland-application.zip"');
    expect(zip.headers.get("cache-control")).toBe("private, no-store");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["skordetroskor-pa-aland-partners.csv", "skordetroskor-pa-aland-summary.pdf"]);

    const rows = csvRows(files["skordetroskor-pa-aland-partners.csv"]!);
    expect(rows.map((r) => r["Organisation"])).toEqual(["Package University", `'${HYPERLINK}`, SCRIPT, QUOTED]);
    expect(
      rows.map((r) => [r["Organisation number"], r["Corporate group"], r["Cash (SEK)"], r["In kind (SEK)"], r["Letter of intent"]]),
    ).toEqual([
      ["", "", "0", "0", "not needed"],
      [`55690${n}-0001`, "", "200000", "50000", "confirmed"],
      [`55690${n}-0002`, "", "150000", "0", "draft"],
      [`55690${n}-0003`, "Moderbolaget Koncern AB", "300000", "25000", "missing"],
    ]);
    expect(rows[1]).toMatchObject({ Kind: "Company", Status: "accepted" });

    const { text } = await extractText(await getDocumentProxy(files["skordetroskor-pa-aland-summary.pdf"]!), { mergePages: true });
    expect(plain(text)).toMatch(/^Eligibility checklist\s+(Passes|Fails): /);
    expect(plain(text)).toContain("Letters of intent confirmed: 1 of 3.");
    for (const name of ["Skördetröskor på Åland", "HÖG package", "<script>alert(1)</script>", "Moderbolaget Koncern AB", `55690${n}-0003`])
      expect(squash(text)).toContain(squash(name));
    expect(text).not.toContain("Tackade Nej AB");
  });

  it("writes the CSV and the PDF in the language asked for", async () => {
    const w = await world();
    const csv = await w.coordinator.client.get(`/consortia/${w.id}/partners.csv?lang=sv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="skordetroskor-pa-aland-parter.csv"');
    const rows = csvRows(new Uint8Array(await csv.arrayBuffer()));
    expect(Object.keys(rows[0]!)).toEqual([
      "Organisation",
      "Organisationsnummer",
      "Typ",
      "Koncern",
      "Status",
      "Kontant (kr)",
      "In natura (kr)",
      "Avsiktsförklaring",
    ]);
    expect(rows.map((r) => r["Avsiktsförklaring"])).toEqual(["behövs inte", "bekräftad", "utkast", "saknas"]);

    const pdf = await w.coordinator.client.get(`/consortia/${w.id}/package.pdf?lang=sv`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), { mergePages: true });
    expect(plain(text)).toMatch(/^Behörighetskontroll\s+Uppfylls/);
    expect(plain(text)).toContain("Utlovad medfinansiering");
  });
});
