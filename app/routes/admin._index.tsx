// Administration: what a platform administrator (user role admin) can look after.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "#app/components/i18n.tsx";
import { requireAdmin } from "#app/lib/session.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("nav.admin");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function Admin() {
  const t = useT();
  return (
    <section className="admin">
      <h1>{t("nav.admin")}</h1>
      <ul>
        <li>
          <Link to="/admin/programmes">{t("admin.programmes.title")}</Link>
        </li>
        <li>
          <Link to="/admin/organizations">{t("admin.organizations.title")}</Link>
        </li>
        <li>
          <Link to="/admin/queues">{t("admin.queues.title")}</Link>
        </li>
        <li>
          <Link to="/admin/reports">{t("admin.reports.link")}</Link>
        </li>
        <li>
          <Link to="/admin/funnel">{t("admin.funnel.link")}</Link>
        </li>
      </ul>
    </section>
  );
}
