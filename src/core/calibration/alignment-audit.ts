import { plural } from './calibration-input.js';

/**
 * The alignment audit over a set of requisitions (a role family, or all): the share with a signed
 * rubric of three must-haves, two trade-offs and one deal-breaker; the share of debrief reasons
 * linked to captured evidence rather than memory; the two-question pulse answered apart by
 * recruiter and hiring manager, and how often they disagree. Then the one lever the numbers point at.
 */

export const PULSE_QUESTIONS = {
  counterpartUnderstood: 'Did your counterpart understand what good looked like on this hire?',
  interviewsTestedRubric: 'Did the interviews test what the rubric said mattered?',
} as const;
export type PulseQuestion = keyof typeof PULSE_QUESTIONS;

export interface PulseAnswer {
  respondent: string;
  counterpartUnderstood: boolean;
  interviewsTestedRubric: boolean;
  answeredAt: string;
}

export interface AuditRequisition {
  id: string;
  title: string;
  role: string | null;
  /** The latest signed version's shape; null when no version is signed. */
  signedRubric: { mustHaves: number; tradeOffs: number; dealBreakers: number } | null;
  reasons: { linked: number; total: number };
  pulse: { recruiter: PulseAnswer | null; hiringManager: PulseAnswer | null };
}

/** Below these the lever points there: every requisition shaped, most reasons on evidence, a quarter of answers apart at most. */
export const TARGETS = { shaped: 1, evidence: 0.6, disagreement: 0.25 } as const;

export type Lever = 'rubric-shape' | 'evidence' | 'pulse' | 'none';

export interface AlignmentAudit {
  requisitions: number;
  shaped: { count: number; share: number; missing: string[] };
  evidence: { linked: number; total: number; share: number | null };
  pulse: { answeredByBoth: number; compared: number; disagreements: number; rate: number | null; awaiting: string[] };
  lever: { kind: Lever; message: string };
}

export const isThreeTwoOne = (r: AuditRequisition['signedRubric']) => r !== null && r.mustHaves === 3 && r.tradeOffs === 2 && r.dealBreakers === 1;

export function alignmentAudit(requisitions: readonly AuditRequisition[]): AlignmentAudit {
  const shaped = requisitions.filter((r) => isThreeTwoOne(r.signedRubric));
  const linked = requisitions.reduce((s, r) => s + r.reasons.linked, 0);
  const total = requisitions.reduce((s, r) => s + r.reasons.total, 0);
  const both = requisitions.filter((r) => r.pulse.recruiter && r.pulse.hiringManager);
  let disagreements = 0;
  for (const r of both) {
    for (const q of Object.keys(PULSE_QUESTIONS) as PulseQuestion[]) if (r.pulse.recruiter![q] !== r.pulse.hiringManager![q]) disagreements++;
  }
  const compared = both.length * Object.keys(PULSE_QUESTIONS).length;
  const audit: Omit<AlignmentAudit, 'lever'> = {
    requisitions: requisitions.length,
    shaped: { count: shaped.length, share: requisitions.length ? shaped.length / requisitions.length : 0, missing: requisitions.filter((r) => !isThreeTwoOne(r.signedRubric)).map((r) => r.title) },
    evidence: { linked, total, share: total ? linked / total : null },
    pulse: { answeredByBoth: both.length, compared, disagreements, rate: compared ? disagreements / compared : null, awaiting: requisitions.filter((r) => !(r.pulse.recruiter && r.pulse.hiringManager)).map((r) => r.title) },
  };
  return { ...audit, lever: leverOf(audit) };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

function leverOf(a: Omit<AlignmentAudit, 'lever'>): AlignmentAudit['lever'] {
  if (a.requisitions === 0) return { kind: 'none', message: 'No requisitions yet: the audit starts with the first signed rubric.' };
  // How far each measure falls short of its target, as a share of the target; upstream first on a tie.
  const gaps: [Lever, number][] = [
    ['rubric-shape', (TARGETS.shaped - a.shaped.share) / TARGETS.shaped],
    ['evidence', a.evidence.share === null ? 0 : Math.max(0, TARGETS.evidence - a.evidence.share) / TARGETS.evidence],
    ['pulse', a.pulse.rate === null ? 0 : Math.max(0, a.pulse.rate - TARGETS.disagreement) / (1 - TARGETS.disagreement)],
  ];
  const [kind, gap] = gaps.reduce((best, g) => (g[1] > best[1] ? g : best));
  if (gap <= 0) return { kind: 'none', message: 'Nothing stands out: rubrics are signed in shape, most reasons rest on evidence, and recruiter and hiring manager agree.' };
  if (kind === 'rubric-shape') {
    const missing = a.requisitions - a.shaped.count;
    return { kind, message: `Start with the rubric: ${plural(missing, 'requisition')} of ${a.requisitions} ${missing === 1 ? 'has' : 'have'} no signed rubric of three must-haves, two trade-offs and one deal-breaker (${a.shaped.missing.join(', ')}). Without one, interviewers score against different ideas of good.` };
  }
  if (kind === 'evidence') {
    return { kind, message: `Ask for the moment behind each reason: only ${pct(a.evidence.share!)} of debrief reasons (${a.evidence.linked} of ${a.evidence.total}) are linked to captured evidence; the rest is memory.` };
  }
  return { kind, message: `Recalibrate recruiter and hiring manager: they answered the pulse differently ${pct(a.pulse.rate!)} of the time (${a.pulse.disagreements} of ${a.pulse.compared} answers) — agree again on what good looks like before the next round.` };
}
