/**
 * Cue payload clean-up shared by the WebVTT and SRT parsers: voice tags become speakers, other
 * markup goes, entities are decoded, and "Name: text" style speaker prefixes are recognised.
 */

/** What one cue says and who says it, before file-level speaker-style decisions. */
export interface CueText {
  text: string;
  /** From a WebVTT `<v Name>` voice tag: always trusted. */
  voice: string | null;
  /** A name-like prefix seen in the text, and which convention wrote it; only trusted file-wide. */
  prefix: { name: string; style: PrefixStyle; rest: string } | null;
  /** `>>` with no name: a speaker change to someone unnamed (broadcast captions). */
  anonymousTurn: boolean;
}

export type PrefixStyle = 'colon' | 'bracket' | 'chevron';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Captions mark sounds in brackets; these are never speakers. */
const SOUND_LABELS = /^(music|laughter|laughs|laughing|applause|inaudible|crosstalk|silence|noise|background noise|pause|coughs?|sighs?|unintelligible|foreign|no audio|blank_audio|speaking foreign language)$/i;

/** One to four capitalised words (letters, digits, . ' -), e.g. "Priya Raman", "Dr. Okafor", "Speaker 1". */
const NAME = /^(?=.{1,40}$)[\p{Lu}\p{Lt}][\p{L}\p{M}\d.'’-]*(?: [\p{L}\p{M}\d.'’()-]+){0,3}$/u;

export function looksLikeName(candidate: string): boolean {
  return NAME.test(candidate) && !SOUND_LABELS.test(candidate);
}

/**
 * WebVTT escapes every literal "<", so any tag can go. SRT has no escaping: only the tags players
 * honour (b, i, u, font, plus v/c from WebVTT-ish converters) are markup; "<Kafka>" is text.
 */
const TAGS = { vtt: /<[^>]*>/g, srt: /<\/?(?:b|i|u|s|font|v|c)(?:[\s.][^>]*)?>/gi };

/** Cleans the joined lines of one cue and pulls out any speaker markers. */
export function readCueText(lines: string[], markup: 'vtt' | 'srt' = 'vtt'): CueText {
  let voice: string | null = null;
  const raw = lines.join('\n');
  const v = /<v(?:\.[^\s>]*)?\s+([^>]+)>/i.exec(raw);
  if (v) voice = decodeEntities(v[1]!).trim() || null;
  // Tags (<c.x>, <i>, <00:00:01.000>, <font …>), then SRT/ASS override blocks like {\an8}.
  const stripped = raw.replace(TAGS[markup], '').replace(/\{\\[^}]*\}/g, '');
  let text = decodeEntities(stripped)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

  let anonymousTurn = false;
  let prefix: CueText['prefix'] = null;
  const chevron = /^>>\s*(?:([^:]{1,40}):\s*)?/.exec(text);
  if (chevron) {
    const name = chevron[1]?.trim();
    if (name && looksLikeName(name)) prefix = { name, style: 'chevron', rest: text.slice(chevron[0].length) };
    else {
      anonymousTurn = true;
      text = text.slice(2).trim();
    }
  } else {
    const bracket = /^\[([^\]]{1,40})\]:?\s+(?=\S)/.exec(text);
    const colon = /^([^:]{1,40}):\s+(?=\S)/.exec(text);
    if (bracket && looksLikeName(bracket[1]!.trim())) prefix = { name: bracket[1]!.trim(), style: 'bracket', rest: text.slice(bracket[0].length) };
    else if (colon && looksLikeName(colon[1]!.trim())) prefix = { name: colon[1]!.trim(), style: 'colon', rest: text.slice(colon[0].length) };
  }
  return { text, voice, prefix, anonymousTurn };
}

/**
 * Decides, for a whole file, which prefix convention (if any) names speakers, and returns each cue's
 * speaker and final text. `>> Name:` is explicit and always used; `Name:` and `[Name]` count only
 * when at least half the cues carry one, so a lone "Note: …" or "[Laughter] …" stays text. With a
 * prefix convention in force, a cue without a prefix continues the previous speaker (Zoom and
 * broadcast captions only label a turn's first cue).
 */
export function assignSpeakers(cues: CueText[]): { speaker: string | null; text: string }[] {
  const withText = cues.filter((c) => c.text).length || 1;
  const share = (style: PrefixStyle) => cues.filter((c) => c.prefix?.style === style).length / withText;
  const trusted = new Set<PrefixStyle>(['chevron']);
  for (const style of ['colon', 'bracket'] as const) if (share(style) >= 0.5) trusted.add(style);
  const prefixesUsed = cues.some((c) => c.prefix && trusted.has(c.prefix.style));

  let current: string | null = null;
  return cues.map((c) => {
    if (c.voice) return { speaker: c.voice, text: c.prefix?.style === 'colon' && c.prefix.name === c.voice ? c.prefix.rest : c.text };
    if (c.prefix && trusted.has(c.prefix.style)) {
      current = c.prefix.name;
      return { speaker: current, text: c.prefix.rest };
    }
    if (c.anonymousTurn) current = null;
    return { speaker: prefixesUsed ? current : null, text: c.text };
  });
}
