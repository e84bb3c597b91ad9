// An organization's past projects and the organizations it worked with in them, on its
// page. Each part is left out when there is nothing to show.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import type { Collaborator, ProjectOf } from "#app/models/project.server.ts";
import { useT } from "#app/components/i18n.tsx";

export function TrackRecord({ projects, collaborators }: { projects: ProjectOf[]; collaborators: Collaborator[] }) {
  const t = useT();
  return (
    <>
      {projects.length > 0 && (
        <section className="track-record" aria-labelledby="track-record">
          <h2 id="track-record">{t("org.trackRecord")}</h2>
          <p className="hint">{t("org.trackRecordHint")}</p>
          <ul className="projects">
            {projects.map((p) => (
              <li key={p.id}>
                <h3>{p.title}</h3>
                <p className="meta">
                  {[p.year, p.funder, p.programme].filter((v) => v !== null && v !== "").join(" · ")}
                  {p.ledBySelf && <> · {t("org.project.ledBySelf")}</>}
                </p>
                {p.shown.length > 0 && (
                  <p className="partners">
                    {t("org.project.partners")}:{" "}
                    {p.shown.map((o, i) => (
                      <Fragment key={o.id}>
                        {i > 0 && ", "}
                        <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                        {o.lead && ` (${t("org.project.lead")})`}
                      </Fragment>
                    ))}
                    {p.more > 0 && ` ${t("org.project.more", { count: p.more })}`}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {collaborators.length > 0 && (
        <section aria-labelledby="worked-with">
          <h2 id="worked-with">{t("org.workedWith")}</h2>
          <ul className="worked-with">
            {collaborators.map((c) => (
              <li key={c.id}>
                <Link to={`/organizations/${c.id}`}>{c.name}</Link>{" "}
                <span className="meta">
                  {c.projects === 1 ? t("org.workedWith.one") : t("org.workedWith.many", { count: c.projects })}
                  {c.latestYear !== null && `, ${t("org.workedWith.latest", { year: c.latestYear })}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
