import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { PostingForm } from "#app/components/posting-form.tsx";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { createPosting, organizationsOf, postingSchema } from "#app/models/posting.server.ts";

export const meta: MetaFunction = () => [{ title: "Samband: publish" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { organizations: (await organizationsOf(user.id)).map((m) => m.organization) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const parsed = parseForm(postingSchema, form, await resolveLocale(request, user));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await createPosting(user.id, parsed.data);
  if (!id) throw new Response("You may not publish for that organization.", { status: 403 });
  return redirect(`/postings/${id}`);
}

export default function NewPosting() {
  const t = useT();
  const { organizations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("posting.new.title")}</h1>
      <PostingForm values={result?.values} errors={result?.errors} organizations={organizations} submitLabel={t("posting.new.submit")} />
    </section>
  );
}
