// Every page's <title>, "<page> – Samband", in the page's language, starting with
// "Error: " / "Fel: " when the form just sent was refused, so a screen-reader user hears
// at once that something needs fixing. A page route names its page in its `handle`
// (a catalogue key, or a function of its loader's data); error pages name theirs here.
import type { SerializeFrom } from "@remix-run/node";
import { isRouteErrorResponse, useMatches } from "@remix-run/react";
import { useContext } from "react";
// Remix's own <Meta> reads the router state the same way: the action data of every route
// on the page is only there, and the title is rendered above the page that holds it.
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface PageHandle {
  title: MessageKey | ((data: never, t: Translate) => string);
}

/** The `handle` of a page route: its name as a key, or from its loader's data (not asked when the loader threw). */
export function pageHandle<Loader = never>(title: MessageKey | ((data: SerializeFrom<Loader>, t: Translate) => string)): PageHandle {
  return { title: title as PageHandle["title"] };
}

/** A refused form's answer (app/lib/forms.ts failure()). */
const isFailure = (data: unknown) => typeof data === "object" && data !== null && (data as { status?: unknown }).status === "error";

/** The name of an error page, from the error a route threw. */
export function errorTitleKey(error: unknown): MessageKey {
  return isRouteErrorResponse(error) && error.status === 404 ? "error.notFound" : "error.generic";
}

export function usePageTitle(locale: Locale): string {
  const matches = useMatches();
  const state = useContext(UNSAFE_DataRouterStateContext);
  const t: Translate = (key, vars) => translate(locale, key, vars);
  const error = Object.values(state?.errors ?? {})[0];
  let page: string | null = null;
  if (error !== undefined) page = t(errorTitleKey(error));
  else {
    const leaf = [...matches].reverse().find((m) => (m.handle as PageHandle | undefined)?.title);
    const title = (leaf?.handle as PageHandle | undefined)?.title;
    if (typeof title === "string") page = t(title);
    else if (title && leaf?.data !== undefined) page = title(leaf.data as never, t);
  }
  if (!page) return "Samband";
  const failed = Object.values(state?.actionData ?? {}).some(isFailure);
  return t(failed ? "page.titleFailed" : "page.title", { page });
}
