import { describe, expect, it } from 'vitest';
import type { RatingChoice } from '../scorecard/scorecard.js';
import { addScorecard, CRITERIA, emptyInput } from './calibration-test-fixture.js';
import { interviewerCalibration, MIN_SHARED_RATINGS } from './interviewer-calibration.js';

const same = (rating: RatingChoice) => Object.fromEntries(CRITERIA.map((c) => [c.id, rating]));
const varied = (ratings: RatingChoice[]) => Object.fromEntries(CRITERIA.map((c, i) => [c.id, ratings[i % ratings.length]!]));

describe('interviewer leniency and severity against the panel', () => {
  it('calls an interviewer who rates the same candidates a step higher lenient, on the shared ratings it rests on', () => {
    const input = emptyInput();
    for (const id of ['a', 'b', 'c']) {
      addScorecard(input, id, 'Lee', varied(['no', 'yes', 'no']));
      addScorecard(input, id, 'Sam', varied(['no', 'yes', 'no']));
      addScorecard(input, id, 'Dana', varied(['yes', 'strong_yes', 'yes']));
    }
    const byName = Object.fromEntries(interviewerCalibration(input).map((r) => [r.interviewer, r]));
    expect(byName.Dana!.lean).toBe('lenient');
    expect(byName.Dana!.offset).toBeCloseTo(1);
    expect(byName.Dana!.sharedRatings).toBe(18);
    expect(byName.Dana!.message).toBe('Dana rates 1.0 step above the panel on the same candidates — lenient (18 shared ratings on 3 candidates).');
    expect(byName.Lee!.lean).toBe('in-line');
    expect(byName.Sam!.lean).toBe('in-line');
  });

  it('calls a harsher one severe', () => {
    const input = emptyInput();
    for (const id of ['a', 'b']) {
      addScorecard(input, id, 'Lee', same('yes'));
      addScorecard(input, id, 'Sam', same('yes'));
      addScorecard(input, id, 'Dana', same('strong_no'));
    }
    const dana = interviewerCalibration(input).find((r) => r.interviewer === 'Dana')!;
    expect(dana.lean).toBe('severe');
    expect(dana.offset).toBeCloseTo(-2);
  });

  it(`says "too few to tell" below ${MIN_SHARED_RATINGS} shared ratings however far apart`, () => {
    const input = emptyInput();
    addScorecard(input, 'a', 'Lee', { discovery: 'strong_no', closing: 'no' });
    addScorecard(input, 'a', 'Dana', { discovery: 'strong_yes', closing: 'strong_yes', crm: 'yes' });
    addScorecard(input, 'b', 'Dana', same('strong_yes'));
    const dana = interviewerCalibration(input).find((r) => r.interviewer === 'Dana')!;
    expect(dana.lean).toBe('too-few');
    expect(dana.sharedRatings).toBe(2);
    expect(dana.message).toBe(`Dana: 2 shared ratings on 1 candidate — too few to tell (it takes ${MIN_SHARED_RATINGS}).`);
  });

  it('with one interviewer only, says no one else rated the same candidates', () => {
    const input = emptyInput();
    addScorecard(input, 'a', 'Dana', same('yes'));
    expect(interviewerCalibration(input)).toEqual([
      expect.objectContaining({ interviewer: 'Dana', offset: null, lean: 'too-few', message: 'Dana: no one else on the panel rated the same candidates — too few to tell.' }),
    ]);
  });

  it('ignores "no evidence", and returns nothing without scorecards', () => {
    expect(interviewerCalibration(emptyInput())).toEqual([]);
    const input = emptyInput();
    addScorecard(input, 'a', 'Dana', same('no_evidence'));
    expect(interviewerCalibration(input)).toEqual([]);
  });
});
