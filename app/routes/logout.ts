import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { destroySession } from "#app/lib/session.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  await verifyCsrf(request, await readForm(request));
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export function loader() {
  return redirect("/");
}
