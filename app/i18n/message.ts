// A text as data: a catalogue key and its variables, rendered in the reader's language
// only when it is shown. Domain code (the funder's rules, notices) says what it means with
// these and stays free of any one language; pages, the CLI and emails render them. Every
// value is plain JSON, so a descriptor can travel through a loader or be stored.
import { formatDate, formatKronor, formatList, formatNumber, formatPercent } from "#app/i18n/format.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";

/** A variable of a message: text as it is, a number, an amount, a share, a list, or another message. */
export type MessageVar =
  | string
  | number
  | { kronor: number }
  | { percent: number }
  /** A calendar day, YYYY-MM-DD, written as the language writes dates ("1 mars 2027"). */
  | { date: string }
  /** Items joined as the language joins a list ("A, B och C"), or with `join` between them. */
  | { list: MessageVar[]; join?: string }
  | Message;

export interface Message {
  key: MessageKey;
  vars?: Record<string, MessageVar>;
}

export const message = (key: MessageKey, vars?: Record<string, MessageVar>): Message => (vars ? { key, vars } : { key });

function renderVar(locale: Locale, v: MessageVar): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(locale, v);
  if ("kronor" in v) return formatKronor(locale, v.kronor);
  if ("percent" in v) return formatPercent(locale, v.percent);
  if ("date" in v) return formatDate(locale, `${v.date}T12:00:00Z`);
  if ("list" in v) {
    const items = v.list.map((item) => renderVar(locale, item));
    return v.join === undefined ? formatList(locale, items) : items.join(v.join);
  }
  return renderMessage(locale, v);
}

export function renderMessage(locale: Locale, msg: Message): string {
  const vars: Record<string, string> = {};
  for (const [name, v] of Object.entries(msg.vars ?? {})) vars[name] = renderVar(locale, v);
  return translate(locale, msg.key, vars);
}

/** Several messages as one paragraph. */
export function renderMessages(locale: Locale, msgs: readonly Message[], separator = " "): string {
  return msgs.map((m) => renderMessage(locale, m)).join(separator);
}

/** Whether a stored value has the shape of a message (for rows and payloads read back as JSON). */
export function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && typeof (value as Message).key === "string";
}
