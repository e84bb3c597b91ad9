// A co-funder's letter of intent as a PDF, in the language asked for (?lang=sv|en, else the
// reader's), for those who may see the letter (app/models/letter.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "#app/i18n/index.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { letterPdf } from "#app/models/letter.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const asked = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(asked) ? asked : await resolveLocale(request, user);
  const pdf = await letterPdf(params.id!, params.organizationId!, user.id, locale);
  if (!pdf) throw new Response("Not found", { status: 404 });
  const name = locale === "sv" ? "avsiktsforklaring" : "letter-of-intent";
  return new Response(Buffer.from(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}-${params.organizationId}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
