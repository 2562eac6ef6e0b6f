/**
 * Words that, in an interviewer's question, stand for the same thing ("client" and "customer",
 * "quota" and "target", "ship" and "launch"). The word vectors know many such pairs but put them
 * below unrelated pairs as often as above, so the ones interview questions lean on are listed here.
 * Chosen on the errors of question-groups-development.json; a word belongs to one concept only.
 */
const CONCEPTS: readonly string[] = [
  'prioritise prioritize prioritising prioritizing prioritisation prioritization priority priorities urgent competing focus',
  'plan planning roadmap backlog sprint',
  'job role position',
  'leave leaving quit quitting',
  'salary compensation pay paid base package',
  'manager boss supervisor management',
  'managed managing',
  'conflict disagreement disagree disagreed argument tension',
  'coworker colleague peer teammate coworkers colleagues peers teammates',
  'customer client buyer customers clients buyers',
  'difficult tough challenging',
  'angry upset frustrated furious',
  'mistake error failure fail failed wrong mistakes errors failures',
  'target quota targets',
  'launch launched ship shipped release released deliver delivered',
  'product feature products features',
  'metric metrics measure kpi kpis successful success',
  'learn learning skills',
  'career future aspirations',
  'attracted attract apply applied interested interest drew appeal appealing excited',
  'price pricing expensive cost costs discount',
  'engaged engagement engage bored motivated',
  'student students class pupils',
  'source sourcing applicants applying talent',
  'fast faster slow slower load loading speed performance latency',
  'accessible accessibility disability disabilities',
  'stakeholder stakeholders executive executives leadership',
  'convince convinced persuade persuaded influence skeptical',
  'sick absent absence',
  'deals opportunities',
  'grade grades score scores marks',
  'employee employees reports staff',
  'pushback objection objections insist insists insisted',
];

const conceptOfWord = new Map<string, number>();
for (const [i, line] of CONCEPTS.entries()) for (const w of line.split(/\s+/)) conceptOfWord.set(w, i);

/** The concept a question word stands for, or null when it has none listed. */
export function conceptOf(word: string): number | null {
  return conceptOfWord.get(word) ?? null;
}

// Spoken phrases that mean one of the concepts above, rewritten to it before the words are read.
const PHRASES: readonly [RegExp, string][] = [
  [/\bcall(?:s|ed|ing)? (?:in sick|out)\b/gi, 'absent'],
  [/\bscreen readers?\b/gi, 'accessibility'],
  [/\bup to date\b/gi, 'learning'],
  [/\b(?:in )?(?:five|ten|5|10) years\b|\blong[- ]term\b|\bsee yourself\b/gi, 'future'],
  [/\bchange (?:someone's|somebody's|their|his|her|people's) minds?\b/gi, 'convince'],
  // Looking for a new job is leaving the old one ("what's making you look for a new role?").
  [/\blook(?:ing)? (?:for|around for|at) (?:a |another )?new (?:role|job|position|opportunity)\b|\bmov(?:e|ing) on\b/gi, 'leave'],
  [/\bsay no\b|\bpush(?:ed|ing)? back\b/gi, 'pushback'],
];

/** The question with its spoken phrases rewritten to the concept words they stand for. */
export function withConceptWords(text: string): string {
  return PHRASES.reduce((t, [phrase, word]) => t.replace(phrase, word), text);
}
