import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DeadlineNote } from "#app/components/deadline.tsx";
import { CsrfField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { PostingCard } from "#app/components/posting-card.tsx";
import { missingLine } from "#app/domain/eligibility.ts";
import { completeness, profilePartHref } from "#app/domain/home.ts";
import { renderMessage } from "#app/i18n/message.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { keptUntilChange } from "#app/lib/kept.server.ts";
import { getUser } from "#app/lib/session.server.ts";
import { dismissGuide, homeFor } from "#app/models/home.server.ts";
import { countMarketplace, listRecentPublicPostings } from "#app/models/posting.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("page.home");

export const meta: MetaFunction = () => [
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

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const [shared, mine] = await Promise.all([homePage(), user ? homeFor(user.id) : null]);
  return { ...shared, mine: mine && { ...mine, name: user!.name } };
}

const schema = z.object({ intent: z.literal("dismiss-guide") });

export const action = formAction({ access: "user", schema, unknownIntent: "not-found" }, async ({ user }) => {
  await dismissGuide(user.id);
  return redirect(withFlash("/", "guideDismissed"));
});

type Mine = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["mine"]>;

/** Everyone's way into the marketplace: words, then the browse page with its filters. */
function SearchBox() {
  const t = useT();
  return (
    <div className="home-search">
      <Form method="get" action="/postings" role="search" aria-label={t("home.search")}>
        <label htmlFor="home-q">{t("home.search")}</label>
        <div className="home-search-row">
          <input id="home-q" type="search" name="q" maxLength={200} placeholder={t("home.searchPlaceholder")} />
          <button type="submit">{t("home.searchButton")}</button>
        </div>
      </Form>
    </div>
  );
}

function Guide({ steps, firstPosting }: { steps: NonNullable<Mine["guide"]>; firstPosting: string | null }) {
  const t = useT();
  const href = { profile: "/profile", publish: "/postings/new", matches: firstPosting ? `/postings/${firstPosting}` : "/postings/new" };
  return (
    <section className="guide" aria-labelledby="guide-title">
      <h2 id="guide-title">{t("guide.title")}</h2>
      <ol>
        {steps.map((s) => (
          <li key={s.step} className={s.done ? "done" : "todo"}>
            <span aria-hidden="true">{s.done ? "✓" : "○"}</span> <Link to={href[s.step]}>{t(`guide.${s.step}`)}</Link>{" "}
            <span className="visually-hidden">({t(s.done ? "guide.done" : "guide.todo")})</span>
          </li>
        ))}
      </ol>
      <Form method="post">
        <CsrfField />
        <button type="submit" name="intent" value="dismiss-guide" className="link-button">
          {t("guide.dismiss")}
        </button>
      </Form>
    </section>
  );
}

function SignedInHome({ mine }: { mine: Mine }) {
  const t = useT();
  const locale = useLocale();
  const percent = completeness(mine.missing);
  return (
    <div className="home-mine">
      {mine.guide && <Guide steps={mine.guide} firstPosting={mine.firstPosting} />}
      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{t("home.matches")}</h2>
        {mine.matches.length > 0 ? (
          <ul>
            {mine.matches.map((m) => (
              <li key={m.postingId}>
                <Link to={`/postings/${m.postingId}`}>
                  {m.count === 1 ? t("home.matchesOne", { title: m.title }) : t("home.matchesCount", { count: m.count, title: m.title })}
                </Link>
                {m.names.length > 0 && <span className="hint"> · {m.names.join(", ")}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(mine.firstPosting ? "home.matchesNone" : "home.matchesNoPostings")}</p>
        )}
      </section>
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("home.invitations")}</h2>
        {mine.invitations.length > 0 ? (
          <ul>
            {mine.invitations.map((i) => (
              <li key={`${i.consortiumId}:${i.organizationId}`}>
                {t("home.invitation", { organization: i.organization, title: i.title, coordinator: i.coordinator })}{" "}
                <Link to={`/consortia/${i.consortiumId}#member-${i.organizationId}`}>{t("home.answer")}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("home.invitationsNone")}</p>
        )}
      </section>
      <section aria-labelledby="consortia-title">
        <h2 id="consortia-title">{t("home.consortia")}</h2>
        {mine.consortia.length > 0 ? (
          <ul className="home-consortia">
            {mine.consortia.map((c) => (
              <li key={c.id}>
                <Link to={`/consortia/${c.id}`}>{c.title}</Link> <span className="badge">{c.programme}</span>
                {c.outcome && <span className="badge">{t(`outcome.badge.${c.outcome}`)}</span>}
                {!c.outcome && <DeadlineNote deadline={c.deadline} daysLeft={c.daysLeft} />}
                <p className={c.eligible ? "eligible" : "missing"}>
                  {c.eligible
                    ? t("home.consortiumEligible")
                    : renderMessage(locale, missingLine(c.missing) ?? { key: "consortium.notEligible" })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t("home.consortiaNone")} <Link to="/consortia/new">{t("home.newConsortium")}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t("home.profile")}</h2>
        {mine.missing.length === 0 ? (
          <p>{t("home.profileComplete")}</p>
        ) : (
          <>
            <p>
              <meter min={0} max={100} value={percent} aria-labelledby="profile-percent" />{" "}
              <span id="profile-percent">{t("home.profilePercent", { percent })}</span>
            </p>
            <p>{t("home.profileMissing")}</p>
            <ul>
              {mine.missing.map((part) => (
                <li key={part}>
                  <Link to={profilePartHref(part)}>{t(`home.part.${part}`)}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

export default function Index() {
  const t = useT();
  const { counts, postings, mine } = useLoaderData<typeof loader>();
  const numbers = [
    ["home.universities", counts.universities],
    ["home.companies", counts.companies],
    ["home.competences", counts.competences],
    ["home.needs", counts.needs],
  ] as const;
  const recent = (
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
  );
  if (mine) {
    return (
      <>
        <h1>{t("home.welcome", { name: mine.name })}</h1>
        <SearchBox />
        <div className="home-columns">
          <SignedInHome mine={mine} />
          {recent}
        </div>
      </>
    );
  }
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
        <SearchBox />
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
      {recent}
    </>
  );
}
