import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { countMarketplace, listRecentPublicPostings } from "~/models/posting.server";

export const meta: MetaFunction = () => [
  { title: "Samband: find your co-production partners" },
  { name: "description", content: "Researchers and companies publish what they can do and what they need, and find each other." },
];

export async function loader() {
  const [counts, postings] = await Promise.all([countMarketplace(), listRecentPublicPostings(12)]);
  return { counts, postings };
}

const KIND_LABEL = { competence: "Competence", need: "Need" } as const;

export default function Index() {
  const { counts, postings } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>Find the partners for your co-produced project</h1>
        <p>
          Researchers and companies publish what they can do and what they look for. Samband suggests matches across
          fields and in Swedish and English, and tells a consortium the moment it has two independent companies.
        </p>
      </section>
      <section aria-labelledby="numbers-heading" className="numbers">
        <h2 id="numbers-heading" className="visually-hidden">
          The marketplace in numbers
        </h2>
        <dl>
          <div>
            <dt>Universities</dt>
            <dd>{counts.universities}</dd>
          </div>
          <div>
            <dt>Companies</dt>
            <dd>{counts.companies}</dd>
          </div>
          <div>
            <dt>Competencies offered</dt>
            <dd>{counts.competences}</dd>
          </div>
          <div>
            <dt>Needs posted</dt>
            <dd>{counts.needs}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recently published</h2>
        {postings.length === 0 ? (
          <p>Nothing is published yet.</p>
        ) : (
          <ul className="postings">
            {postings.map((p) => (
              <li key={p.id} className={`posting posting-${p.kind}`}>
                <span className="badge">{KIND_LABEL[p.kind]}</span>
                <h3 lang={p.language}>{p.title}</h3>
                <p className="org">{p.organizationName}</p>
                {p.keywords.length > 0 && (
                  <ul className="keywords" aria-label="Keywords">
                    {p.keywords.slice(0, 5).map((k) => (
                      <li key={k} lang={p.language}>
                        {k}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
