// The two classifications the product uses, as data: research subjects (SCB 2011/2016)
// and SNI 2007 industry codes. Pure lookups.
import subjectsData from "#app/data/research-subjects.json" with { type: "json" };
import sniData from "#app/data/sni2007.json" with { type: "json" };

export interface ClassEntry {
  code: string;
  level: number;
  parent: string | null;
  sv: string;
  en: string;
}

function index(rows: ClassEntry[]) {
  return new Map(rows.map((r) => [r.code, r]));
}

export const researchSubjects = subjectsData as ClassEntry[];
export const sniCodes = sniData as ClassEntry[];
const subjectIndex = index(researchSubjects);
const sniIndex = index(sniCodes);

export function researchSubject(code: string): ClassEntry | undefined {
  return subjectIndex.get(code);
}

export function sniCode(code: string): ClassEntry | undefined {
  return sniIndex.get(code.replace(".", ""));
}

/** The code itself and every level above it, nearest first. */
export function subjectWithAncestors(code: string): ClassEntry[] {
  const out: ClassEntry[] = [];
  for (let e = subjectIndex.get(code); e; e = e.parent ? subjectIndex.get(e.parent) : undefined) out.push(e);
  return out;
}

/** A label in the wanted language, falling back to the other where a name is missing. */
export function label(entry: ClassEntry, lang: "sv" | "en"): string {
  return (lang === "sv" ? entry.sv || entry.en : entry.en || entry.sv) || entry.code;
}
