// The funnel as a horizontal bar chart: one bar per stage for the period shown, with its
// number and its share of the stage before. Drawn by visx as plain SVG on the server, so it
// needs no script, no inline style (the CSP allows none) and reads the same without
// JavaScript; the table below it holds the same figures for screen readers and copying.
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { conversion, STAGES, type StageCounts } from "#app/domain/funnel.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { formatNumber } from "#app/i18n/format.ts";

// Drawn at the size it is read at on a phone (the page scrolls it sideways there rather
// than shrinking its text), and scaled up a little on a wide screen.
const WIDTH = 480;
const ROW = 32;
const LABEL = 150;
const FIGURES = 100;

export function FunnelChart({ totals, titleId }: { totals: StageCounts; titleId: string }) {
  const t = useT();
  const locale = useLocale();
  const shares = conversion(totals);
  const height = STAGES.length * ROW;
  const y = scaleBand({ domain: [...STAGES], range: [0, height], padding: 0.25 });
  const x = scaleLinear({ domain: [0, Math.max(1, ...Object.values(totals))], range: [0, WIDTH - LABEL - FIGURES] });
  return (
    <svg className="funnel-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId}>
      {STAGES.map((stage) => {
        const top = y(stage) ?? 0;
        const mid = top + y.bandwidth() / 2;
        const width = x(totals[stage]);
        const share = shares[stage];
        return (
          <Group key={stage}>
            <text x={LABEL - 8} y={mid} textAnchor="end" dominantBaseline="middle" className="funnel-label">
              {t(`admin.funnel.stage.${stage}` as MessageKey)}
            </text>
            {/* A stage with none still shows where its bar would start. */}
            <Bar x={LABEL} y={top} width={Math.max(width, 1)} height={y.bandwidth()} className="funnel-bar" />
            <text x={LABEL + Math.max(width, 1) + 6} y={mid} dominantBaseline="middle" className="funnel-figure">
              {formatNumber(locale, totals[stage])}
              {share !== null ? ` (${t("admin.funnel.share", { share: formatNumber(locale, share) })})` : ""}
            </text>
          </Group>
        );
      })}
    </svg>
  );
}
