// The application package on the consortium page: one download for the funder's form (a
// ZIP of the PDF summary and the CSV of partners), and each file on its own. Plain links to
// resource routes: the browser downloads them, with or without JavaScript.
import { useT } from "#app/components/i18n.tsx";

export function PackageSection({ consortiumId }: { consortiumId: string }) {
  const t = useT();
  const base = `/consortia/${consortiumId}`;
  return (
    <section className="package" aria-labelledby="package-title">
      <h2 id="package-title">{t("package.title")}</h2>
      <p className="hint">{t("package.hint")}</p>
      <ul>
        <li>
          <a href={`${base}/package.zip`} download>
            {t("package.download")}
          </a>
        </li>
        <li>
          <a href={`${base}/package.pdf`} download>
            {t("package.pdf")}
          </a>
        </li>
        <li>
          <a href={`${base}/partners.csv`} download>
            {t("package.csv")}
          </a>
        </li>
      </ul>
    </section>
  );
}
