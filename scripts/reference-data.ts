// npm run data:reference: turns the shipped reference CSVs (app/data/*.csv, sources in
// app/data/SOURCES.md) into the JSON modules the app imports. A test checks they agree.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "#app/lib/csv.ts";

const DIR = path.resolve(import.meta.dirname, "../app/data");

export interface Classified {
  code: string;
  level: number;
  parent: string | null;
  sv: string;
  en: string;
}

export function classificationFromCsv(file: string): Classified[] {
  return parseCsv(readFileSync(path.join(DIR, file), "utf8")).map((r) => ({
    code: r.code!,
    level: Number(r.level),
    parent: r.parent || null,
    sv: r.sv ?? "",
    en: r.en ?? "",
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [csv, json] of [
    ["research-subjects.csv", "research-subjects.json"],
    ["sni2007.csv", "sni2007.json"],
  ] as const) {
    const rows = classificationFromCsv(csv);
    writeFileSync(path.join(DIR, json), JSON.stringify(rows) + "\n");
    console.log(`${json}: ${rows.length} rows`);
  }
}
