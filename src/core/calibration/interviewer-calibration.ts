import { isRating, ratingStep, type Rating } from '../scorecard/scorecard.js';
import { median } from './time-in-stage.js';
import { plural, type CalibrationInput } from './calibration-input.js';

/**
 * Each interviewer's leniency or severity against the panel on the same candidates: for every
 * rating they gave, how many steps (strong no 0 … strong yes 3) it sits above or below the panel's
 * median rating of that candidate on that criterion. Only shared ratings count, so an interviewer
 * who saw only the strongest candidates is not called lenient for it. The median, not the others'
 * mean: one lenient interviewer would otherwise make everyone else look severe.
 */

/**
 * Below this many shared ratings, "too few to tell". On a 4-point scale one rating sits about a
 * step from the panel's median (sd ≈ 1) even when everyone is calibrated; the standard error of
 * the mean offset is then 1/√n, and only from n = 6 (0.41) can an offset of a whole step stand
 * clear of twice its error. A scorecard rates about six criteria, so this is one shared
 * candidate's full scorecard at the least. Above it, a lean must also exceed twice its own
 * standard error, so a noisy interviewer is not called lenient for one generous day.
 */
export const MIN_SHARED_RATINGS = 6;
/** Half a step on average, every time: enough to turn a "no" into a "yes" on one criterion in two. */
export const LEAN_STEPS = 0.5;

export type Lean = 'lenient' | 'severe' | 'in-line' | 'too-few';

export interface InterviewerCalibration {
  interviewer: string;
  /** Mean steps above (+) or below (−) the panel's median on shared ratings; null with none shared. */
  offset: number | null;
  sharedRatings: number;
  sharedCandidates: number;
  totalRatings: number;
  lean: Lean;
  message: string;
}

export function interviewerCalibration(input: CalibrationInput): InterviewerCalibration[] {
  const rated = input.ratings.filter((r) => isRating(r.rating));
  const interviewers = [...new Set(rated.map((r) => r.interviewer))].sort();
  const byCell = new Map<string, typeof rated>();
  for (const r of rated) {
    const key = `${r.candidateId}\u0000${r.criterionId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), r]);
  }
  return interviewers.map((who) => {
    const own = rated.filter((r) => r.interviewer === who);
    const diffs: number[] = [];
    const candidates = new Set<string>();
    for (const r of own) {
      const panel = byCell.get(`${r.candidateId}\u0000${r.criterionId}`)!;
      if (!panel.some((o) => o.interviewer !== who)) continue;
      diffs.push(ratingStep(r.rating as Rating) - median(panel.map((o) => ratingStep(o.rating as Rating))));
      candidates.add(r.candidateId);
    }
    const n = diffs.length;
    const offset = n === 0 ? null : diffs.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(diffs.reduce((s, d) => s + (d - offset!) ** 2, 0) / (n - 1)) : 0;
    const clear = offset !== null && Math.abs(offset) >= LEAN_STEPS && Math.abs(offset) > (2 * sd) / Math.sqrt(n);
    const lean: Lean = n < MIN_SHARED_RATINGS ? 'too-few' : clear ? (offset! > 0 ? 'lenient' : 'severe') : 'in-line';
    const basis = `${plural(n, 'shared rating')} on ${plural(candidates.size, 'candidate')}`;
    const steps = offset === null ? '' : `${Math.abs(offset).toFixed(1)} ${Math.abs(offset) === 1 ? 'step' : 'steps'}`;
    const message =
      lean === 'too-few'
        ? n === 0
          ? `${who}: no one else on the panel rated the same candidates — too few to tell.`
          : `${who}: ${basis} — too few to tell (it takes ${MIN_SHARED_RATINGS}).`
        : lean === 'in-line'
          ? `${who} rates in line with the panel (${offset! >= 0 ? '+' : '−'}${steps}, ${basis}).`
          : `${who} rates ${steps} ${lean === 'lenient' ? 'above' : 'below'} the panel on the same candidates — ${lean === 'lenient' ? 'lenient' : 'severe'} (${basis}).`;
    return { interviewer: who, offset, sharedRatings: n, sharedCandidates: candidates.size, totalRatings: own.length, lean, message };
  });
}
