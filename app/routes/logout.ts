import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { verifyCsrf } from "~/lib/csrf.server";
import { readForm } from "~/lib/request.server";
import { destroySession } from "~/lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await verifyCsrf(request, await readForm(request));
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export function loader() {
  return redirect("/");
}
