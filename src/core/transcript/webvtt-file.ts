/**
 * The WebVTT file parsing algorithm (https://w3c.github.io/webvtt/#file-parsing), step for step,
 * keeping what an interview transcript needs: cue ids, timings, settings and raw cue text, plus the
 * line of every block the spec drops so the import can say what it skipped.
 */

export interface VttCue {
  /** 1-based line of the cue's timing line. */
  line: number;
  id: string;
  start: number;
  end: number;
  settings: VttCueSettings;
  /** The cue payload as written (tags and entities still in it). */
  text: string;
}

/** The settings a cue sets, with the spec's types (absent: the default). */
export interface VttCueSettings {
  vertical?: 'rl' | 'lr';
  line?: number;
  snapToLines?: boolean;
  lineAlign?: 'start' | 'center' | 'end';
  position?: number;
  positionAlign?: 'line-left' | 'center' | 'line-right';
  size?: number;
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  /** The region it is shown in: the last one defined with the id the cue names. */
  region?: VttRegion;
}

export interface VttRegion {
  id: string;
  width: number;
  lines: number;
  regionAnchor: [number, number];
  viewportAnchor: [number, number];
  scroll: '' | 'up';
}

/** A block the spec drops, and why. */
export interface VttDroppedBlock {
  line: number;
  reason: 'bad-timing' | 'no-timing';
}

export interface VttFile {
  cues: VttCue[];
  regions: VttRegion[];
  stylesheets: string[];
  dropped: VttDroppedBlock[];
}

/** The spec's own refusal: the signature is not "WEBVTT" followed by space, tab, newline or the end. */
export class VttSignatureError extends Error {}

const WHITESPACE = /[ \t\n\f\r]/;

/** Parses decoded text; throws VttSignatureError when the spec says the file is not WebVTT. */
export function parseWebVttFile(input: string): VttFile {
  const text = input.replace(/^\uFEFF/, '').replace(/\0/g, '\uFFFD');
  // Lines with their 1-based numbers; CRLF, CR and LF all end a line.
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0]!)) throw new VttSignatureError('missing WEBVTT signature');

  const out: VttFile = { cues: [], regions: [], stylesheets: [], dropped: [] };
  let at = 1; // index into lines of the next unread line
  const end = lines.length;
  let seenCue = false;

  /** The spec's "collect a WebVTT block", over whole lines. */
  const collectBlock = (inHeader: boolean): void => {
    const firstLine = at + 1;
    let lineCount = 0;
    let previous = at;
    let buffer = '';
    let seenArrow = false;
    let cue: VttCue | null = null;
    let badTimingLine = 0;
    let kind: 'style' | 'region' | null = null;
    while (at < end) {
      const line = lines[at]!;
      at++;
      lineCount++;
      if (line.includes('-->')) {
        if (!inHeader && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
          seenArrow = true;
          previous = at;
          cue = parseTimingAndSettings(line, buffer, at, out.regions);
          if (cue) {
            buffer = '';
            seenCue = true;
          } else badTimingLine = at;
        } else {
          at = previous;
          break;
        }
      } else if (line === '') {
        break;
      } else {
        if (!inHeader && lineCount === 2 && !seenCue) {
          if (/^STYLE[ \t\n\f\r]*$/.test(buffer)) {
            kind = 'style';
            buffer = '';
          } else if (/^REGION[ \t\n\f\r]*$/.test(buffer)) {
            kind = 'region';
            buffer = '';
          }
        }
        if (buffer !== '') buffer += '\n';
        buffer += line;
        previous = at;
      }
    }
    if (cue) {
      cue.text = buffer;
      out.cues.push(cue);
    } else if (kind === 'style') out.stylesheets.push(buffer);
    else if (kind === 'region') out.regions.push(parseRegion(buffer));
    else if (inHeader) return;
    else if (badTimingLine && !/^NOTE(?:[ \t\n\f\r]|$)/.test(buffer)) out.dropped.push({ line: badTimingLine, reason: 'bad-timing' });
    // Comments are blocks too: only a block that is not a NOTE counts as dropped text.
    else if (buffer && !/^NOTE(?:[ \t\n\f\r]|$)/.test(buffer)) out.dropped.push({ line: firstLine, reason: 'no-timing' });
  };

  if (at >= end) return out;
  if (lines[at] !== '') collectBlock(true);
  else at++;
  while (at < end && lines[at] === '') at++;
  while (at < end) {
    collectBlock(false);
    while (at < end && lines[at] === '') at++;
  }
  return out;
}

/** "collect WebVTT cue timings and settings"; null when the timings are not valid. */
function parseTimingAndSettings(line: string, id: string, lineNumber: number, regions: VttRegion[]): VttCue | null {
  const reader = { s: line, i: 0 };
  skipWhitespace(reader);
  const start = collectTimestamp(reader);
  if (start === null) return null;
  skipWhitespace(reader);
  if (line.slice(reader.i, reader.i + 3) !== '-->') return null;
  reader.i += 3;
  skipWhitespace(reader);
  const end = collectTimestamp(reader);
  if (end === null) return null;
  return { line: lineNumber, id, start, end, settings: parseCueSettings(line.slice(reader.i), regions), text: '' };
}

function skipWhitespace(reader: { s: string; i: number }): void {
  while (reader.i < reader.s.length && WHITESPACE.test(reader.s[reader.i]!)) reader.i++;
}

function collectDigits(reader: { s: string; i: number }): string {
  const startAt = reader.i;
  while (reader.i < reader.s.length && reader.s[reader.i]! >= '0' && reader.s[reader.i]! <= '9') reader.i++;
  return reader.s.slice(startAt, reader.i);
}

/** "collect a WebVTT timestamp": `[hh…:]mm:ss.ttt`, seconds or null. */
export function collectTimestamp(reader: { s: string; i: number }): number | null {
  let hoursFirst = false;
  const first = collectDigits(reader);
  if (first === '') return null;
  let v1 = Number(first);
  if (first.length !== 2 || v1 > 59) hoursFirst = true;
  if (reader.s[reader.i] !== ':') return null;
  reader.i++;
  const second = collectDigits(reader);
  if (second.length !== 2) return null;
  let v2 = Number(second);
  let v3: number;
  if (hoursFirst || reader.s[reader.i] === ':') {
    if (reader.s[reader.i] !== ':') return null;
    reader.i++;
    const third = collectDigits(reader);
    if (third.length !== 2) return null;
    v3 = Number(third);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (reader.s[reader.i] !== '.') return null;
  reader.i++;
  const fraction = collectDigits(reader);
  if (fraction.length !== 3) return null;
  if (v2 > 59 || v3 > 59) return null;
  return v1 * 3600 + v2 * 60 + v3 + Number(fraction) / 1000;
}

const PERCENTAGE = /^\d+(?:\.\d+)?%$/;
const percentage = (value: string): number | null => {
  if (!PERCENTAGE.test(value)) return null;
  const n = Number(value.slice(0, -1)) + 0;
  return n >= 0 && n <= 100 ? n : null;
};

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** `name:value` pairs split on whitespace; a pair with nothing before or after the colon is skipped. */
function* settingPairs(input: string): Generator<[string, string]> {
  for (const setting of input.split(/[ \t\n\f\r]+/)) {
    const colon = setting.indexOf(':');
    if (colon > 0 && colon < setting.length - 1) yield [setting.slice(0, colon), setting.slice(colon + 1)];
  }
}

/** "parse the WebVTT cue settings": unknown names and invalid values are ignored, as the spec says. */
function parseCueSettings(input: string, regions: VttRegion[]): VttCueSettings {
  const settings: VttCueSettings = {};
  for (const [name, value] of settingPairs(input)) {
    if (name === 'region') {
      const region = [...regions].reverse().find((r) => r.id === value);
      if (region) settings.region = region;
      else delete settings.region;
    } else if (name === 'vertical') {
      const vertical = oneOf(value, ['rl', 'lr'] as const);
      if (vertical) settings.vertical = vertical;
    } else if (name === 'line') {
      const comma = value.indexOf(',');
      const pos = comma >= 0 ? value.slice(0, comma) : value;
      const line = lineNumber(pos);
      if (line === null) continue;
      settings.line = line;
      settings.snapToLines = !pos.endsWith('%');
      const align = comma >= 0 ? oneOf(value.slice(comma + 1), ['start', 'center', 'end'] as const) : undefined;
      if (align) settings.lineAlign = align;
    } else if (name === 'position') {
      const comma = value.indexOf(',');
      const position = percentage(comma >= 0 ? value.slice(0, comma) : value);
      if (position === null) continue;
      settings.position = position;
      const align = comma >= 0 ? oneOf(value.slice(comma + 1), ['line-left', 'center', 'line-right'] as const) : undefined;
      if (align) settings.positionAlign = align;
    } else if (name === 'size') {
      const size = percentage(value);
      if (size !== null) settings.size = size;
    } else if (name === 'align') {
      const align = oneOf(value, ['start', 'center', 'end', 'left', 'right'] as const);
      if (align) settings.align = align;
    }
  }
  return settings;
}

/** A `line:` position: a percentage, or a number of lines (digits, an optional leading "-", one inner "."). */
function lineNumber(pos: string): number | null {
  if (!/\d/.test(pos)) return null;
  if (pos.endsWith('%')) return percentage(pos);
  if (!/^-?\d*(?:\d\.\d+)?$/.test(pos)) return null;
  const n = Number(pos) + 0; // "-0" counts as line 0
  return Number.isFinite(n) ? n : null;
}

/** "collect WebVTT region settings"; later settings win, invalid values keep the default. */
function parseRegion(input: string): VttRegion {
  const region: VttRegion = { id: '', width: 100, lines: 3, regionAnchor: [0, 100], viewportAnchor: [0, 100], scroll: '' };
  const anchor = (value: string): [number, number] | null => {
    const comma = value.indexOf(',');
    if (comma < 0) return null;
    const x = percentage(value.slice(0, comma));
    const y = percentage(value.slice(comma + 1));
    return x === null || y === null ? null : [x, y];
  };
  for (const [name, value] of settingPairs(input)) {
    if (name === 'id') region.id = value;
    else if (name === 'width') region.width = percentage(value) ?? region.width;
    else if (name === 'lines') region.lines = /^\d+$/.test(value) ? Number(value) : region.lines;
    else if (name === 'regionanchor') region.regionAnchor = anchor(value) ?? region.regionAnchor;
    else if (name === 'viewportanchor') region.viewportAnchor = anchor(value) ?? region.viewportAnchor;
    else if (name === 'scroll' && value === 'up') region.scroll = 'up';
  }
  return region;
}
