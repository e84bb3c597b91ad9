// Every route module's action, walked from app/routes: each one is made by the action
// pipeline (app/lib/action.server.ts), and a forged POST (no CSRF token, a wrong one, or
// no session where signing in is required) is refused before anything is written. A
// route that answers a POST some other way, or skips the token check, fails here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { actionAccess } from "#app/lib/action.server.ts";
import { setCookie } from "#app/lib/cookies.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { createSession } from "#app/lib/session.server.ts";

const ROUTES = path.resolve("app/routes");
// Every route module is imported and asked for its action, however it exports one.
const routeFiles: string[] = [];
for (const f of readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))) {
  if ("action" in ((await import(`#app/routes/${f}`)) as object)) routeFiles.push(f);
}

type Action = (args: { request: Request; params: Record<string, string>; context: { ip: string } }) => Promise<unknown>;

const ORIGIN = "http://localhost:3000";
const SOME_ID = "00000000-0000-4000-8000-000000000001";

/** Every intent a route's forms send, and the fields they carry, so that an unprotected action would act. */
const body = (fields: Record<string, string>) =>
  new URLSearchParams({
    intent: "accept",
    organizationId: SOME_ID,
    change: "archive",
    lang: "sv",
    token: "x",
    email: "forged@example.org",
    password: "forged password 123",
    ...fields,
  });

/** What the action answered: a thrown Response (redirect, 403) counts as an answer. */
async function answer(
  action: Action,
  file: string,
  headers: Record<string, string>,
  fields: Record<string, string> = {},
): Promise<Response> {
  const params = { id: SOME_ID };
  const request = new Request(`${ORIGIN}/${file.replace(/\.tsx?$/, "").replaceAll(".", "/")}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: body(fields),
  });
  try {
    const result = await action({ request, params, context: { ip: "127.0.0.1" } });
    if (result instanceof Response) return result;
    const init = (result as { init?: ResponseInit | null } | null)?.init;
    return new Response(null, { status: init?.status ?? 200 });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** Every row of every table, as text: equal before and after means nothing was written. */
async function snapshot(): Promise<string> {
  const prisma = getPrisma();
  const tables = await prisma.$queryRawUnsafe<{ t: string }[]>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { t } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ h: string | null }[]>(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
    );
    parts.push(`${t}:${row?.h}`);
  }
  return parts.join("\n");
}

const cookiePair = (setCookieHeader: string) => setCookieHeader.split(";")[0]!;

let signedIn: string;
let csrfCookie: string;
beforeAll(async () => {
  const prisma = getPrisma();
  // An administrator: every sign-in rule (user, coordinator, admin) lets them through, so
  // only the token stands between a forged form and the action.
  const admin = await prisma.user.create({
    data: { email: "forged-admin@example.org", name: "Forged Admin", role: "admin", passwordHash: "x", emailConfirmedAt: new Date() },
  });
  const request = new Request(ORIGIN);
  signedIn = cookiePair(await createSession(request, admin.id));
  csrfCookie = cookiePair(await setCookie(request, "samband_csrf", "the-real-token-of-this-browser", 3600));
  // Something the notifications action would change if it ran.
  await prisma.notification.create({ data: { userId: admin.id, kind: "saved-search", title: "unread", body: "unread", link: "/" } });
});

describe("forged POSTs to every route action", () => {
  it("finds the route modules with actions", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(21);
  });

  it.each(routeFiles)("%s answers POSTs through the action pipeline", async (file) => {
    const mod = (await import(`#app/routes/${file}`)) as { action: unknown };
    expect(actionAccess(mod.action), `${file} must export an action made by formAction()`).toBeDefined();
  });

  it.each(routeFiles)("%s refuses a forged POST and changes nothing", async (file) => {
    const mod = (await import(`#app/routes/${file}`)) as { action: Action };
    const access = actionAccess(mod.action);
    const before = await snapshot();

    // Signed in, but the token is missing, wrong, or has no cookie to match.
    for (const [why, headers, fields] of [
      ["no token", { Cookie: `${signedIn}; ${csrfCookie}` }, {}],
      ["a wrong token", { Cookie: `${signedIn}; ${csrfCookie}` }, { csrf: "a-guessed-token" }],
      ["a token without its cookie", { Cookie: signedIn }, { csrf: "the-real-token-of-this-browser" }],
    ] as const) {
      const res = await answer(mod.action, file, headers, fields);
      expect(res.status, `${file}: ${why}`).toBe(403);
    }

    // Not signed in, even with a valid token: sign-in first, unless the form is one of
    // those that come before signing in.
    const anonymous = await answer(mod.action, file, { Cookie: csrfCookie }, { csrf: "a-guessed-token" });
    if (access === "anonymous") expect(anonymous.status, file).toBe(403);
    else {
      expect(anonymous.status, file).toBe(302);
      expect(anonymous.headers.get("Location"), file).toMatch(/^\/login\?redirectTo=/);
    }
    if (access !== "anonymous") {
      const valid = await answer(mod.action, file, { Cookie: csrfCookie }, { csrf: "the-real-token-of-this-browser" });
      expect(valid.headers.get("Location"), `${file}: not signed in`).toMatch(/^\/login\?redirectTo=/);
    }

    expect(await snapshot(), file).toBe(before);
  });
});
