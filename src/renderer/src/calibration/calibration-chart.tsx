import type { CalibrationView } from '../../../shared/ipc/calibration-channels.js';

/**
 * One chart, as the image of the SVG the backend drew with ECharts (the same one the PDF prints).
 * An image and not inline markup: the app's CSP forbids the inline styles the SVG carries.
 */
export function CalibrationChart({ chart }: { chart: CalibrationView['charts'][number] }) {
  return (
    <figure className="calibration-chart" data-chart={chart.id}>
      <figcaption>
        <strong>{chart.title}</strong> — {chart.summary}
      </figcaption>
      <img alt={`${chart.title}: ${chart.summary}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`} />
    </figure>
  );
}
