// GET /api/match?ref=POSTING_REF[&limit=N] (or ?posting=ID): the suggestions the
// command line prints, as JSON, for signed-in users. Errors are JSON too: 400 names
// the parameter, 401 without a session, 404 for a posting this user cannot see (a
// confidential one not revealed to them included: the reasons would quote its hidden words).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isId } from "#app/lib/form-fields.ts";
import { logSearchUnavailable } from "#app/lib/meili.server.ts";
import { getUser } from "#app/lib/session.server.ts";
import { getPosting, postingIdByRef } from "#app/models/posting.server.ts";
import { seesPostingInFull } from "#app/models/reveal.server.ts";
import { partnersToJson } from "#search/match-json.ts";
import { MAX_LIMIT } from "#search/match.server.ts";
import { cachedPartnersForPosting } from "#search/partner-cache.server.ts";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ error: "Sign in to use the match API." }, 401);
  const params = new URL(request.url).searchParams;
  const ref = params.get("ref")?.trim() ?? "";
  const postingId = params.get("posting")?.trim() ?? "";
  const limitText = params.get("limit") ?? "10";
  if (!ref === !postingId) return json({ error: "Give exactly one of ref or posting.", field: ref ? "posting" : "ref" }, 400);
  if (ref.length > 200) return json({ error: "ref is longer than 200 characters.", field: "ref" }, 400);
  if (postingId && !isId(postingId)) return json({ error: "posting is not a posting id.", field: "posting" }, 400);
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT)
    return json({ error: `limit must be a whole number from 1 to ${MAX_LIMIT}.`, field: "limit" }, 400);

  const id = postingId || (await postingIdByRef(ref));
  const found = id ? await getPosting(id, user.id) : null;
  const posting = found && (await seesPostingInFull(found, user.id)) ? found : null;
  if (!posting) return json({ error: ref ? `No posting you can see has the ref "${ref}".` : "No posting you can see has this id." }, 404);
  // Without Meilisearch the list is what PostgreSQL's full-text search finds: still an answer, and the outage is logged.
  const { partners, outage } = await cachedPartnersForPosting(posting, { signedIn: true, limit: Number(limitText) });
  if (outage) logSearchUnavailable(`match API for posting ${posting.id}`, outage);
  return json(partnersToJson(partners));
}
