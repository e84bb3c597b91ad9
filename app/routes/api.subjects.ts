// GET /api/subjects?q=TEXT[&lang=sv|en]: research subjects for the picker, as JSON, best
// first. GET /api/subjects?resolve=A,B: what each code or exact name stands for (null
// where nothing), so a picker can show names for what a field already holds. Public (the
// classification is public); the tree stays on the server so the pages' scripts do not
// carry it. A q longer than any subject name is refused with 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { researchSubject, label } from "#app/domain/classification.ts";
import { MAX_QUERY_LENGTH, resolveSubject, searchSubjects } from "#app/domain/subject-search.ts";
import { isLocale } from "#app/i18n/index.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";

const LIMIT = 10;
const MAX_RESOLVE = 30;

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const lang = params.get("lang");
  if (lang !== null && !isLocale(lang)) return json({ error: "lang must be sv or en.", field: "lang" }, 400);
  const locale = lang ?? (await resolveLocale(request));
  const resolve = params.get("resolve");
  if (resolve !== null) {
    const typed = resolve.split(",").map((s) => s.trim());
    if (resolve.length > MAX_RESOLVE * MAX_QUERY_LENGTH || typed.length > MAX_RESOLVE || typed.some((s) => s.length > MAX_QUERY_LENGTH))
      return json(
        { error: `resolve takes at most ${MAX_RESOLVE} names of at most ${MAX_QUERY_LENGTH} characters.`, field: "resolve" },
        400,
      );
    return json({
      results: typed.map((t) => {
        const r = resolveSubject(t, locale);
        const entry = r.ok ? researchSubject(r.code) : undefined;
        return entry ? { code: entry.code, level: entry.level, label: label(entry, locale) } : null;
      }),
    });
  }
  const q = params.get("q") ?? "";
  if (q.length > MAX_QUERY_LENGTH) return json({ error: `q is longer than ${MAX_QUERY_LENGTH} characters.`, field: "q" }, 400);
  return json({ results: searchSubjects(q, locale, LIMIT) });
}
