import type { WordVectors } from '../mapping/word-vectors.js';
import { DAY_MS, type CalibrationInput, type CandidateLoss } from './calibration-input.js';
import { decisionsByWeek, decisionsByWeekChart, interviewerCalibrationChart, ratingDistributionChart, type Chart, type WeekBucket } from './calibration-charts.js';
import { criteriaWithoutEvidence, nonDiscriminatingCriteria, type NonDiscriminatingCriterion, type UnevidencedCriterion } from './criterion-findings.js';
import { offRubricReasons, rejectedDespiteMustHaves, type DriftGroup, type MustHaveRejection } from './drift.js';
import { interviewerCalibration, type InterviewerCalibration } from './interviewer-calibration.js';
import { ReasonMatcher } from './reason-matching.js';
import { timeInStage, type TimeInStage } from './time-in-stage.js';
import { weeklyRead, type WeeklyRead } from './weekly-read.js';

/** Calibration across one requisition: every finding, the weekly read, the charts, and what is not there yet. */

export interface LostCandidate extends CandidateLoss {
  candidateName: string;
}

export interface CalibrationReport {
  requisition: { id: string; title: string };
  rubric: CalibrationInput['rubric'];
  generatedAt: string;
  counts: { candidates: number; scorecards: number; interviewers: number; decisions: number };
  drift: DriftGroup[];
  rejectedDespiteMustHaves: MustHaveRejection[];
  nonDiscriminating: NonDiscriminatingCriterion[];
  withoutEvidence: UnevidencedCriterion[];
  interviewers: InterviewerCalibration[];
  timeInStage: TimeInStage;
  weeklyRead: WeeklyRead;
  weeks: WeekBucket[];
  lostLast30Days: LostCandidate[];
  /** Candidates with no interview yet: nothing to calibrate on them, listed so they are not missed. */
  notInterviewed: { id: string; name: string }[];
  charts: Chart[];
  /** Why a part is empty, in the user's words ("No decisions yet…"), keyed by part. */
  emptyStates: Partial<Record<'rubric' | 'decisions' | 'scorecards' | 'panel' | 'candidates' | 'losses', string>>;
}

export const LOSS_WINDOW_DAYS = 30;

export function buildCalibration(input: CalibrationInput, opts: { now: Date; words: WordVectors | null }): CalibrationReport {
  const matcher = new ReasonMatcher(input.criteria, opts.words);
  const drift = offRubricReasons(input, matcher);
  const interviewers = interviewerCalibration(input);
  const weeks = decisionsByWeek(input, drift);
  const scorecards = new Set(input.ratings.map((r) => r.scorecardId)).size;
  const since = new Date(opts.now.getTime() - LOSS_WINDOW_DAYS * DAY_MS).toISOString();
  const lostLast30Days = input.losses
    .filter((l) => l.recordedAt >= since)
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))
    .map((l) => ({ ...l, candidateName: input.candidates.find((c) => c.id === l.candidateId)?.name ?? 'A candidate' }));
  const emptyStates: CalibrationReport['emptyStates'] = {};
  if (!input.rubric) emptyStates.rubric = 'No rubric is signed for this requisition yet: reasons can only be checked against a signed rubric, so every reason counts as off-rubric until one is.';
  if (input.candidates.length === 0) emptyStates.candidates = 'No candidates are filed under this requisition yet.';
  if (input.decisions.length === 0) emptyStates.decisions = 'No debrief decisions yet: drift and the weekly read start with the first decision.';
  if (scorecards === 0) emptyStates.scorecards = 'No submitted scorecards yet: rating charts and interviewer calibration start with the first one.';
  else if (interviewers.length === 1) emptyStates.panel = `Only ${interviewers[0]!.interviewer} has scored candidates here: calibration needs a second interviewer on the same candidates.`;
  if (lostLast30Days.length === 0) emptyStates.losses = `No candidate withdrew or declined in the last ${LOSS_WINDOW_DAYS} days.`;
  const charts = [ratingDistributionChart(input), decisionsByWeekChart(weeks), interviewers.length > 1 ? interviewerCalibrationChart(interviewers) : null].filter((c): c is Chart => c !== null);
  return {
    requisition: input.requisition,
    rubric: input.rubric,
    generatedAt: opts.now.toISOString(),
    counts: { candidates: input.candidates.length, scorecards, interviewers: interviewers.length, decisions: input.decisions.length },
    drift,
    rejectedDespiteMustHaves: rejectedDespiteMustHaves(input),
    nonDiscriminating: nonDiscriminatingCriteria(input),
    withoutEvidence: criteriaWithoutEvidence(input),
    interviewers,
    timeInStage: timeInStage(input.candidates, input.stageChanges, opts.now),
    weeklyRead: weeklyRead(input, matcher, opts.now),
    weeks,
    lostLast30Days,
    notInterviewed: input.candidates.filter((c) => c.sessionCount === 0).map((c) => ({ id: c.id, name: c.name })),
    charts,
    emptyStates,
  };
}
