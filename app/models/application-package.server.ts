// The application package's facts, read for one viewer, and its three files: the PDF
// summary, the CSV of partners, and a ZIP holding both. Whoever sees the consortium's page
// (and so its pledges) may download it: the facts come through getConsortiumView, the
// page's own rule, so the two cannot drift apart. Anyone else gets null (404 upstream).
import { zipSync } from "fflate";
import { packageFileNames, packageSummary, partnerRows, type PackageFacts } from "#app/domain/application-package.ts";
import { groupOf } from "#app/domain/corporate-group.ts";
import { readyToSubmit } from "#app/domain/letters.ts";
import type { Locale } from "#app/i18n/index.ts";
import { toCsv } from "#app/lib/csv.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { renderPdf } from "#app/lib/pdf.server.ts";
import { getConsortiumView } from "#app/models/consortium.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { letterSummary } from "#app/models/letter.server.ts";

/** The package's facts as the viewer may see them, or null: not found for this viewer. */
export async function packageFacts(consortiumId: string, viewerId: string, now = new Date()): Promise<PackageFacts | null> {
  const view = isId(consortiumId) ? await getConsortiumView(consortiumId, viewerId) : null;
  if (!view) return null;
  const { consortium: c, evaluation: e } = view;
  const ids = c.members.map((m) => m.organizationId);
  const parents = await parentMap(ids);
  const tops = new Map(ids.map((id) => [id, groupOf(id, parents)]));
  const orgs = await getPrisma().organization.findMany({
    where: { id: { in: [...new Set([...ids, ...tops.values()])] } },
    select: { id: true, name: true, orgNumber: true },
  });
  const org = new Map(orgs.map((o) => [o.id, o]));
  const letters = await letterSummary(c.id);
  const letterOf = new Map(letters.rows.map((r) => [r.organizationId, r.status.state]));
  return {
    title: c.title,
    programme: c.programme.name,
    deadline: c.programme.deadline,
    summary: c.summary,
    keywords: c.keywords,
    requestedFunding: Number(c.requestedFunding),
    coFunding: e.coFunding,
    rules: e.rules,
    eligible: e.eligible,
    ready: readyToSubmit(e.eligible, letters.tally),
    letters: letters.tally,
    partners: c.members.map((m) => {
      const top = tops.get(m.organizationId)!;
      return {
        name: m.organization.name,
        orgNumber: org.get(m.organizationId)?.orgNumber ?? null,
        kind: m.organization.kind,
        // An organization is in a group when it has a parent; the group is named by its top.
        group: top === m.organizationId ? null : (org.get(top)?.name ?? null),
        status: m.status,
        cash: Number(m.pledgeCash),
        inKind: Number(m.pledgeInKind),
        letter: letterOf.get(m.organizationId) ?? "not-needed",
      };
    }),
    now,
  };
}

/** The partners as a CSV file (UTF-8 with a byte order mark). */
export function packageCsv(locale: Locale, facts: PackageFacts): Uint8Array {
  return new TextEncoder().encode(toCsv(partnerRows(locale, facts.partners)));
}

/** The summary as a PDF, the checklist first. */
export function packagePdf(locale: Locale, facts: PackageFacts): Promise<Uint8Array> {
  const s = packageSummary(locale, facts);
  return renderPdf({
    title: `${s.checklistTitle}: ${s.title}`,
    language: locale,
    blocks: [
      { kind: "title", text: s.checklistTitle },
      ...s.checklist.map((text) => ({ kind: "paragraph" as const, text })),
      { kind: "heading", text: s.verdict },
      { kind: "title", text: s.title },
      { kind: "fields", rows: s.fields },
      { kind: "heading", text: s.summaryHeading },
      { kind: "paragraph", text: s.summary },
      { kind: "heading", text: s.partnersHeading },
      // Organisation, number, kind, group, status, cash, in kind, letter: shares of the line.
      { kind: "table", widths: [0.2, 0.112, 0.137, 0.137, 0.087, 0.091, 0.091, 0.145], rows: s.table },
      { kind: "small", text: s.footer },
    ],
  });
}

/** Both files in one ZIP, named after the consortium in the reader's language. */
export async function packageZip(locale: Locale, facts: PackageFacts): Promise<Uint8Array> {
  const names = packageFileNames(locale, facts.title);
  const mtime = facts.now;
  // The PDF is compressed already; the CSV shrinks.
  return zipSync({
    [names.pdf]: [await packagePdf(locale, facts), { level: 0, mtime }],
    [names.csv]: [packageCsv(locale, facts), { level: 6, mtime }],
  });
}

export type PackageFile = "zip" | "pdf" | "csv";
const TYPES: Record<PackageFile, string> = { zip: "application/zip", pdf: "application/pdf", csv: "text/csv; charset=utf-8" };

/** One of the package's files for this viewer, with its type and name, or null: not found for this viewer. */
export async function packageFile(
  file: PackageFile,
  consortiumId: string,
  viewerId: string,
  locale: Locale,
): Promise<{ bytes: Uint8Array; type: string; name: string } | null> {
  const facts = await packageFacts(consortiumId, viewerId);
  if (!facts) return null;
  const bytes =
    file === "zip" ? await packageZip(locale, facts) : file === "pdf" ? await packagePdf(locale, facts) : packageCsv(locale, facts);
  return { bytes, type: TYPES[file], name: packageFileNames(locale, facts.title)[file] };
}
