// CSRF protection for every form: a random token in an httpOnly cookie and the same
// token in a hidden field (double submit). A cross-site page can make a browser post a
// form, but cannot read or set our cookie, so it cannot know the token. SameSite=Lax on
// the session cookie is a second line, and before either a browser's write from another
// site is refused by its Origin (server/headers.ts). The token is what still holds for
// a request that carries no Origin and no Sec-Fetch-Site.
import { readCookie, setCookie } from "#app/lib/cookies.server.ts";
import { newToken, safeEqual } from "#app/lib/security.server.ts";

const COOKIE = "samband_csrf";
export const CSRF_FIELD = "csrf";

/** The token for this browser, and a Set-Cookie header when it needs one. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const existing = await readCookie(request, COOKIE);
  if (existing) return { token: existing };
  const token = newToken();
  return { token, setCookie: await setCookie(request, COOKIE, token, 60 * 60 * 24 * 365) };
}

/** Throws 403 unless the form carries this browser's token. */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const cookie = await readCookie(request, COOKIE);
  const field = form.get(CSRF_FIELD);
  if (!cookie || typeof field !== "string" || !safeEqual(cookie, field)) {
    throw new Response("The form has expired or did not come from this site. Reload the page and try again.", { status: 403 });
  }
}
