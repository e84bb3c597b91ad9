import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { RootData } from "~/root";

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? "en";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
