import { DAY_MS, type CalibrationCandidate, type StageChange } from './calibration-input.js';

/**
 * How long each candidate spent in each stage, from the recorded stage changes, and the median per
 * stage. A stage the candidate is still in counts up to now (it is at least that long), so a stuck
 * candidate pulls the median up instead of vanishing from it.
 */

export interface StageSpan {
  stage: string;
  from: string;
  /** Null while the candidate is still in it. */
  to: string | null;
  days: number;
}

export interface CandidateStageTime {
  candidateId: string;
  candidateName: string;
  currentStage: string | null;
  spans: StageSpan[];
}

export interface StageMedian {
  stage: string;
  medianDays: number;
  candidates: number;
  /** Of those, still in the stage. */
  ongoing: number;
}

export interface TimeInStage {
  candidates: CandidateStageTime[];
  medians: StageMedian[];
}

export function timeInStage(candidates: readonly CalibrationCandidate[], changes: readonly StageChange[], now: Date): TimeInStage {
  const days = (from: string, to: string | null) => Math.max(0, ((to ? Date.parse(to) : now.getTime()) - Date.parse(from)) / DAY_MS);
  const rows = candidates.map((c) => {
    const own = changes.filter((x) => x.candidateId === c.id).sort((a, b) => a.at.localeCompare(b.at));
    const spans: StageSpan[] = [];
    // Before the first recorded change the candidate was in its `fromStage` since they were added.
    let stage = own[0] ? own[0].fromStage : c.stage;
    let since = c.createdAt;
    for (const change of own) {
      if (stage) spans.push({ stage, from: since, to: change.at, days: days(since, change.at) });
      stage = change.toStage;
      since = change.at;
    }
    if (stage) spans.push({ stage, from: since, to: null, days: days(since, null) });
    return { candidateId: c.id, candidateName: c.name, currentStage: c.stage, spans };
  });
  const order: string[] = [];
  for (const span of rows.flatMap((r) => r.spans).sort((a, b) => a.from.localeCompare(b.from))) if (!order.includes(span.stage)) order.push(span.stage);
  const medians = order.map((stage) => {
    // A candidate back in a stage twice spent the sum of both stays in it.
    const per = rows
      .map((r) => r.spans.filter((s) => s.stage === stage))
      .filter((s) => s.length > 0)
      .map((s) => ({ days: s.reduce((a, b) => a + b.days, 0), ongoing: s.some((x) => x.to === null) }));
    return { stage, medianDays: median(per.map((p) => p.days)), candidates: per.length, ongoing: per.filter((p) => p.ongoing).length };
  });
  return { candidates: rows, medians };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
