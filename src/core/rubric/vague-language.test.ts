import { describe, expect, it } from 'vitest';
import { checkVagueLanguage, findVaguePhrases, isObservableDefinition } from './vague-language.js';

const base = { id: '6f1c1a52-3c1e-4a53-9a39-1b2f1d1b2c3d', description: '', goodLooksLike: '', badLooksLike: '' };

describe('findVaguePhrases', () => {
  it('matches inflections and spelling variants through stems', () => {
    expect(findVaguePhrases('Strong communication skills and a self starter').map((m) => m.phrase)).toEqual(['strong communicator', 'self starter']);
    expect(findVaguePhrases('Highly driven team-players with passion').map((m) => m.text)).toEqual(['Highly driven', 'team-players', 'passion']);
    expect(findVaguePhrases('A real rockstar, great culture fit').map((m) => m.text)).toEqual(['rockstar', 'culture fit']);
  });

  it('prefers the longer phrase and reports it as written', () => {
    const [match] = findVaguePhrases('Must be a Strategic Thinker');
    expect(match).toMatchObject({ text: 'Strategic Thinker', phrase: 'strategic thinker' });
  });

  it('leaves concrete requirements alone', () => {
    expect(findVaguePhrases('Has run Postgres migrations on billion-row tables')).toEqual([]);
    expect(findVaguePhrases('Data-driven dashboards for analysts')).toEqual([]);
  });
});

describe('checkVagueLanguage', () => {
  it('warns about each vague phrase in title and description, with a prompt for what would show it', () => {
    const warnings = checkVagueLanguage({ ...base, title: 'Strong communicator', description: 'A go-getter with founder mentality' });
    expect(warnings.map((w) => [w.field, w.phrase])).toEqual([
      ['title', 'Strong communicator'],
      ['description', 'go-getter'],
      ['description', 'founder mentality'],
    ]);
    expect(warnings[0]!.prompt).toBe('What would you see or hear in the interview that shows "Strong communicator"?');
    expect(warnings[0]!.message).toContain('no observable definition');
    expect(warnings[0]!.criterionId).toBe(base.id);
  });

  it('is silent once "good looks like" describes something observable', () => {
    const criterion = { ...base, title: 'Strong communicator', goodLooksLike: 'Explains a past outage to a non-engineer in two minutes without jargon' };
    expect(checkVagueLanguage(criterion)).toEqual([]);
  });

  it('still warns when the definition is itself vague', () => {
    const criterion = { ...base, title: 'High drive', goodLooksLike: 'Passionate, hungry self-starter', badLooksLike: 'Not a culture fit' };
    expect(checkVagueLanguage(criterion).map((w) => w.phrase)).toEqual(['High drive']);
    expect(isObservableDefinition('Passionate, hungry self-starter')).toBe(false);
    expect(isObservableDefinition('Names the quota and attainment for each year')).toBe(true);
  });

  it('reports a repeated phrase once', () => {
    expect(checkVagueLanguage({ ...base, title: 'Team player', description: 'A true team player' })).toHaveLength(1);
  });
});
