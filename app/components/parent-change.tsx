// Changes of corporate group waiting for approval: the note its requesters see, and the
// list with Approve and Refuse that the deciding admins see (on the parent's page and on
// the site administrators' page). The forms post to the page they are on.
import { Form, Link } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import type { ParentChangeView } from "#app/models/parent-change.server.ts";

type View = Omit<ParentChangeView, "createdAt"> & { createdAt: string };

function useChange() {
  const t = useT();
  return (r: View) =>
    r.parent
      ? t("group.change.join", { org: r.organization.name, parent: r.parent.name })
      : t("group.change.leave", { org: r.organization.name, parent: r.fromParent?.name ?? "" });
}

export function PendingParentChange({ request }: { request: View }) {
  const t = useT();
  const change = useChange();
  return (
    <p className="notice pending-parent" role="status">
      {t("group.pending", { decider: request.decider ?? t("group.siteAdmins"), change: change(request) })}
    </p>
  );
}

export function ParentChangeList({ requests, title = true }: { requests: View[]; title?: boolean }) {
  const t = useT();
  const change = useChange();
  return (
    <section aria-labelledby="group-requests" className="parent-requests">
      {title && <h2 id="group-requests">{t("group.toDecide")}</h2>}
      <p className="hint">{t("group.toDecideHint")}</p>
      <ul>
        {requests.map((r) => (
          <li key={r.id}>
            <Link to={`/organizations/${r.organization.id}`}>{r.organization.name}</Link>:{" "}
            {t("group.request", { change: change(r), person: r.requestedBy ?? "" })}
            <Form method="post" className="inline">
              <CsrfField />
              <input type="hidden" name="requestId" value={r.id} />
              <button type="submit" name="intent" value="approve-parent">
                {t("group.approve")}
              </button>{" "}
              <button type="submit" name="intent" value="refuse-parent">
                {t("group.refuse")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
