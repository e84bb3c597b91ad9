// "Express interest": the way from a posting, a person, an organization or a suggestion to
// a conversation (/messages/new). A plain link, so it works without JavaScript; signed out,
// it leads through signing in and back.
import { Link } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";

export function ExpressInterestLink({
  kind,
  id,
  name,
  asButton = false,
}: {
  kind: "posting" | "person" | "organization";
  id: string;
  /** Said to screen readers after the link's text, where several such links share a page. */
  name?: string;
  asButton?: boolean;
}) {
  const t = useT();
  return (
    <Link to={`/messages/new?${kind}=${encodeURIComponent(id)}`} className={asButton ? "button express-interest" : "express-interest"}>
      {t("conversation.express")}
      {name && <span className="visually-hidden">{`: ${name}`}</span>}
    </Link>
  );
}
