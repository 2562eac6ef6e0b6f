import type { CriterionKind } from './rubric.js';

/**
 * How people say what they require out loud. Each cue maps to the criterion kind it implies; when a
 * clause holds several, the strongest wins: deal-breaker > trade-off > must-have, because a hedge
 * ("ideally they need…") or a disqualifier overrides a plain "need".
 */
interface Cue {
  kind: CriterionKind;
  pattern: RegExp;
}

const CUES: Cue[] = [
  { kind: 'deal-breaker', pattern: /\bdeal[- ]?breakers?\b/ },
  { kind: 'deal-breaker', pattern: /\bwon'?t work if\b|\bwill not work if\b|\bdoesn'?t work if\b/ },
  { kind: 'deal-breaker', pattern: /\bcan'?t have\b|\bcannot have\b/ },
  { kind: 'deal-breaker', pattern: /\bred flags?\b/ },
  { kind: 'deal-breaker', pattern: /\bnon[- ]?starters?\b|\bautomatic (?:no|pass|fail)\b|\b(?:hard|instant) no\b|\bthat'?s a no\b/ },
  { kind: 'deal-breaker', pattern: /\bdisqualif\w*|\bwalk away\b|\bnever hire\b|\bimmediate(?:ly)? (?:no|pass|reject)/ },

  { kind: 'trade-off', pattern: /\bnice[- ]to[- ]haves?\b|\b(?:would|it'?d|that'?d) be nice\b|\bnice if\b/ },
  { kind: 'trade-off', pattern: /\bbonus\b|\b(?:a|big|huge) plus\b|\bis a plus\b/ },
  { kind: 'trade-off', pattern: /\bideal(?:ly)?\b|\bprefer(?:ably|red|ence)?\b|\bpreferred\b/ },
  { kind: 'trade-off', pattern: /\btrade[- ]?offs?\b|\brather have\b|\b(?:would|i'?d) rather\b|\b(?:would|i'?d) take .+ over\b/ },
  { kind: 'trade-off', pattern: /\b(?:would|i'?d) love\b|\bflexible on\b|\bnot a (?:must|requirement|deal[- ]?breaker)\b/ },

  { kind: 'must-have', pattern: /\bmust(?:[- ]haves?)?\b/ },
  { kind: 'must-have', pattern: /\bneeds?\b|\bneeded\b/ },
  { kind: 'must-have', pattern: /\b(?:have|has|had) to\b|\b(?:'ve|have|has) got to\b|\bgotta\b/ },
  { kind: 'must-have', pattern: /\brequired\b|\brequirements?\b|\brequire[sd]?\b|\bmandatory\b|\bessential\b/ },
  { kind: 'must-have', pattern: /\bnon[- ]?negotiable\b|\bnot negotiable\b|\bcan'?t compromise\b|\bat (?:a )?minimum\b/ },
];

/**
 * Phrases that use the words above about the speaker, not the candidate ("I have to say",
 * "if I have to pick"), or that negate them ("they don't have to code", "not a must").
 * They are blanked out before the cues are looked for.
 */
const NOT_REQUIREMENTS: RegExp[] = [
  /\b(?:i|we) (?:just )?(?:have|need|had|got) to (?:say|admit|be honest|jump|run|go|drop|leave|check|ask|figure|get|talk|think)\b/g,
  /\bif (?:i|we|you) (?:have|had|need|needed) to\b/g,
  /\b(?:don'?t|doesn'?t|do not|does not|didn'?t|won'?t) (?:really )?(?:need|have to|require)\b/g,
  /\b(?:don'?t|do not|doesn'?t) (?:even )?(?:think|believe) (?:i|we|you|they) (?:really )?(?:need|have to)\b/g,
  /\bwhat (?:do |does |did )?(?:you|they|we) (?:need|require|want|have to)\b/g,
  /\bno need\b|\bnot (?:a )?(?:must|required|requirement|necessary)\b|\bnot needed\b/g,
];

const KIND_STRENGTH: Record<CriterionKind, number> = { 'deal-breaker': 3, 'trade-off': 2, 'must-have': 1 };

export interface CueHit {
  kind: CriterionKind;
  /** The words that triggered it, as written. */
  text: string;
  start: number;
  end: number;
}

/** Lower-cased text with the non-requirement phrases blanked, same length as the input. */
function maskNonRequirements(text: string): string {
  let lowered = text.toLowerCase().replace(/’/g, "'");
  for (const pattern of NOT_REQUIREMENTS) {
    lowered = lowered.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return lowered;
}

/** Every requirement cue in the text, in order of appearance. */
export function findRequirementCues(text: string): CueHit[] {
  const masked = maskNonRequirements(text);
  const hits: CueHit[] = [];
  for (const cue of CUES) {
    const global = new RegExp(cue.pattern.source, 'g');
    for (const m of masked.matchAll(global)) {
      hits.push({ kind: cue.kind, text: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * The clause with its requirement words (and negated ones) replaced by commas, so what remains
 * is the requirement itself and the commas mark where the cue stood.
 */
export function withoutRequirementWords(text: string): string {
  const masked = maskNonRequirements(text);
  let out = '';
  let last = 0;
  const spans: { start: number; end: number }[] = [...findRequirementCues(text)];
  for (const m of masked.matchAll(/ {2,}/g)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    if (span.start < last) continue;
    out += `${text.slice(last, span.start)}, `;
    last = span.end;
  }
  return out + text.slice(last);
}

/** The kind the strongest cue implies, or null for a clause that states no requirement. */
export function strongestKind(hits: readonly CueHit[]): CriterionKind | null {
  let best: CriterionKind | null = null;
  for (const hit of hits) if (best === null || KIND_STRENGTH[hit.kind] > KIND_STRENGTH[best]) best = hit.kind;
  return best;
}
