// GET /notifications/count: the unread counts (notifications, conversations with news), for the header to update itself without a
// reload. JSON; 401 without a session.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "#app/lib/session.server.ts";
import { liveCounts } from "#app/models/conversation.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(await liveCounts(user.id), { headers: { "Cache-Control": "no-store" } });
}
