// The consortium's application package as its PDF summary alone, in the
// language asked for (?lang=sv|en, else the reader's), for whoever sees the consortium's page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "#app/i18n/index.ts";
import { download } from "#app/lib/download.server.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { packageFile } from "#app/models/application-package.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const asked = new URL(request.url).searchParams.get("lang");
  const file = await packageFile("pdf", params.id!, user.id, isLocale(asked) ? asked : await resolveLocale(request, user));
  if (!file) throw new Response("Not found", { status: 404 });
  return download(file.bytes, file);
}
