import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { PostingForm } from "#app/components/posting-form.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { createPosting, organizationsOf, postingSchema } from "#app/models/posting.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("posting.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { organizations: (await organizationsOf(user.id)).map((m) => m.organization) };
}

export const action = formAction({ access: "user", schema: postingSchema, fieldErrors: true }, async ({ user, input }) => {
  const id = await createPosting(user.id, input);
  if (!id) throw new Response("You may not publish for that organization.", { status: 403 });
  return redirect(withFlash(`/postings/${id}`, "published"));
});

export default function NewPosting() {
  const t = useT();
  const { organizations } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  return (
    <section className="narrow">
      <h1>{t("posting.new.title")}</h1>
      <PostingForm failure={failed} organizations={organizations} submitLabel={t("posting.new.submit")} />
    </section>
  );
}
