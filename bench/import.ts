// npm run bench:import [-- N]: imports N (default 100,000) records into an empty
// database, then the same file again (all unchanged), and compares both with a
// baseline taken in the same run: the same rows written with plain createMany and no
// checks at all. Prints seconds and ratios; asserts nothing.
import { randomUUID } from "node:crypto";
import { importLines } from "#app/import/import.server.ts";
import { disconnectPrisma, getPrisma } from "#app/lib/db.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { dataset } from "#tests/fixtures/dataset.ts";
import { dropDbs, freshDb, seconds } from "#bench/lib.ts";

const n = Number(process.argv[2] ?? 100_000);

async function baseline(lines: string[]): Promise<void> {
  const prisma = getPrisma();
  const records = lines.map((l) => JSON.parse(l));
  const ids = new Map<string, string>();
  const chunks = <T>(a: T[]) => Array.from({ length: Math.ceil(a.length / 1000) }, (_, i) => a.slice(i * 1000, i * 1000 + 1000));
  const orgs = records.filter((r) => r.type === "organization");
  for (const o of orgs) ids.set(o.ref, randomUUID());
  for (const c of chunks(orgs))
    await prisma.organization.createMany({
      data: c.map((o) => ({
        id: ids.get(o.ref)!,
        ref: o.ref,
        name: o.name,
        kind: o.kind,
        orgNumber: o.orgNumber,
        region: o.region,
        employees: o.employees,
        eligibleApplicant: o.eligibleApplicant,
      })),
    });
  const people = records.filter((r) => r.type === "person");
  for (const p of people) ids.set(p.ref, randomUUID());
  for (const c of chunks(people))
    await prisma.user.createMany({
      data: c.map((p) => ({
        id: ids.get(p.ref)!,
        ref: p.ref,
        name: p.name,
        email: p.email,
        role: p.role,
        orcid: p.orcid,
        keywords: p.keywords,
        subjects: p.subjects,
      })),
    });
  const postings = records.filter((r) => r.type === "posting");
  for (const c of chunks(postings))
    await prisma.posting.createMany({
      data: c.map((p) => ({
        ref: p.ref,
        kind: p.kind,
        title: p.title,
        description: p.description,
        keywords: p.keywords,
        subjects: p.subjects,
        language: p.language,
        expiresAt: new Date(p.expiresAt),
        ownerId: p.ownerRef.startsWith("p-") ? ids.get(p.ownerRef) : null,
        organizationId: p.ownerRef.startsWith("org-") ? ids.get(p.ownerRef) : p.organizationRef ? ids.get(p.organizationRef) : null,
      })),
    });
}

main(() =>
  withServices(
    async (services) => {
      const lines = dataset(n);
      console.log(`bench:import, ${lines.length} records (${Math.round(lines.join("\n").length / 1e6)} MB)`);

      await freshDb(services.databaseUrl, `samband_bench_base_${process.pid}`);
      const base = await seconds(() => baseline(lines));

      await freshDb(services.databaseUrl, `samband_bench_import_${process.pid}`);
      let summary;
      const first = await seconds(async () => (summary = await importLines(lines)));
      if (summary!.rejected) throw new Error(`the benchmark file had ${summary!.rejected} rejected lines`);
      const again = await seconds(() => importLines(lines));
      await disconnectPrisma();

      const rate = (s: number) => `${Math.round(lines.length / s).toLocaleString("en")} records/s`;
      console.log(`baseline (createMany, no checks): ${base.toFixed(1)} s  ${rate(base)}`);
      console.log(`import into an empty database:    ${first.toFixed(1)} s  ${rate(first)}  ratio ${(first / base).toFixed(2)}x baseline`);
      console.log(`same file again (all unchanged):  ${again.toFixed(1)} s  ${rate(again)}  ratio ${(again / base).toFixed(2)}x baseline`);

      await dropDbs(services.databaseUrl, [`samband_bench_base_${process.pid}`, `samband_bench_import_${process.pid}`]);
    },
    { needs: ["postgres"] },
  ),
);
