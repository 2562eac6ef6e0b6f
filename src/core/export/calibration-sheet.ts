import type { CalibrationReport } from '../calibration/calibration-report.js';
import { formatSpokenClock } from '../transcript/timestamps.js';
import type { ExportFile } from './export-formats.js';
import { printPdf } from './print-pdf.js';
import { printDocument } from './readable-scorecard.js';

/**
 * A requisition's calibration for people: the HTML the app shows beside its own controls and that
 * Chromium prints to PDF. The charts are the report's own SVG, inline, so the PDF needs no script.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const list = (items: readonly string[], empty: string) => (items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p class="sheet-empty">${esc(empty)}</p>`);
const days = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} d`;

export function calibrationHtml(r: CalibrationReport): string {
  const empty = r.emptyStates;
  const charts = r.charts.length
    ? r.charts.map((c) => `<figure class="sheet-chart" data-chart="${c.id}"><figcaption><strong>${esc(c.title)}</strong> — ${esc(c.summary)}</figcaption>${c.svg}</figure>`).join('\n')
    : `<p class="sheet-empty">${esc(empty.scorecards ?? empty.decisions ?? 'Nothing to chart yet.')}</p>`;
  const stages = r.timeInStage.medians.length
    ? `<table class="sheet-stages"><thead><tr><th>Stage</th><th>Median time</th><th>Candidates</th><th>Still there</th></tr></thead><tbody>${r.timeInStage.medians
        .map((m) => `<tr><th scope="row">${esc(m.stage)}</th><td>${days(m.medianDays)}</td><td>${m.candidates}</td><td>${m.ongoing}</td></tr>`)
        .join('')}</tbody></table>
<table class="sheet-stages"><thead><tr><th>Candidate</th><th>Now</th><th>Time in each stage</th></tr></thead><tbody>${r.timeInStage.candidates
        .map((c) => `<tr><th scope="row">${esc(c.candidateName)}</th><td>${esc(c.currentStage ?? '—')}</td><td>${c.spans.map((s) => `${esc(s.stage)} ${days(s.days)}${s.to === null ? ' (so far)' : ''}`).join(' → ') || '—'}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="sheet-empty">No stages recorded yet: time in stage starts when candidates are given a stage.</p>';
  const losses = r.lostLast30Days.length
    ? `<ul>${r.lostLast30Days
        .map(
          (l) =>
            `<li><strong>${esc(l.candidateName)}</strong> ${esc(l.outcome)} on ${esc(l.recordedAt.slice(0, 10))}: ${esc(l.reason)}${l.moments.map((m) => `<blockquote><span class="sheet-time">${formatSpokenClock(m.start)}</span> “${esc(m.quote ?? '')}”</blockquote>`).join('')}</li>`,
        )
        .join('')}</ul>`
    : `<p class="sheet-empty">${esc(empty.losses ?? '')}</p>`;
  // Printed pages: a chart or a table row never splits across two pages.
  return `<style>.sheet-chart,.sheet-stages tr{break-inside:avoid}.sheet-calibration h2{break-after:avoid}.sheet-chart svg{max-width:100%;height:auto}</style>
<article class="sheet sheet-calibration"><h1>Calibration: ${esc(r.requisition.title)}</h1>
<p class="sheet-kind">${r.rubric ? `Against rubric v${r.rubric.version}` : 'No signed rubric'} · ${r.counts.candidates} candidates · ${r.counts.scorecards} scorecards · ${r.counts.interviewers} interviewers · ${r.counts.decisions} decisions · ${esc(r.generatedAt.slice(0, 10))}</p>
${empty.rubric ? `<p class="sheet-empty">${esc(empty.rubric)}</p>` : ''}
<section><h2>The week</h2><p class="sheet-weekly">${esc(r.weeklyRead.text)}</p></section>
<section><h2>Drift</h2>${list([...r.drift.map((d) => d.message), ...r.rejectedDespiteMustHaves.map((d) => d.message)], empty.decisions ?? 'Every decision reason is in the rubric.')}</section>
<section><h2>Criteria</h2>${list([...r.nonDiscriminating.map((c) => c.message), ...r.withoutEvidence.map((c) => c.message)], empty.scorecards ?? 'Every criterion tells candidates apart and has evidence behind it.')}</section>
<section><h2>Interviewers</h2>${list(r.interviewers.map((i) => i.message), empty.scorecards ?? '')}${empty.panel ? `<p class="sheet-empty">${esc(empty.panel)}</p>` : ''}</section>
<section><h2>Charts</h2>${charts}</section>
<section><h2>Time in stage</h2>${stages}</section>
<section><h2>Lost in the last 30 days</h2>${losses}</section>
</article>`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'requisition';

export async function exportCalibration(report: CalibrationReport, format: 'pdf' | 'html'): Promise<ExportFile> {
  const base = `calibration-${slug(report.requisition.title)}`;
  const page = printDocument(`Calibration: ${report.requisition.title}`, calibrationHtml(report));
  if (format === 'html') return { fileName: `${base}.html`, mediaType: 'text/html', content: Buffer.from(page) };
  return { fileName: `${base}.pdf`, mediaType: 'application/pdf', content: await printPdf(page) };
}
