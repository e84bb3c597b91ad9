// The one way a route answers a POST. Before a route's own code runs, every action alike:
// who may post is checked (signed in, an administrator, or a declared anonymous form),
// the form is read within its size limit and with its control characters handled, the
// CSRF token is verified, the reader's language is resolved and, when the route gives a
// schema, the form is parsed and a failure answered in the one Failure shape. A route
// cannot leave any of these out: tests/integration/forged-actions.test.ts walks every
// route module and refuses an action that was not made here.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { Locale } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { failure, parseForm, type Failure } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { requireAdmin, requireUser, type SessionUser } from "#app/lib/session.server.ts";

/**
 * Who may post: "user" (signed in, else a redirect to sign in), "admin", a route's own
 * check that throws for anyone else, or "anonymous" for the forms that come before
 * signing in (sign in, register, password reset, e-mail confirmation, language).
 */
export type Access = "anonymous" | "user" | "admin" | ((request: Request) => Promise<SessionUser>);

type UserOf<A extends Access> = A extends "anonymous" ? null : SessionUser;

export interface ActionOptions<A extends Access, S extends z.ZodType | undefined> {
  access: A;
  /** The form's fields; intents as z.discriminatedUnion("intent", …). */
  schema?: S;
  /**
   * The page shows failures next to its fields, control characters among them; without
   * this a control character is refused with a plain 400 that names the field.
   */
  fieldErrors?: boolean;
  maxBytes?: number;
  /** Pages whose ids and intents are all in hidden fields answer a form they never show with 404, as for a missing page. */
  unknownIntent?: "not-found";
}

export interface ActionContext<U, D> extends ActionFunctionArgs {
  form: FormData;
  locale: Locale;
  user: U;
  /** The form as the schema made it. */
  input: D;
  /** Answers the one failure shape, with what was typed kept (never passwords or the token). */
  fail: (
    parts: { fieldErrors?: Record<string, string>; formErrors?: string[]; values?: Record<string, string> },
    status?: number,
    headers?: HeadersInit,
  ) => ReturnType<typeof data<Failure>>;
}

const MADE_HERE = Symbol.for("samband.action");

/** A route's action, made by this pipeline. */
export function formAction<A extends Access, S extends z.ZodType | undefined, R>(
  options: ActionOptions<A, S>,
  handler: (ctx: ActionContext<UserOf<A>, S extends z.ZodType ? z.output<S> : undefined>) => Promise<R>,
) {
  const action = async (args: ActionFunctionArgs) => {
    const { request } = args;
    const user = (await signedIn(request, options.access)) as UserOf<A>;
    // Control characters are left to the schema's field errors only when there is a schema to report them.
    const form = await readForm(request, {
      maxBytes: options.maxBytes,
      fieldErrors: options.fieldErrors === true && options.schema !== undefined,
    });
    await verifyCsrf(request, form);
    const locale = await resolveLocale(request, user);
    const fail: ActionContext<UserOf<A>, unknown>["fail"] = (parts, status = 400, headers) => data(failure(parts), { status, headers });
    let input: unknown = undefined;
    if (options.schema) {
      const parsed = parseForm(options.schema, form, locale);
      if (!parsed.ok && options.unknownIntent && parsed.failure.fieldErrors.intent) throw new Response("Not found", { status: 404 });
      if (!parsed.ok) return data(parsed.failure, { status: 400 });
      input = parsed.data;
    }
    return handler({ ...args, form, locale, user, input: input as S extends z.ZodType ? z.output<S> : undefined, fail });
  };
  return Object.assign(action, { [MADE_HERE]: options.access });
}

/** How a route's action admits its caller, or undefined for an action not made by formAction. */
export function actionAccess(action: unknown): Access | undefined {
  return typeof action === "function" ? (action as { [MADE_HERE]?: Access })[MADE_HERE] : undefined;
}

async function signedIn(request: Request, access: Access): Promise<SessionUser | null> {
  if (access === "anonymous") return null;
  if (access === "user") return requireUser(request);
  if (access === "admin") return requireAdmin(request);
  return access(request);
}
