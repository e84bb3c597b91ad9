// The importer's first pass: every line parsed and checked on its own, sorted by record
// type and keyed by ref; a line repeating an earlier record's key is an error. No database.
import { memberKey, type ConsortiumEntries } from "#app/import/consortia-import.server.ts";
import {
  parseLine,
  type Entry,
  type OrganizationRecord,
  type PersonRecord,
  type PostingRecord,
  type ProjectRecord,
} from "#app/import/records.ts";

export interface LineError {
  line: number;
  error: string;
}

export interface ParsedFile {
  lineCount: number;
  errors: LineError[];
  orgs: Map<string, Entry<OrganizationRecord>>;
  persons: Map<string, Entry<PersonRecord>>;
  postings: Map<string, Entry<PostingRecord>>;
  consortia: ConsortiumEntries;
  projects: Map<string, Entry<ProjectRecord>>;
}

export async function readRecords(lines: Iterable<string> | AsyncIterable<string>): Promise<ParsedFile> {
  const errors: LineError[] = [];
  const orgs = new Map<string, Entry<OrganizationRecord>>();
  const persons = new Map<string, Entry<PersonRecord>>();
  const postings = new Map<string, Entry<PostingRecord>>();
  const consortia: ConsortiumEntries = { programmes: new Map(), consortia: new Map(), members: new Map() };
  const projects = new Map<string, Entry<ProjectRecord>>();

  let lineNo = 0;
  for await (let raw of lines) {
    lineNo++;
    // A byte-order mark, as some editors on Windows write, is not part of the first record.
    if (lineNo === 1 && raw.startsWith("\uFEFF")) raw = raw.slice(1);
    if (raw.trim() === "") continue;
    const parsed = parseLine(raw);
    if (!parsed.ok) {
      errors.push({ line: lineNo, error: parsed.error });
      continue;
    }
    const r = parsed.record;
    const maps = {
      organization: orgs,
      person: persons,
      posting: postings,
      programme: consortia.programmes,
      consortium: consortia.consortia,
      member: consortia.members,
      project: projects,
    };
    const map = maps[r.type] as Map<string, Entry<typeof r>>;
    const key = r.type === "member" ? memberKey(r) : r.ref;
    const earlier = map.get(key);
    if (earlier) {
      errors.push({
        line: lineNo,
        error: `${r.type} ${r.type === "member" ? `"${key}"` : `ref "${key}"`} is already on line ${earlier.line}`,
      });
      continue;
    }
    map.set(key, { line: lineNo, record: r });
  }
  return { lineCount: lineNo, errors, orgs, persons, postings, consortia, projects };
}
