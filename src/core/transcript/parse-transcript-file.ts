import fs from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { decodeTranscriptBytes } from './decode-transcript-bytes.js';
import type { ParsedTranscript } from './import-report.js';
import { parseJsonTranscript } from './parse-json-transcript.js';
import { looksLikeMeetTranscript, parseMeetTranscript } from './parse-meet-transcript.js';
import { parseSrt } from './parse-srt.js';
import { parseVtt } from './parse-vtt.js';
import type { Transcript } from './transcript.js';

export type TranscriptFileFormat = 'vtt' | 'srt' | 'json' | 'meet';

// A .txt is taken for Google Meet's saved transcript (Docs → Download → Plain text), the one plain-text export with speakers.
const BY_EXTENSION: Record<string, TranscriptFileFormat> = { '.vtt': 'vtt', '.webvtt': 'vtt', '.srt': 'srt', '.json': 'json', '.txt': 'meet' };

/**
 * Reads a meeting transcript (.vtt, .srt, Debrief/Teams/Zoom/array JSON, or Google Meet's .txt) into a Transcript. The
 * extension decides; a file without a known one is recognised by its content. Every failure is a
 * UserFacingError naming the file: 'transcript-not-found', 'transcript-unreadable',
 * 'transcript-empty', 'transcript-unsupported', 'transcript-malformed' (with the line or field).
 */
export async function parseTranscriptFile(file: string): Promise<ParsedTranscript<Transcript>> {
  let raw: Buffer;
  try {
    raw = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserFacingError(`Transcript file not found: ${file}`, 'transcript-not-found', { cause: err });
    if (code === 'EISDIR') throw new UserFacingError(`${file} is a folder, not a transcript file`, 'transcript-unreadable', { cause: err });
    throw new UserFacingError(`Cannot read transcript file ${file}: ${(err as Error).message}`, 'transcript-unreadable', { cause: err });
  }
  const { text } = decodeTranscriptBytes(raw);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new UserFacingError(`${file} is empty; there is no transcript to import.`, 'transcript-empty');
  const format = BY_EXTENSION[path.extname(file).toLowerCase()] ?? sniffFormat(text);
  if (!format) {
    throw new UserFacingError(
      `${file}: unknown transcript format${path.extname(file) ? ` "${path.extname(file)}"` : ''}. Supported: .vtt (WebVTT), .srt, .json (Debrief, Teams, Zoom or an array of segments), .txt (a Google Meet transcript downloaded from Docs as plain text).`,
      'transcript-unsupported',
    );
  }
  try {
    return parseTranscriptText(text, format, file);
  } catch (err) {
    // Messages quote the file (a JSON parser's snippet, a bad line): never echo raw control bytes.
    if (err instanceof UserFacingError) throw new UserFacingError(printable(err.message), err.code, { cause: err });
    throw err;
  }
}

export function parseTranscriptText(text: string, format: TranscriptFileFormat, source: string): ParsedTranscript<Transcript> {
  switch (format) {
    case 'vtt':
      return parseVtt(text, source);
    case 'srt':
      return parseSrt(text, source);
    case 'json':
      return { transcript: parseJsonTranscript(text, source), skipped: [] };
    case 'meet':
      return parseMeetTranscript(text, source);
  }
}

/** Control characters as visible escapes (`\x00`), so a message prints as one clean line. */
export const printable = (message: string): string =>
  message.replace(/[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\n]/g, (c) => (c === '\n' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

/** The format the content shows, for files whose name does not say. */
export function sniffFormat(text: string): TranscriptFileFormat | null {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (/^WEBVTT(?:\s|$)/.test(head)) return 'vtt';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^(?:\d+\s*\r?\n\s*)?[\d:.,]+\s*-->\s*[\d:.,]+/.test(head)) return 'srt';
  if (looksLikeMeetTranscript(head)) return 'meet';
  return null;
}
