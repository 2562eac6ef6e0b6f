import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { DECISIONS, type Decision } from '../debrief/debrief.js';
import { RATING_LABELS, type RatingChoice } from '../scorecard/scorecard.js';
import { DAY_MS, type CalibrationInput } from './calibration-input.js';
import type { DriftGroup } from './drift.js';
import type { InterviewerCalibration } from './interviewer-calibration.js';

/**
 * The calibration charts, drawn by Apache ECharts' server-side SVG renderer: the same SVG is shown
 * in the app and printed in the PDF (which runs with JavaScript off), so what is read on screen is
 * what is exported. No data, no chart: the caller shows an empty state instead.
 */

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface Chart {
  id: 'rating-distribution' | 'decisions-by-week' | 'interviewer-calibration';
  title: string;
  /** What the chart shows, in words: its accessible name, and the line under it. */
  summary: string;
  svg: string;
}

const WIDTH = 640;
const TEXT = { color: '#1f2328', fontSize: 12, fontFamily: 'system-ui, sans-serif' };
// Colour-blind-safe (Okabe–Ito), dark enough to read on paper.
const RATING_COLOURS: Record<RatingChoice, string> = { strong_no: '#b2182b', no: '#e08214', yes: '#5aae61', strong_yes: '#1b7837', no_evidence: '#9e9e9e' };
const DECISION_COLOURS: Record<Decision, string> = { advance: '#0072b2', offer: '#009e73', hold: '#e69f00', reject: '#d55e00' };

function render(option: echarts.EChartsCoreOption, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: TEXT, ...option });
    const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return chart.renderToSVGString().replace('<svg ', `<svg role="img" aria-label="${escaped}" `);
  } finally {
    chart.dispose();
  }
}

const LEAN_WORDS: Record<InterviewerCalibration['lean'], string> = { lenient: 'lenient', severe: 'severe', 'in-line': 'in line', 'too-few': 'too few to tell' };

const CHOICES: RatingChoice[] = ['strong_no', 'no', 'yes', 'strong_yes', 'no_evidence'];

export function ratingDistributionChart(input: CalibrationInput): Chart | null {
  if (input.ratings.length === 0 || input.criteria.length === 0) return null;
  const criteria = input.criteria.filter((c) => input.ratings.some((r) => r.criterionId === c.id));
  if (criteria.length === 0) return null;
  const count = (id: string, choice: RatingChoice) => input.ratings.filter((r) => r.criterionId === id && r.rating === choice).length;
  const names = criteria.map((c) => (c.title.length > 34 ? `${c.title.slice(0, 33)}…` : c.title)).reverse();
  const height = 90 + criteria.length * 34;
  const summary = `Ratings per criterion across ${new Set(input.ratings.map((r) => r.scorecardId)).size} scorecards.`;
  const svg = render(
    {
      legend: { top: 0, textStyle: TEXT },
      grid: { left: 230, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
      yAxis: { type: 'category', data: names, axisLabel: TEXT },
      series: CHOICES.map((choice) => ({
        name: RATING_LABELS[choice],
        type: 'bar',
        stack: 'ratings',
        itemStyle: { color: RATING_COLOURS[choice] },
        label: { show: true, color: '#fff', fontWeight: 'bold', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        data: criteria.map((c) => count(c.id, choice)).reverse(),
      })),
    },
    height,
    summary,
  );
  return { id: 'rating-distribution', title: 'Rating distribution per criterion', summary, svg };
}

/** Monday of the decision's week (UTC), as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

export interface WeekBucket {
  week: string;
  decisions: Record<Decision, number>;
  offRubric: number;
}

export function decisionsByWeek(input: CalibrationInput, drift: readonly DriftGroup[]): WeekBucket[] {
  const weeks = [...new Set(input.decisions.map((d) => weekOf(d.decidedAt)))].sort();
  return weeks.map((week) => ({
    week,
    decisions: Object.fromEntries(DECISIONS.map((k) => [k, input.decisions.filter((d) => d.decision === k && weekOf(d.decidedAt) === week).length])) as Record<Decision, number>,
    offRubric: drift.flatMap((g) => g.reasons).filter((r) => weekOf(r.decidedAt) === week).length,
  }));
}

export function decisionsByWeekChart(buckets: readonly WeekBucket[]): Chart | null {
  if (buckets.length === 0) return null;
  const total = buckets.reduce((s, b) => s + DECISIONS.reduce((t, k) => t + b.decisions[k], 0), 0);
  const drift = buckets.reduce((s, b) => s + b.offRubric, 0);
  const summary = `${total} decisions over ${buckets.length} ${buckets.length === 1 ? 'week' : 'weeks'}, ${drift} of their reasons not in the rubric.`;
  const svg = render(
    {
      legend: { top: 0, textStyle: TEXT },
      grid: { left: 48, right: 24, top: 40, bottom: 36 },
      xAxis: { type: 'category', data: buckets.map((b) => `w/c ${b.week}`), axisLabel: TEXT },
      yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
      series: [
        ...DECISIONS.map((k) => ({ name: k, type: 'bar', stack: 'decisions', itemStyle: { color: DECISION_COLOURS[k] }, data: buckets.map((b) => b.decisions[k]) })),
        { name: 'reasons not in the rubric', type: 'line', symbolSize: 8, lineStyle: { width: 3, color: '#000' }, itemStyle: { color: '#000' }, label: { show: true, color: '#000' }, data: buckets.map((b) => b.offRubric) },
      ],
    },
    300,
    summary,
  );
  return { id: 'decisions-by-week', title: 'Decisions and drift by week', summary, svg };
}

export function interviewerCalibrationChart(rows: readonly InterviewerCalibration[]): Chart | null {
  if (rows.length === 0) return null;
  const summary = `Mean steps above (+) or below (−) the panel's median rating of the same candidates; in brackets, the shared ratings it rests on; grey: too few to tell.`;
  const svg = render(
    {
      grid: { left: 150, right: 40, top: 16, bottom: 30 },
      xAxis: { type: 'value', min: -3, max: 3, interval: 1, axisLabel: TEXT },
      yAxis: { type: 'category', data: rows.map((r) => r.interviewer).reverse(), axisLabel: TEXT },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: [...rows].reverse().map((r) => ({
            value: r.offset ?? 0,
            itemStyle: { color: r.lean === 'too-few' ? '#bdbdbd' : r.lean === 'lenient' ? '#1b7837' : r.lean === 'severe' ? '#b2182b' : '#0072b2' },
            label: {
              show: true,
              position: (r.offset ?? 0) < 0 ? 'left' : 'right',
              color: '#1f2328',
              formatter: () => `${r.offset === null ? '—' : `${r.offset >= 0 ? '+' : '−'}${Math.abs(r.offset).toFixed(1)}`} ${LEAN_WORDS[r.lean]} (${r.sharedRatings})`,
            },
          })),
        },
      ],
    },
    60 + rows.length * 40,
    summary,
  );
  return { id: 'interviewer-calibration', title: 'Interviewer calibration', summary, svg };
}
