import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { PostingCard } from "#app/components/posting-card.tsx";
import { requireUser } from "#app/lib/session.server.ts";
import { listMyPostings } from "#app/models/posting.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { postings: await listMyPostings(user.id) };
}

export default function MyPostings() {
  const t = useT();
  const { postings } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("mine.title")}</h1>
      <p>
        <Link to="/postings/new" className="button">
          {t("mine.publish")}
        </Link>
      </p>
      {postings.length === 0 ? (
        <p>{t("mine.empty")}</p>
      ) : (
        <ul className="postings">
          {postings.map((p) => (
            <PostingCard key={p.id} p={p} showStatus />
          ))}
        </ul>
      )}
    </section>
  );
}
