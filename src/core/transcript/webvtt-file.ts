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

export interface VttCueSettings {
  vertical?: 'rl' | 'lr';
  line?: string;
  position?: string;
  size?: number;
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  region?: string;
}

export interface VttRegion {
  id: string;
  settings: Record<string, string>;
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
  const n = Number(value.slice(0, -1));
  return n >= 0 && n <= 100 ? n : null;
};

/** "parse the WebVTT cue settings": unknown names and invalid values are ignored, as the spec says. */
function parseCueSettings(input: string, regions: VttRegion[]): VttCueSettings {
  const settings: VttCueSettings = {};
  for (const setting of input.split(/[ \t\n\f\r]+/)) {
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) continue;
    const name = setting.slice(0, colon);
    const value = setting.slice(colon + 1);
    if (name === 'region') {
      if (regions.some((r) => r.id === value)) settings.region = value;
    } else if (name === 'vertical') {
      if (value === 'rl' || value === 'lr') settings.vertical = value;
    } else if (name === 'line') {
      if (validLine(value)) settings.line = value;
    } else if (name === 'position') {
      // An unknown alignment after the comma is ignored; the position still counts.
      if (percentage(value.split(',')[0]!) !== null) settings.position = value;
    } else if (name === 'size') {
      const n = percentage(value);
      if (n !== null) settings.size = n;
    } else if (name === 'align') {
      if (value === 'start' || value === 'center' || value === 'end' || value === 'left' || value === 'right') settings.align = value;
    }
  }
  return settings;
}

function validLine(value: string): boolean {
  const comma = value.indexOf(',');
  const pos = comma >= 0 ? value.slice(0, comma) : value;
  if (!/\d/.test(pos)) return false;
  if (pos.endsWith('%')) return percentage(pos) !== null;
  return /^-?\d*(?:\d\.\d+)?$/.test(pos);
}

/** "collect WebVTT region settings": what each region is called, for cues' `region:` setting. */
function parseRegion(input: string): VttRegion {
  const settings: Record<string, string> = {};
  for (const setting of input.split(/[ \t\n\f\r]+/)) {
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) continue;
    settings[setting.slice(0, colon)] = setting.slice(colon + 1);
  }
  return { id: settings.id ?? '', settings };
}
