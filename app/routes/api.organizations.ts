// GET /api/organizations?q=TEXT: existing organizations for the organization picker, as
// JSON, best first: by name (forgiving case, å ä ö, legal forms and a typo) or by
// organisation number, whole or its first six digits on, with or without the dash. Open
// to visitors (registration uses it before anyone signs in), so it answers only what every
// organization's public page shows. A q longer than any name is refused with 400; more
// than LIMITS.orgSearch a minute from one address with 429.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { MAX_ORG_QUERY_LENGTH } from "#app/domain/org-search.ts";
import { clientIp } from "#app/lib/request.server.ts";
import { orgSearchAllowed } from "#app/lib/throttle.server.ts";
import { searchOrganizations } from "#app/models/organization-search.server.ts";

const LIMIT = 10;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  if (q.length > MAX_ORG_QUERY_LENGTH) return json({ error: `q is longer than ${MAX_ORG_QUERY_LENGTH} characters.`, field: "q" }, 400);
  const gate = await orgSearchAllowed(clientIp(context));
  if (!gate.allowed)
    return json({ error: "Too many searches from this address; try again shortly." }, 429, {
      "Retry-After": String(gate.retryAfterSeconds),
    });
  return json({ results: await searchOrganizations(q, LIMIT) });
}
