// The pickers of the forms: research subjects (searched on the server, so the subject
// tree stays out of the pages' scripts) and languages (searched in the browser: only
// the code list and Intl's names).
import { useCallback } from "react";
import { Combobox, type ComboOption } from "#app/components/combobox.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { languageName, resolveLanguage, searchLanguages } from "#app/domain/languages.ts";

interface PickerProps {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
}

interface SubjectJson {
  code: string;
  label: string;
  path?: string[];
}

const subjectOption = (s: SubjectJson): ComboOption => ({ value: s.code, label: s.label, detail: [s.code, ...(s.path ?? [])].join(" · ") });

async function subjectsApi(params: Record<string, string>, signal: AbortSignal): Promise<(SubjectJson | null)[]> {
  const response = await fetch(`/api/subjects?${new URLSearchParams(params)}`, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) return [];
  return ((await response.json()) as { results: (SubjectJson | null)[] }).results;
}

export function SubjectPicker(props: PickerProps) {
  const t = useT();
  const locale = useLocale();
  const search = useCallback(
    async (q: string, signal: AbortSignal) =>
      (await subjectsApi({ q: q.slice(0, 100), lang: locale }, signal)).flatMap((s) => (s ? [subjectOption(s)] : [])),
    [locale],
  );
  const lookup = useCallback(
    async (typed: string[], signal: AbortSignal) => {
      const found = await subjectsApi({ resolve: typed.join(","), lang: locale }, signal);
      return typed.map((_, i) => (found[i] ? subjectOption(found[i]) : null));
    },
    [locale],
  );
  return <Combobox {...props} hint={t("picker.subjects.hint")} search={search} lookup={lookup} />;
}

export function LanguagePicker(props: PickerProps) {
  const t = useT();
  const locale = useLocale();
  const option = useCallback((code: string): ComboOption => ({ value: code, label: languageName(code, locale), detail: code }), [locale]);
  const search = useCallback(async (q: string) => searchLanguages(q, locale).map((h) => option(h.code)), [locale, option]);
  const lookup = useCallback(
    async (typed: string[]) =>
      typed.map((v) => {
        const code = resolveLanguage(v);
        return code ? option(code) : null;
      }),
    [option],
  );
  return <Combobox {...props} hint={t("picker.languages.hint")} search={search} lookup={lookup} />;
}
