import { redirect } from "@remix-run/node";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { localeCookie } from "#app/lib/locale.server.ts";
import { getUser, safeRedirect } from "#app/lib/session.server.ts";
import { setLocale } from "#app/models/user.server.ts";

const schema = z.object({ lang: z.enum(["sv", "en"]), redirectTo: z.string().optional() });

// Anyone may choose a language; a signed-in user's choice is also kept on their account.
export const action = formAction({ access: "anonymous", schema }, async ({ request, input }) => {
  const user = await getUser(request);
  if (user) await setLocale(user.id, input.lang);
  return redirect(safeRedirect(input.redirectTo), { headers: { "Set-Cookie": await localeCookie(request, input.lang) } });
});

export function loader() {
  return redirect("/");
}
