// Generates the larger part of the demo set: companies in corporate groups, about a
// hundred researchers and a few hundred postings. Deterministic (a seeded PRNG), so
// every first start shows the same marketplace. All people and companies are made up;
// emails use the reserved .example domain so nothing can ever reach a real inbox.
import { luhnCheckDigit } from "#app/domain/org-number.ts";
import { orcidCheckChar } from "#app/domain/orcid.ts";
import { topics } from "#prisma/demo-topics.ts";
import type { SeedOrg, SeedPerson, SeedPosting } from "#prisma/seed-data.ts";

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Anna",
  "Erik",
  "Maria",
  "Lars",
  "Karin",
  "Johan",
  "Sara",
  "Anders",
  "Eva",
  "Mikael",
  "Elin",
  "Per",
  "Lina",
  "Oskar",
  "Emma",
  "Fredrik",
  "Ida",
  "Magnus",
  "Hanna",
  "Nils",
  "Amir",
  "Fatima",
  "Li",
  "Ahmed",
  "Sofia",
  "Jonas",
  "Maja",
  "David",
  "Klara",
  "Ali",
];
const LAST = [
  "Lindqvist",
  "Berg",
  "Nyström",
  "Holm",
  "Sjöberg",
  "Eklund",
  "Forsberg",
  "Wallin",
  "Sandberg",
  "Lundgren",
  "Åkesson",
  "Hedlund",
  "Björk",
  "Engström",
  "Karimi",
  "Chen",
  "Hassan",
  "Persson",
  "Falk",
  "Strand",
];
const TITLES_SV = ["Professor", "Docent", "Universitetslektor", "Forskare", "Doktorand"];
const REGIONS = [
  "Blekinge län",
  "Dalarnas län",
  "Gävleborgs län",
  "Hallands län",
  "Jönköpings län",
  "Skåne län",
  "Stockholms län",
  "Värmlands län",
  "Västernorrlands län",
  "Västmanlands län",
  "Västra Götalands län",
  "Örebro län",
  "Kronobergs län",
];
const COMPANY_WORDS = ["Nord", "Fjäll", "Skog", "Älv", "Berg", "Sjö", "Sund", "Vind", "Ljus", "Järn", "Gran", "Hav", "Dal", "Klipp", "Myr"];
const COMPANY_ENDS = ["teknik", "data", "system", "verken", "innovation", "solutions", "labs", "industri", "analys", "gruppen"];
const PURPOSE_SV = [
  "Vi vill gärna samarbeta med",
  "Vi söker en partner inom",
  "Vårt team har lång erfarenhet av",
  "Vi bidrar med data, utrustning och tid till projekt om",
];
const PURPOSE_EN = [
  "We would like to work with",
  "We are looking for a partner in",
  "Our team has long experience in",
  "We contribute data, equipment and staff time to projects on",
];

const orgNumber = (n: number) => {
  const base = `559${String(100000 + n).padStart(6, "0")}`;
  return base + luhnCheckDigit(base);
};
const orcid = (n: number) => {
  const first = `000000020${String(n).padStart(6, "0")}`;
  return (first + orcidCheckChar(first)).match(/.{4}/g)!.join("-");
};

export function generateDemo(universityRefs: string[]) {
  const rnd = prng(20261128);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const orgs: SeedOrg[] = [];
  const people: SeedPerson[] = [];
  const postings: SeedPosting[] = [];
  const companyTopic = new Map<string, number>();

  // 5 corporate groups of 3 (parent, subsidiary, sub-subsidiary or sibling) and 25 independents.
  let n = 0;
  const companyName = () => {
    const name = `${COMPANY_WORDS[n % COMPANY_WORDS.length]}${COMPANY_ENDS[Math.floor(n / COMPANY_WORDS.length) % COMPANY_ENDS.length]} AB`;
    return name.charAt(0) + name.slice(1);
  };
  for (let g = 0; g < 5; g++) {
    const parentRef = `demo-co-${n}`;
    for (let k = 0; k < 3; k++, n++) {
      const ref = `demo-co-${n}`;
      const topic = (g * 3 + k) % topics.length;
      companyTopic.set(ref, topic);
      orgs.push({
        ref,
        name: k === 0 ? `${companyName().replace(" AB", "")} Holding AB` : companyName(),
        kind: "company",
        orgNumber: orgNumber(n),
        region: pick(REGIONS),
        employees: k === 0 ? 1500 + Math.floor(rnd() * 5000) : 50 + Math.floor(rnd() * 400),
        sniCode: topics[topic]!.sni,
        website: `https://${companyName()
          .toLowerCase()
          .replace(/[^a-z]/g, "")}.example`,
        // k=1 is owned by the parent, k=2 by k=1: a grandchild in the same group.
        parentRef: k === 0 ? undefined : k === 1 ? parentRef : `demo-co-${n - 1}`,
      });
    }
  }
  for (; n < 40; n++) {
    const ref = `demo-co-${n}`;
    const topic = n % topics.length;
    companyTopic.set(ref, topic);
    orgs.push({
      ref,
      name: companyName(),
      kind: "company",
      orgNumber: orgNumber(n),
      region: pick(REGIONS),
      employees: 5 + Math.floor(rnd() * 240),
      sniCode: topics[topic]!.sni,
      website: `https://${companyName()
        .toLowerCase()
        .replace(/[^a-z]/g, "")}.example`,
    });
  }

  // About a hundred researchers across the eligible universities, two topics each.
  for (let i = 0; i < 100; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const ref = `demo-person-${i}`;
    const t1 = i % topics.length;
    const t2 = (i * 3 + 5) % topics.length;
    const lang = rnd() < 0.6 ? "sv" : "en";
    people.push({
      ref,
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@researchers.example`.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o"),
      role: "researcher",
      organizationRef: universityRefs[i % universityRefs.length]!,
      title: pick(TITLES_SV),
      orcid: i % 3 === 0 ? orcid(i) : undefined,
      languages: lang === "sv" ? ["sv", "en"] : ["en"],
      keywords: [...topics[t1]![lang].keywords.slice(0, 2), topics[t2]![lang].keywords[0]!],
      subjects: [...new Set([...topics[t1]!.subjects, topics[t2]!.subjects[0]!])],
      researchInterests: `${topics[t1]![lang].text}; ${topics[t2]![lang].text}`,
    });
    for (const [j, t] of [t1, t2].entries()) {
      const tx = topics[t]![lang];
      postings.push({
        ref: `demo-post-r${i}-${j}`,
        ownerRef: ref,
        orgRef: universityRefs[i % universityRefs.length]!,
        kind: j === 1 && i % 4 === 0 ? "need" : "competence",
        language: lang,
        title: j === 1 && i % 4 === 0 ? tx.need : `${tx.competence} (${last})`,
        description: `${pick(lang === "sv" ? PURPOSE_SV : PURPOSE_EN)} ${tx.text}. ${lang === "sv" ? "Kontakta oss om ni vill samproducera ett projekt." : "Get in touch if you would like to co-produce a project."}`,
        keywords: tx.keywords,
        subjects: topics[t]!.subjects,
        visibility: i % 10 === 0 ? "members" : "public",
        expiresInDays: i % 17 === 0 ? 10 : 60 + ((i * 37) % 300),
      });
    }
  }

  // Every company: a need, and every other one a competence too; a representative each.
  for (const [ref, t] of companyTopic) {
    const i = Number(ref.split("-").pop());
    const lang = i % 3 === 0 ? "en" : "sv";
    const tx = topics[t]![lang];
    const org = orgs.find((o) => o.ref === ref)!;
    postings.push({
      ref: `demo-post-c${i}-need`,
      ownerRef: ref,
      orgRef: ref,
      kind: "need",
      language: lang,
      title: tx.need,
      description: `${org.name}: ${tx.text}. ${lang === "sv" ? "Vi kan medfinansiera med tid, data och utrustning." : "We can co-fund with staff time, data and equipment."}`,
      keywords: tx.keywords,
      subjects: topics[t]!.subjects,
      visibility: "public",
      expiresInDays: 90 + i * 5,
    });
    if (i % 2 === 0) {
      const t2 = (t + 7) % topics.length;
      const ty = topics[t2]![lang];
      postings.push({
        ref: `demo-post-c${i}-comp`,
        ownerRef: ref,
        orgRef: ref,
        kind: "competence",
        language: lang,
        title: `${ty.competence} – ${org.name}`,
        description: `${pick(lang === "sv" ? PURPOSE_SV : PURPOSE_EN)} ${ty.text}.`,
        keywords: ty.keywords,
        subjects: topics[t2]!.subjects,
        visibility: "public",
        expiresInDays: 200,
      });
    }
    const first = FIRST[(i * 11) % FIRST.length]!;
    const last = LAST[(i * 13) % LAST.length]!;
    people.push({
      ref: `demo-rep-${i}`,
      name: `${first} ${last}`,
      email: `${first}.${last}.rep${i}@companies.example`.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o"),
      role: "company_rep",
      organizationRef: ref,
      languages: ["sv", "en"],
      keywords: [],
      subjects: [],
    });
  }
  return { orgs, people, postings };
}
