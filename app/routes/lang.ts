import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { verifyCsrf } from "~/lib/csrf.server";
import { getPrisma } from "~/lib/db.server";
import { localeCookie } from "~/lib/locale.server";
import { readForm } from "~/lib/request.server";
import { getUser, safeRedirect } from "~/lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const lang = form.get("lang");
  if (!isLocale(lang)) throw new Response("lang must be sv or en", { status: 400 });
  const user = await getUser(request);
  if (user) await getPrisma().user.update({ where: { id: user.id }, data: { locale: lang } });
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie(request, lang) } });
}

export function loader() {
  return redirect("/");
}
