import { candidateBriefMarkdown, prepBriefHtml, prepBriefMarkdown, type PrepBriefInput } from '../brief/brief-documents.js';
import type { CandidateBrief } from '../brief/candidate-brief.js';
import type { CandidateDebrief } from '../debrief/debrief.js';
import type { SubmittedScorecard } from '../scorecard/scorecard.js';
import { toJson, toSrt, toText, toVtt } from '../transcript/format-transcript.js';
import type { Transcript } from '../transcript/transcript.js';
import { toAshbyFeedback, toGreenhouseScorecard, toLeverFeedback } from './ats-scorecards.js';
import { printPdf } from './print-pdf.js';
import { debriefHtml, debriefMarkdown, printDocument, scorecardHtml, scorecardMarkdown } from './readable-scorecard.js';

/** Every export, shared by the app and the CLI: a file name, a media type and the bytes. */

export const SCORECARD_FORMATS = ['greenhouse', 'lever', 'ashby', 'md', 'pdf'] as const;
export type ScorecardFormat = (typeof SCORECARD_FORMATS)[number];
export const DEBRIEF_FORMATS = ['md', 'pdf'] as const;
export type DebriefFormat = (typeof DEBRIEF_FORMATS)[number];
export const TRANSCRIPT_FORMATS = ['vtt', 'srt', 'txt', 'json'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export';
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

export async function exportScorecard(card: SubmittedScorecard, format: ScorecardFormat): Promise<ExportFile> {
  const base = `scorecard-${slug(card.candidate?.name ?? card.sessionTitle)}-${slug(card.interviewer)}`;
  switch (format) {
    case 'greenhouse':
      return { fileName: `${base}.greenhouse.json`, mediaType: 'application/json', content: json(toGreenhouseScorecard(card)) };
    case 'lever':
      return { fileName: `${base}.lever.json`, mediaType: 'application/json', content: json(toLeverFeedback(card)) };
    case 'ashby':
      return { fileName: `${base}.ashby.json`, mediaType: 'application/json', content: json(toAshbyFeedback(card)) };
    case 'md':
      return { fileName: `${base}.md`, mediaType: 'text/markdown', content: Buffer.from(scorecardMarkdown(card)) };
    case 'pdf':
      return { fileName: `${base}.pdf`, mediaType: 'application/pdf', content: await printPdf(printDocument(`Scorecard: ${card.interviewer}`, scorecardHtml(card))) };
  }
}

export async function exportDebrief(debrief: CandidateDebrief, format: DebriefFormat): Promise<ExportFile> {
  const base = `debrief-${slug(debrief.candidate.name)}`;
  if (format === 'md') return { fileName: `${base}.md`, mediaType: 'text/markdown', content: Buffer.from(debriefMarkdown(debrief)) };
  return { fileName: `${base}.pdf`, mediaType: 'application/pdf', content: await printPdf(printDocument(`Debrief: ${debrief.candidate.name}`, debriefHtml(debrief))) };
}

/** The one-page prep brief sent to a candidate before a stage. */
export async function exportPrepBrief(input: PrepBriefInput, format: DebriefFormat): Promise<ExportFile> {
  const base = `prep-${slug(input.stage)}${input.interviewer ? `-${slug(input.interviewer)}` : ''}`;
  if (format === 'md') return { fileName: `${base}.md`, mediaType: 'text/markdown', content: Buffer.from(prepBriefMarkdown(input)) };
  return { fileName: `${base}.pdf`, mediaType: 'application/pdf', content: await printPdf(printDocument(`Preparing for your ${input.stage}`, prepBriefHtml(input))) };
}

/** The candidate brief for the recruiter's notes: each quote with its session and time. */
export function exportCandidateBrief(name: string, brief: CandidateBrief): ExportFile {
  return { fileName: `brief-${slug(name)}.md`, mediaType: 'text/markdown', content: Buffer.from(candidateBriefMarkdown(name, brief)) };
}

export function renderTranscript(t: Transcript, format: TranscriptFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(t))}\n`;
    case 'vtt':
      return toVtt(t);
    case 'srt':
      return toSrt(t);
    case 'txt':
      return toText(t);
  }
}

export function exportTranscript(title: string, t: Transcript, format: TranscriptFormat): ExportFile {
  const mediaType = { json: 'application/json', vtt: 'text/vtt', srt: 'application/x-subrip', txt: 'text/plain' }[format];
  return { fileName: `${slug(title)}.${format}`, mediaType, content: Buffer.from(renderTranscript(t, format)) };
}

/** A stored session as the transcript exporter reads it. */
export function transcriptOf(session: { durationSec: number | null; segments: readonly Transcript['segments'][number][] }): Transcript {
  return {
    durationSec: session.durationSec ?? 0,
    segments: session.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })),
  };
}
