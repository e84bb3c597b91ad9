import type { AppLoadContext } from "@remix-run/node";
import { forbiddenCharacter } from "#app/domain/text.ts";
import { translate } from "#app/i18n/index.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the web server saw it (server/index.ts). */
    ip: string;
  }
}

export function clientIp(context: AppLoadContext): string {
  return context.ip || "unknown";
}

export interface ReadFormOptions {
  maxBytes?: number;
  /**
   * The action passes the whole form through parseForm (app/lib/forms.ts, called by the
   * action pipeline in app/lib/action.server.ts for every route with a schema), which shows a
   * control character as an error next to its field with the rest of the form kept.
   * Without this, such a form is refused here with a 400 naming the field.
   */
  fieldErrors?: boolean;
}

/**
 * The form data of a POST, or a 400 for a body that is not a form, or a 413 for one larger
 * than `maxBytes`. The body is counted as it arrives: a chunked upload has no
 * Content-Length to check first, and reading it whole would let one request fill memory.
 *
 * Every form comes through here, so here no form can forget that text with a control
 * character (PostgreSQL refuses NUL outright) is refused before anything reads it.
 */
export async function readForm(request: Request, options: ReadFormOptions = {}): Promise<FormData> {
  const maxBytes = options.maxBytes ?? 200_000;
  const tooLarge = () => new Response("The form is too large.", { status: 413 });
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
  } catch {
    throw new Response("Expected a form.", { status: 400 });
  }
  if (!options.fieldErrors) await refuseControlCharacters(request, form);
  return form;
}

async function refuseControlCharacters(request: Request, form: FormData): Promise<void> {
  for (const [name, value] of form.entries()) {
    const found = forbiddenCharacter(name) ?? (typeof value === "string" ? forbiddenCharacter(value) : null);
    if (!found) continue;
    // The field's name is shown as sent, with its own bad characters made visible.
    const field = [...name]
      .map((c) => (forbiddenCharacter(c) ? "\uFFFD" : c))
      .join("")
      .slice(0, 100);
    const message = translate(await resolveLocale(request), "form.controlCharacter", { field, code: found.code, position: found.position });
    throw new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
