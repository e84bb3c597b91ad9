import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { PostingCard } from "#app/components/posting-card.tsx";
import { keptUntilChange } from "#app/lib/kept.server.ts";
import { countMarketplace, listRecentPublicPostings } from "#app/models/posting.server.ts";

export const meta: MetaFunction = () => [
  { title: "Samband: find your co-production partners" },
  { name: "description", content: "Researchers and companies publish what they can do and what they need, and find each other." },
];

// The same for every visitor, and it changes only when postings or organizations do:
// kept until the next such change, and at most a minute (postings passing their expiry
// date change no row).
const homePage = keptUntilChange(
  async () => {
    const [counts, postings] = await Promise.all([countMarketplace(), listRecentPublicPostings(12)]);
    return { counts, postings };
  },
  { maxAgeMs: 60_000 },
);

export async function loader() {
  return homePage();
}

export default function Index() {
  const t = useT();
  const { counts, postings } = useLoaderData<typeof loader>();
  const numbers = [
    ["home.universities", counts.universities],
    ["home.companies", counts.companies],
    ["home.competences", counts.competences],
    ["home.needs", counts.needs],
  ] as const;
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
      </section>
      <section aria-labelledby="numbers-heading" className="numbers">
        <h2 id="numbers-heading" className="visually-hidden">
          {t("home.numbers")}
        </h2>
        <dl>
          {numbers.map(([key, n]) => (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t("home.recent")}</h2>
        {postings.length === 0 ? (
          <p>{t("home.empty")}</p>
        ) : (
          <ul className="postings">
            {postings.map((p) => (
              <PostingCard key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
