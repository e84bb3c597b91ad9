import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";
import type { RootData } from "#app/root.tsx";

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? "en";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
