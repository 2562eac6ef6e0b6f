import type { Decision } from '../debrief/debrief.js';
import { capitalise, countWord, DAY_MS, latestDecisions, plural, type CalibrationInput } from './calibration-input.js';
import { offRubricReasons, rejectedDespiteMustHaves } from './drift.js';
import type { ReasonMatcher } from './reason-matching.js';

/**
 * The weekly read: two sentences a recruiter can paste into chat, from the last seven days'
 * decisions — what the rejections rested on, and what the candidates moving forward have in
 * common — each with the numbers it was built from.
 */

export interface WeeklyFact {
  label: string;
  value: string;
}

export interface WeeklySentence {
  text: string;
  facts: WeeklyFact[];
}

export interface WeeklyRead {
  from: string;
  to: string;
  sentences: [WeeklySentence, WeeklySentence];
  /** Both sentences, as pasted. */
  text: string;
}

const PAST: Record<Decision, string> = { advance: 'advanced', reject: 'rejected', hold: 'held', offer: 'got an offer' };

export function weeklyRead(input: CalibrationInput, matcher: ReasonMatcher, now: Date): WeeklyRead {
  const from = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const to = now.toISOString();
  const week = input.decisions.filter((d) => d.decidedAt > from && d.decidedAt <= to);
  const name = (id: string) => input.candidates.find((c) => c.id === id)?.name ?? 'a candidate';
  const latest = [...latestDecisions(week).values()];

  let first: WeeklySentence;
  const drift = offRubricReasons(input, matcher, week)[0];
  const despite = rejectedDespiteMustHaves({ ...input, decisions: week });
  if (latest.length === 0) {
    first = { text: 'No debrief decisions were recorded this week.', facts: [{ label: 'Decisions this week', value: '0' }, { label: 'Decisions on this requisition in all', value: String(input.decisions.length) }] };
  } else if (drift) {
    const n = drift.candidateIds.length;
    const main = (Object.entries(drift.decisions) as [Decision, number][]).sort((a, b) => b[1] - a[1])[0]![0];
    first = {
      text: `${n === 1 ? `${name(drift.candidateIds[0]!)} was` : `${capitalise(countWord(n))} candidates were`} ${PAST[main]} this week on “${drift.label}”, which is not in the rubric.`,
      facts: [
        { label: 'Decisions this week', value: String(latest.length) },
        { label: `Candidates decided on “${drift.label}”`, value: drift.candidateIds.map(name).join(', ') },
        { label: 'Reasons as the panel wrote them', value: drift.reasons.map((r) => `“${r.text}” (${r.candidateName}, ${r.decision})`).join('; ') },
      ],
    };
  } else if (despite[0]) {
    first = {
      text: `${despite.length === 1 ? `${despite[0].candidateName} was` : `${capitalise(countWord(despite.length))} candidates were`} rejected this week although every must-have was rated yes.`,
      facts: despite.map((d) => ({ label: d.candidateName, value: d.mustHaves.map((m) => `${m.title}: ${m.ratings.join(', ')}`).join('; ') })),
    };
  } else {
    const counts = tally(latest.map((d) => d.decision));
    first = {
      text: `The panel decided on ${plural(latest.length, 'candidate')} this week (${counts.map(([d, k]) => `${countWord(k)} ${PAST[d]}`).join(', ')}), every reason in the rubric.`,
      facts: latest.map((d) => ({ label: name(d.candidateId), value: `${d.decision}: ${d.reasons.map((r) => r.text).join('; ')}` })),
    };
  }

  const advancing = latest.filter((d) => d.decision === 'advance' || d.decision === 'offer');
  let second: WeeklySentence;
  if (advancing.length === 0) {
    const lost = input.losses.filter((l) => l.recordedAt > from && l.recordedAt <= to);
    second = lost.length
      ? { text: `No one advanced this week, and ${plural(lost.length, 'candidate')} ${lost.length === 1 ? 'was' : 'were'} lost (${lost.map((l) => `${name(l.candidateId)} ${l.outcome}: “${l.reason}”`).join('; ')}).`, facts: lost.map((l) => ({ label: name(l.candidateId), value: `${l.outcome} on ${l.recordedAt.slice(0, 10)}: ${l.reason}` })) }
      : { text: 'No one advanced this week.', facts: [{ label: 'Advanced or offered this week', value: '0' }] };
  } else {
    const byCriterion = new Map<string, string[]>();
    for (const d of advancing) {
      for (const id of new Set(d.reasons.map((r) => matcher.match(r).criterionId).filter((x): x is string => x !== null))) byCriterion.set(id, [...(byCriterion.get(id) ?? []), d.candidateId]);
    }
    const [criterionId, ids] = [...byCriterion.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, advancing.map((d) => d.candidateId)];
    const title = input.criteria.find((c) => c.id === criterionId)?.title;
    const sources = ids.map((id) => input.candidates.find((c) => c.id === id)?.source ?? null);
    const on = title ? ` on “${title}”` : '';
    const who = ids.length === 1 ? `${name(ids[0]!)}, advancing${on},` : `${capitalise(countWord(ids.length))} candidates advancing${on}`;
    const same = sources.every((s) => s !== null && s.toLowerCase() === sources[0]!.toLowerCase());
    const tail = same
      ? `${ids.length === 1 ? '' : ids.length === 2 ? 'both ' : 'all '}came from ${sourcePlural(sources[0]!, ids.length)}`
      : sources.every((s) => s === null)
        ? 'have no source recorded'
        : `came from ${[...new Set(sources.map((s) => s ?? 'an unrecorded source'))].join(' and ')}`;
    second = {
      text: `${who} ${tail}.`,
      facts: ids.map((id) => {
        const c = input.candidates.find((x) => x.id === id);
        const d = advancing.find((x) => x.candidateId === id)!;
        return { label: name(id), value: `${d.decision} · source: ${c?.source ?? 'not recorded'} · reasons: ${d.reasons.map((r) => r.text).join('; ')}` };
      }),
    };
  }
  return { from, to, sentences: [first, second], text: `${first.text} ${second.text}` };
}

function tally(decisions: readonly Decision[]): [Decision, number][] {
  const counts = new Map<Decision, number>();
  for (const d of decisions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** "referrals" for two candidates from "Referral"; other sources are names ("LinkedIn") and stay as they are. */
function sourcePlural(source: string, n: number): string {
  if (/^referral$/i.test(source)) return n === 1 ? 'a referral' : 'referrals';
  return source;
}
