import { MARK_END, MARK_START } from "#search/marks.ts";

/** Renders text with search matches between the marks of search/marks.ts as <mark>, never as HTML. */
export function Marked({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return (
    <>{parts.map((part, i) => (part.startsWith(MARK_START) ? <mark key={i}>{part.slice(1, -1)}</mark> : <span key={i}>{part}</span>))}</>
  );
}
