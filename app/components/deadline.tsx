// A call's deadline with the days left, as the consortium page, the list of one's consortia
// and the signed-in home all say it: "Deadline 1 March 2027 (12 days left)".
import { useLocale, useT } from "#app/components/i18n.tsx";
import { formatDate } from "#app/i18n/format.ts";
import type { MessageKey } from "#app/i18n/index.ts";

/** How the days left read: "12 days left", "1 day left", "closes today", "the deadline has passed". */
export function daysLeftText(t: (key: MessageKey, vars?: Record<string, string | number>) => string, days: number): string {
  if (days > 1) return t("workspace.daysLeft", { days });
  if (days === 1) return t("workspace.dayLeft");
  return t(days === 0 ? "workspace.closesToday" : "workspace.passed");
}

/** The deadline line; nothing without a deadline. `deadline` is an ISO date, `daysLeft` counted by the loader. */
export function DeadlineNote({ deadline, daysLeft }: { deadline: string | null; daysLeft: number | null }) {
  const t = useT();
  const locale = useLocale();
  if (deadline === null || daysLeft === null) return null;
  return (
    <p className={`deadline-note${daysLeft >= 0 && daysLeft <= 14 ? " soon" : ""}`}>
      {t("deadline.label", { date: formatDate(locale, deadline) })} ({daysLeftText(t, daysLeft)})
    </p>
  );
}
