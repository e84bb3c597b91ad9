// Generates the larger part of the demo set: companies in corporate groups, about a
// hundred researchers and a few hundred postings. Deterministic (a seeded PRNG), so
// every first start shows the same marketplace. All people and companies are made up;
// emails use the reserved .example domain so nothing can ever reach a real inbox.
import { luhnCheckDigit } from "#app/domain/org-number.ts";
import { orcidCheckChar } from "#app/domain/orcid.ts";
import { topics, type Topic } from "#prisma/demo-topics.ts";
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

// Swedish and international names, as at a Swedish university or company today. A person's
// full name is drawn once (see uniqueNames), so no two made-up people share one.
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
  "Wei",
  "Ahmed",
  "Sofia",
  "Jonas",
  "Maja",
  "David",
  "Klara",
  "Ali",
  "Ingrid",
  "Gustav",
  "Astrid",
  "Henrik",
  "Linnea",
  "Mattias",
  "Ebba",
  "Viktor",
  "Cecilia",
  "Tobias",
  "Yasmin",
  "Priya",
  "Tomasz",
  "Elena",
  "Mehmet",
  "Aino",
  "Javier",
  "Leila",
  "Dmitri",
  "Chiara",
  "Kenji",
  "Nadia",
  "Björn",
  "Helena",
  "Pontus",
  "Malin",
  "Reza",
  "Agnes",
  "Samuel",
  "Miriam",
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
  "Johansson",
  "Andersson",
  "Nilsson",
  "Larsson",
  "Olsson",
  "Gustafsson",
  "Pettersson",
  "Jonsson",
  "Axelsson",
  "Lindberg",
  "Öberg",
  "Danielsson",
  "Håkansson",
  "Mårtensson",
  "Ekström",
  "Nordin",
  "Lundqvist",
  "Sundberg",
  "Bergström",
  "Virtanen",
  "Kowalski",
  "Novak",
  "Rossi",
  "García",
  "Müller",
  "Yilmaz",
  "Nguyen",
  "Patel",
  "Ivanova",
  "Haddad",
  "Tanaka",
  "Kim",
  "Okafor",
  "Popescu",
  "Hansen",
  "Jensen",
  "Korhonen",
  "Ahmadi",
  "Schmidt",
  "Dahl",
];
/** Titles at a university or university college, and at the arts colleges. */
const TITLES_UNI = ["Professor", "Docent", "Universitetslektor", "Biträdande universitetslektor", "Postdoktor", "Forskare", "Doktorand"];
const TITLES_ARTS = ["Professor", "Lektor", "Konstnärlig forskare", "Adjunkt", "Doktorand"];
/** Titles of the people who represent a company in co-production. */
const TITLES_COMPANY = [
  "CTO",
  "Utvecklingschef",
  "Forskningsingenjör",
  "VD",
  "Innovationsansvarig",
  "Teknisk chef",
  "Affärsutvecklare",
  "Produktchef",
];

/**
 * What each eligible university researches, as topic numbers in demo-topics.ts (refs as
 * seed-data.ts numbers app/data/eligible-universities.csv). The arts, sport and defence
 * colleges only get topics from their own fields: no machine learning at a music college.
 */
const UNIVERSITY_TOPICS: Record<string, number[]> = {
  "uni-01": [0, 4, 5, 12, 8, 17], // Blekinge Institute of Technology
  "uni-02": [23, 7], // Swedish Defence University
  "uni-03": [13, 24], // Swedish School of Sport and Health Sciences
  "uni-04": [1, 8, 10, 7, 2, 6], // Dalarna University
  "uni-05": [3, 16, 9, 14, 19], // University of Borås
  "uni-06": [8, 6, 17, 2, 1], // University of Gävle
  "uni-07": [5, 0, 15, 2, 13], // Halmstad University
  "uni-08": [11, 7, 16, 14, 10], // Jönköping University
  "uni-09": [18, 2, 9, 16], // Kristianstad University
  "uni-10": [12, 0, 5, 16, 15], // University of Skövde
  "uni-11": [11, 4, 10, 0], // University West
  "uni-12": [16, 12, 2, 8, 7], // Karlstad University: its condition-monitoring group is the handcrafted p-02
  "uni-13": [25, 22], // University of Arts, Crafts and Design
  "uni-14": [22, 19], // Royal Institute of Art
  "uni-15": [20, 21], // Royal College of Music
  "uni-16": [6, 9, 19, 12, 1], // Linnaeus University
  "uni-17": [2, 14, 16, 7, 10], // Malmö University
  "uni-18": [9, 1, 8, 3, 5], // Mid Sweden University
  "uni-19": [2, 0, 4, 5, 8, 11], // Mälardalen University
  "uni-20": [21, 20], // Stockholm University of the Arts
  "uni-21": [19, 7, 23, 10], // Södertörn University
  "uni-22": [2, 15, 13, 18, 12], // Örebro University
};
const ARTS_COLLEGES = new Set(["uni-13", "uni-14", "uni-15", "uni-20"]);

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
const PURPOSE_SV = ["Vi forskar om", "Vår grupp arbetar med", "Jag leder forskning om", "Vi har lång erfarenhet av", "Vi studerar"];
const PURPOSE_EN = ["We research", "Our group works on", "I lead research on", "We have long experience in", "We study"];
// A second sentence, so two postings on one topic do not read alike.
const DETAIL_SV = [
  "Gruppen består av tre seniora forskare och fyra doktorander.",
  "Vi har tidigare drivit projekt med små och medelstora företag i regionen.",
  "Vi kan bidra med metodstöd, analys och en doktorand i projektet.",
  "Vi handleder gärna examensarbeten kopplade till projektet.",
  "Vi publicerar öppet och är vana vid sekretessavtal med företag.",
  "Vi kombinerar fältstudier med försök tillsammans med praktiker.",
];
const DETAIL_EN = [
  "The group has three senior researchers and four doctoral students.",
  "We have run projects with small and medium-sized companies in the region before.",
  "We can contribute methods, analysis and a doctoral student to the project.",
  "We are happy to supervise degree projects linked to the work.",
  "We publish openly and are used to confidentiality agreements with companies.",
  "We combine field studies with trials together with practitioners.",
];

const lower = (s: string) => (/^.[a-zåäö]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Words = Topic["sv"];
/**
 * Title patterns for one topic, used in turn, so the postings on a topic at different
 * organizations each have their own title (the first suggestions are not near-duplicates).
 */
const COMPETENCE_TITLES: Record<"sv" | "en", ((w: Words) => string)[]> = {
  sv: [
    (w) => w.competence,
    (w) => `${upper(w.keywords[0]!)} och ${lower(w.keywords[1]!)}`,
    (w) => `Forskning om ${lower(w.keywords[1]!)}`,
    (w) => `${upper(w.keywords[2]!)}: metoder och tillämpningar`,
    (w) => `Erfarenhet av ${lower(w.keywords[0]!)} för näringslivet`,
    (w) => `Samproduktion inom ${lower(w.keywords[2]!)}`,
  ],
  en: [
    (w) => w.competence,
    (w) => `${upper(w.keywords[0]!)} and ${lower(w.keywords[1]!)}`,
    (w) => `Research on ${lower(w.keywords[1]!)}`,
    (w) => `${upper(w.keywords[2]!)}: methods and applications`,
    (w) => `${upper(w.keywords[0]!)} expertise for industry`,
    (w) => `Co-production in ${lower(w.keywords[2]!)}`,
  ],
};
const NEED_TITLES: Record<"sv" | "en", ((w: Words) => string)[]> = {
  sv: [
    (w) => w.need,
    (w) => `Vi söker partner inom ${lower(w.keywords[0]!)}`,
    (w) => `Forskningspartner för ${lower(w.keywords[1]!)}`,
    (w) => `${upper(w.keywords[2]!)}: vi behöver ny kunskap`,
  ],
  en: [
    (w) => w.need,
    (w) => `Looking for a partner in ${lower(w.keywords[0]!)}`,
    (w) => `Research partner wanted for ${lower(w.keywords[1]!)}`,
    (w) => `${upper(w.keywords[2]!)}: we need new knowledge`,
  ],
};

/** An address part from a name: letters a–z only, so "Åkesson" and "García" still make one. */
const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

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
  const shuffled = <T>(a: readonly T[]) => {
    const b = [...a];
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [b[i], b[j]] = [b[j]!, b[i]!];
    }
    return b;
  };
  const orgs: SeedOrg[] = [];
  const people: SeedPerson[] = [];
  const postings: SeedPosting[] = [];
  const companyTopic = new Map<string, number>();

  // The k-th person gets first name k, and a surname shifted by 7 more each round through
  // the first names: no full name twice, no surname more than three times.
  const firsts = shuffled(FIRST);
  const lasts = shuffled(LAST);
  let named = 0;
  const nextName = () => {
    const k = named++;
    return { first: firsts[k % firsts.length]!, last: lasts[(k + 7 * Math.floor(k / firsts.length)) % lasts.length]! };
  };

  // Each topic's title patterns are used in turn, per language and kind.
  const turns = new Map<string, number>();
  const titleFor = (t: number, lang: "sv" | "en", kind: "competence" | "need") => {
    const patterns = (kind === "need" ? NEED_TITLES : COMPETENCE_TITLES)[lang];
    const key = `${t} ${lang} ${kind}`;
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    return patterns[turn % patterns.length]!(topics[t]![lang]);
  };

  // Companies work in the first twenty (industry) topics; the last six are the arts,
  // sport and defence colleges' own, each with one company that needs it.
  const INDUSTRY_TOPICS = 20;
  const ownTopics = topics.length - INDUSTRY_TOPICS;

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
      const topic = (g * 3 + k) % INDUSTRY_TOPICS;
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
    const topic = n < 40 - ownTopics ? n % INDUSTRY_TOPICS : INDUSTRY_TOPICS + (n - (40 - ownTopics));
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

  // About a hundred researchers across the eligible universities, two of their
  // university's topics each.
  const atUniversity = new Map<string, number>();
  for (let i = 0; i < 100; i++) {
    const { first, last } = nextName();
    const ref = `demo-person-${i}`;
    const uni = universityRefs[i % universityRefs.length]!;
    const own = UNIVERSITY_TOPICS[uni];
    if (!own) throw new Error(`Demo data: no research topics for university ${uni}`);
    const k = atUniversity.get(uni) ?? 0;
    atUniversity.set(uni, k + 1);
    const t1 = own[k % own.length]!;
    let t2 = own[(k + 1 + Math.floor(k / own.length)) % own.length]!;
    if (t2 === t1) t2 = own[(k + 1) % own.length]!;
    const lang = rnd() < 0.6 ? "sv" : "en";
    people.push({
      ref,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.${i}@researchers.example`,
      role: "researcher",
      organizationRef: uni,
      title: pick(ARTS_COLLEGES.has(uni) ? TITLES_ARTS : TITLES_UNI),
      orcid: i % 3 === 0 ? orcid(i) : undefined,
      languages: lang === "sv" ? ["sv", "en"] : ["en"],
      keywords: [...topics[t1]![lang].keywords.slice(0, 2), topics[t2]![lang].keywords[0]!],
      subjects: [...new Set([...topics[t1]!.subjects, topics[t2]!.subjects[0]!])],
      researchInterests: `${topics[t1]![lang].text}; ${topics[t2]![lang].text}`,
    });
    for (const [j, t] of [t1, t2].entries()) {
      const tx = topics[t]![lang];
      const kind = j === 1 && i % 4 === 0 ? "need" : "competence";
      postings.push({
        ref: `demo-post-r${i}-${j}`,
        ownerRef: ref,
        orgRef: uni,
        kind,
        language: lang,
        title: titleFor(t, lang, kind),
        description: `${pick(lang === "sv" ? PURPOSE_SV : PURPOSE_EN)} ${tx.text}. ${pick(lang === "sv" ? DETAIL_SV : DETAIL_EN)} ${lang === "sv" ? "Kontakta oss om ni vill samproducera ett projekt." : "Get in touch if you would like to co-produce a project."}`,
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
      title: titleFor(t, lang, "need"),
      description:
        lang === "sv"
          ? `Vi på ${org.name} behöver ny kunskap om ${tx.text}. Vi är ${org.employees} anställda och kan medfinansiera med tid, data och utrustning.`
          : `At ${org.name} we need new knowledge about ${tx.text}. We are ${org.employees} people and can co-fund with staff time, data and equipment.`,
      keywords: tx.keywords,
      subjects: topics[t]!.subjects,
      visibility: "public",
      expiresInDays: 90 + i * 5,
    });
    if (i % 2 === 0 && t < INDUSTRY_TOPICS) {
      const t2 = (t + 7) % INDUSTRY_TOPICS;
      const ty = topics[t2]![lang];
      postings.push({
        ref: `demo-post-c${i}-comp`,
        ownerRef: ref,
        orgRef: ref,
        kind: "competence",
        language: lang,
        title: titleFor(t2, lang, "competence"),
        description:
          lang === "sv"
            ? `${org.name} har byggt upp praktisk erfarenhet av ${ty.text} och delar den gärna i ett forskningsprojekt.`
            : `${org.name} has built up hands-on experience of ${ty.text} and would share it in a research project.`,
        keywords: ty.keywords,
        subjects: topics[t2]!.subjects,
        visibility: "public",
        expiresInDays: 200,
      });
    }
    const { first, last } = nextName();
    people.push({
      ref: `demo-rep-${i}`,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.rep${i}@companies.example`,
      role: "company_rep",
      organizationRef: ref,
      title: pick(TITLES_COMPANY),
      languages: ["sv", "en"],
      keywords: [],
      subjects: [],
    });
  }
  return { orgs, people, postings };
}
