import { redirect } from "@remix-run/node";
import { formAction } from "#app/lib/action.server.ts";
import { destroySession } from "#app/lib/session.server.ts";

// Signing out is open to anyone (a session that has already ended signs out too), but
// never from another site: the pipeline's CSRF check still applies.
export const action = formAction({ access: "anonymous" }, async ({ request }) => {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
});

export function loader() {
  return redirect("/");
}
