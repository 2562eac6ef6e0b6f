import type { CandidateDebrief } from '../debrief/debrief.js';
import { formatSpokenClock } from '../transcript/timestamps.js';
import { currentVersion, RATING_LABELS, RECOMMENDATION_LABELS, type SubmittedScorecard } from '../scorecard/scorecard.js';

/**
 * Scorecards and debriefs for people: Markdown, and the HTML the app shows and Chromium prints to PDF.
 * Every value is escaped: notes and quotes are whatever was typed or said.
 */

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mdLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const kindLabel = (kind: string, n: number) => `${kind} #${n}`;

export function scorecardMarkdown(card: SubmittedScorecard): string {
  const v = currentVersion(card);
  const out = [
    `# Scorecard: ${card.candidate?.name ?? card.sessionTitle}`,
    '',
    `- Interview: ${card.sessionTitle}${card.stage ? ` (${card.stage})` : ''}`,
    `- Rubric: ${card.requisitionTitle} v${card.rubricVersion}`,
    `- Interviewer: ${card.interviewer}`,
    `- Submitted: ${v.submittedAt} (version ${v.version})`,
    `- Overall recommendation: **${RECOMMENDATION_LABELS[v.recommendation]}**`,
    '',
  ];
  if (v.summary) out.push('## Key take-aways', '', mdLine(v.summary), '');
  for (const r of v.ratings) {
    out.push(`## ${r.criterion.title} — ${RATING_LABELS[r.rating]}`, '', `_${kindLabel(r.criterion.kind, r.criterion.kindNumber)}_${r.criterion.goodLooksLike ? ` · Good looks like: ${mdLine(r.criterion.goodLooksLike)}` : ''}`, '');
    if (r.note) out.push(mdLine(r.note), '');
    for (const e of r.evidence) out.push(`> ${formatSpokenClock(e.start)} — “${mdLine(e.quote ?? '')}”`, '');
  }
  if (card.versions.length > 1) {
    out.push('## History', '');
    for (const h of card.versions) out.push(`- Version ${h.version}, ${h.submittedAt}: ${RECOMMENDATION_LABELS[h.recommendation]}${h.amendmentReason ? ` — amended: ${mdLine(h.amendmentReason)}` : ' — submitted'}`);
    out.push('');
  }
  return out.join('\n');
}

export function scorecardHtml(card: SubmittedScorecard): string {
  const v = currentVersion(card);
  const ratings = v.ratings
    .map(
      (r) => `<section class="sheet-criterion"><h2>${esc(r.criterion.title)} <span class="sheet-rating">${esc(RATING_LABELS[r.rating])}</span></h2>
<p class="sheet-kind">${esc(kindLabel(r.criterion.kind, r.criterion.kindNumber))}${r.criterion.goodLooksLike ? ` · Good looks like: ${esc(r.criterion.goodLooksLike)}` : ''}</p>
${r.note ? `<p class="sheet-note">${esc(r.note)}</p>` : ''}
${r.evidence.map((e) => `<blockquote><span class="sheet-time">${formatSpokenClock(e.start)}</span> “${esc(e.quote ?? '')}”</blockquote>`).join('\n')}</section>`,
    )
    .join('\n');
  const history =
    card.versions.length > 1
      ? `<section class="sheet-history"><h2>History</h2><ol reversed>${card.versions
          .map((h) => `<li>Version ${h.version}, ${esc(h.submittedAt)}: ${esc(RECOMMENDATION_LABELS[h.recommendation])}${h.amendmentReason ? ` — amended: ${esc(h.amendmentReason)}` : ' — submitted'}</li>`)
          .join('')}</ol></section>`
      : '';
  return `<article class="sheet"><h1>Scorecard: ${esc(card.candidate?.name ?? card.sessionTitle)}</h1>
<dl class="sheet-facts"><dt>Interview</dt><dd>${esc(card.sessionTitle)}${card.stage ? ` (${esc(card.stage)})` : ''}</dd><dt>Rubric</dt><dd>${esc(card.requisitionTitle)} v${card.rubricVersion}</dd>
<dt>Interviewer</dt><dd>${esc(card.interviewer)}</dd><dt>Submitted</dt><dd>${esc(v.submittedAt)} (version ${v.version})</dd>
<dt>Overall recommendation</dt><dd class="sheet-recommendation">${esc(RECOMMENDATION_LABELS[v.recommendation])}</dd></dl>
${v.summary ? `<section><h2>Key take-aways</h2><p>${esc(v.summary)}</p></section>` : ''}
${ratings}
${history}</article>`;
}

export function debriefMarkdown(d: CandidateDebrief): string {
  const out = [`# Debrief: ${d.candidate.name}`, ''];
  for (const c of d.criteria) {
    out.push(`## ${c.title} (${c.kind})`, '', c.goodLooksLike ? `Good looks like: ${mdLine(c.goodLooksLike)}` : '', '');
    for (const s of d.scorecards) {
      const r = currentVersion(s).ratings.find((x) => x.criterion.id === c.id);
      if (!r) continue;
      out.push(`- **${s.interviewer}**: ${RATING_LABELS[r.rating]}${r.note ? ` — ${mdLine(r.note)}` : ''}`);
      for (const e of r.evidence) out.push(`  - ${formatSpokenClock(e.start)} “${mdLine(e.quote ?? '')}”`);
    }
    out.push('');
  }
  out.push('## Recommendations', '');
  for (const s of d.scorecards) {
    const v = currentVersion(s);
    out.push(`- **${s.interviewer}**: ${RECOMMENDATION_LABELS[v.recommendation]}${v.summary ? ` — ${mdLine(v.summary)}` : ''}`);
  }
  out.push('', '## Flags', '');
  if (d.flags.length === 0) out.push('None.');
  for (const f of d.flags) out.push(`- ${f.kind}: ${mdLine(f.message)}`);
  out.push('');
  const decision = d.decisions[0];
  if (decision) {
    out.push('## Decision', '', `**${decision.decision}** by ${decision.decidedBy}, ${decision.decidedAt}. ${Math.round(decision.evidenceShare * 100)} % of reasons linked to captured evidence.`, '');
    for (const r of decision.reasons) out.push(`- ${mdLine(r.text)}${r.quote ? ` — “${mdLine(r.quote)}”` : r.criterionId ? ' (criterion only)' : ' (memory)'}`);
    out.push('');
  }
  return out.join('\n');
}

export function debriefHtml(d: CandidateDebrief): string {
  const rows = d.criteria
    .map((c) => {
      const cells = d.scorecards
        .map((s) => {
          const r = currentVersion(s).ratings.find((x) => x.criterion.id === c.id);
          if (!r) return '<td>—</td>';
          return `<td><strong>${esc(RATING_LABELS[r.rating])}</strong>${r.note ? `<p>${esc(r.note)}</p>` : ''}${r.evidence.map((e) => `<blockquote>${formatSpokenClock(e.start)} “${esc(e.quote ?? '')}”</blockquote>`).join('')}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(c.title)}<p class="sheet-kind">${esc(c.kind)}${c.goodLooksLike ? ` · Good looks like: ${esc(c.goodLooksLike)}` : ''}</p></th>${cells}</tr>`;
    })
    .join('\n');
  const decision = d.decisions[0];
  return `<article class="sheet"><h1>Debrief: ${esc(d.candidate.name)}</h1>
<table class="sheet-panel"><thead><tr><th>Criterion</th>${d.scorecards.map((s) => `<th>${esc(s.interviewer)}<br>${esc(RECOMMENDATION_LABELS[currentVersion(s).recommendation])}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<section><h2>Flags</h2>${d.flags.length ? `<ul>${d.flags.map((f) => `<li><strong>${esc(f.kind)}</strong>: ${esc(f.message)}</li>`).join('')}</ul>` : '<p>None.</p>'}</section>
${decision ? `<section><h2>Decision: ${esc(decision.decision)}</h2><p>By ${esc(decision.decidedBy)}, ${esc(decision.decidedAt)}. ${Math.round(decision.evidenceShare * 100)} % of reasons linked to captured evidence.</p><ul>${decision.reasons.map((r) => `<li>${esc(r.text)}${r.quote ? ` — “${esc(r.quote)}”` : ''}</li>`).join('')}</ul></section>` : ''}
</article>`;
}

/** The print stylesheet: what the PDF looks like. The app styles the same classes in its own CSS. */
const PRINT_CSS = `body{font:11pt/1.4 system-ui,sans-serif;margin:0;color:#111}h1{font-size:18pt}h2{font-size:13pt;margin:1em 0 .3em}
.sheet-rating,.sheet-recommendation{font-weight:600}.sheet-kind{color:#555;font-size:9pt;margin:0}blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #999}
.sheet-facts dt{font-weight:600;float:left;width:12em}.sheet-facts dd{margin-left:12em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}`;

/** A whole printable page around a sheet. */
export function printDocument(title: string, sheetHtml: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PRINT_CSS}</style></head><body>${sheetHtml}</body></html>`;
}
