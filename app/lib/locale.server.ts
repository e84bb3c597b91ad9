import { fromAcceptLanguage, isLocale, type Locale } from "#app/i18n/index.ts";
import { readCookie, setCookie } from "#app/lib/cookies.server.ts";

export const LANG_COOKIE = "samband_lang";

export async function resolveLocale(request: Request, user?: { locale: string | null } | null): Promise<Locale> {
  const chosen = await readCookie(request, LANG_COOKIE);
  if (isLocale(chosen)) return chosen;
  if (isLocale(user?.locale)) return user.locale;
  return fromAcceptLanguage(request.headers.get("Accept-Language"));
}

export function localeCookie(request: Request, locale: Locale): Promise<string> {
  return setCookie(request, LANG_COOKIE, locale, 365 * 24 * 3600);
}
