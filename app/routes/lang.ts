import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { localeCookie } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { getUser, safeRedirect } from "#app/lib/session.server.ts";
import { setLocale } from "#app/models/user.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const lang = form.get("lang");
  if (!isLocale(lang)) throw new Response("lang must be sv or en", { status: 400 });
  const user = await getUser(request);
  if (user) await setLocale(user.id, lang);
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie(request, lang) } });
}

export function loader() {
  return redirect("/");
}
