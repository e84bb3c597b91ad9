// "Usually answers within N days" on a person's or an organization's page, with what it is
// based on; nothing while there are too few first messages to say (app/domain/messaging-safety.ts).
import { useLocale } from "#app/components/i18n.tsx";
import type { ResponseTime } from "#app/domain/messaging-safety.ts";
import { translate, translateCount } from "#app/i18n/index.ts";

export function ResponseTimeNote({ figure }: { figure: ResponseTime }) {
  const locale = useLocale();
  if (figure.kind === "too-few") return null;
  return (
    <p className="response-time">
      {figure.kind === "days" ? translateCount(locale, "responseTime.days", figure.days) : translate(locale, "responseTime.seldom")}{" "}
      <span className="hint">{translateCount(locale, "responseTime.basis", figure.threads)}</span>
    </p>
  );
}
