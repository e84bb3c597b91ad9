// Blocked senders: the people one blocked, and those blocked for an organization one answers
// for, each with a button to lift the block. Blocking itself is posted here from a
// conversation (intent=block with its id), by its side written to (app/models/block.server.ts).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { blockSender, listBlocks, unblock } from "#app/models/block.server.ts";

export const handle = pageHandle("blocks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const blocks = await listBlocks(user.id);
  return { blocks: blocks.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })) };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("block"), conversation: z.string().optional() }),
  z.object({ intent: z.literal("unblock"), block: z.string().optional() }),
]);

export const action = formAction({ access: "user", schema, unknownIntent: "not-found" }, async ({ user, input }) => {
  if (input.intent === "block") {
    const result = await blockSender(input.conversation ?? "", user.id);
    if (!result.ok) throw new Response("Not found", { status: 404 });
    return redirect(withFlash(`/messages/${input.conversation}`, "blocked"));
  }
  if (!(await unblock(input.block ?? "", user.id))) throw new Response("Not found", { status: 404 });
  return redirect(withFlash("/profile/blocked", "unblocked"));
});

export default function BlockedSenders() {
  const t = useT();
  const locale = useLocale();
  const { blocks } = useLoaderData<typeof loader>();
  return (
    <section className="blocked">
      <h1>{t("blocks.title")}</h1>
      <p className="hint">{t("blocks.intro")}</p>
      {blocks.length === 0 ? (
        <p>{t("blocks.empty")}</p>
      ) : (
        <ul className="saved-list">
          {blocks.map((b) => (
            <li key={b.id}>
              {b.organization ? t("blocks.forOrganization", { name: b.person.name, organization: b.organization.name }) : b.person.name}
              <span className="meta"> · {t("blocks.since", { date: formatDate(locale, b.createdAt) })}</span>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="block" value={b.id} />
                <button type="submit" name="intent" value="unblock" className="secondary">
                  {t("blocks.unblock", { name: b.person.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
