import { useLocation } from "@remix-run/react";
import { translate, type Locale } from "#app/i18n/index.ts";
import { flashKey } from "#app/lib/flash.ts";

/**
 * The confirmation of the action just done, named by `?done=` (app/lib/flash.ts): a known
 * name shows its message, anything else shows nothing. A status region, so a screen
 * reader announces it without moving the focus.
 */
export function FlashMessage({ locale }: { locale: Locale }) {
  const key = flashKey(new URLSearchParams(useLocation().search).get("done"));
  if (!key) return null;
  return (
    <p className="flash" role="status">
      {translate(locale, key)}
    </p>
  );
}
