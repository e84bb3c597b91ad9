import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { PostingForm } from "#app/components/posting-form.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { getPosting, organizationsOf, postingSchema, updatePosting } from "#app/models/posting.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("posting.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const posting = await getPosting(params.id!, user.id);
  // Someone else's posting is "not found", not "forbidden": ids reveal nothing.
  if (!posting?.canEdit) throw new Response("Not found", { status: 404 });
  return {
    organizations: (await organizationsOf(user.id)).map((m) => m.organization),
    values: {
      kind: posting.kind,
      title: posting.title,
      description: posting.description,
      keywords: posting.keywords.join(", "),
      subjects: posting.subjects.join(", "),
      language: posting.language,
      visibility: posting.visibility,
      confidential: posting.confidential ? "on" : "",
      teaser: posting.teaser ?? "",
      organizationId: posting.organizationId ?? "",
    },
  };
}

export const action = formAction({ access: "user", schema: postingSchema, fieldErrors: true }, async ({ params, user, input }) => {
  if (!(await updatePosting(params.id!, user.id, input))) throw new Response("Not found", { status: 404 });
  return redirect(withFlash(`/postings/${params.id}`, "edited"));
});

export default function EditPosting() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  return (
    <section className="narrow">
      <h1>{t("posting.edit.title")}</h1>
      <PostingForm values={loaded.values} failure={failed} organizations={loaded.organizations} submitLabel={t("posting.edit.submit")} />
    </section>
  );
}
