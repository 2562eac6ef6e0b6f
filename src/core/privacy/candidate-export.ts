import { formatClockSeconds } from '../transcript/timestamps.js';

/** What a subject-access export holds about one candidate (manifest.json), and its Markdown. */
export interface CandidateExport {
  format: 'debrief-candidate-export';
  version: 1;
  exportedAt: string;
  exportedBy: string;
  candidate: { id: string; name: string; email: string | null; createdAt: string };
  sessions: ExportedSession[];
  /** Who opened, exported, amended or deleted this candidate's data. */
  audit: { at: string; actor: string; action: string; subjectKind: string; subjectId: string }[];
  /** Audio files in the archive, with where they came from. */
  files: { archivePath: string; sessionId: string; trackId: string; bytes: number }[];
  /** Audio that retention already deleted, or that is missing from disk. */
  missingAudio: { sessionId: string; trackId: string; reason: string }[];
}

export interface ExportedSession {
  id: string;
  title: string;
  kind: string;
  stage: string | null;
  startedAt: string | null;
  durationSec: number | null;
  interviewer: string | null;
  consent: { text: string | null; acknowledgedAt: string | null };
  audioDeletedAt: string | null;
  transcriptDeletedAt: string | null;
  segments: { start: number; end: number; speaker: string | null; text: string }[];
  moments: { start: number; end: number; status: string; note: string | null; quote: string | null; author: string | null }[];
  scorecards: { interviewer: string; recommendation: string | null; submittedAt: string | null; ratings: { criterion: string; rating: number | null; notes: string | null }[] }[];
}

export function candidateExportMarkdown(e: CandidateExport): string {
  const lines = [
    `# Data held about ${e.candidate.name}`,
    '',
    `Exported ${e.exportedAt} by ${e.exportedBy}. Candidate id ${e.candidate.id}${e.candidate.email ? `, email ${e.candidate.email}` : ''}, on record since ${e.candidate.createdAt}.`,
    `${e.sessions.length} session(s), ${e.files.length} audio file(s) in audio/. The same data, complete, is in manifest.json.`,
  ];
  for (const s of e.sessions) {
    lines.push('', `## ${s.title}`, '', `- Kind: ${s.kind}${s.stage ? `, stage ${s.stage}` : ''}`, `- Date: ${s.startedAt ?? 'not recorded'}`);
    if (s.interviewer) lines.push(`- Interviewer: ${s.interviewer}`);
    lines.push(`- Consent: ${s.consent.acknowledgedAt ? `"${s.consent.text ?? ''}" acknowledged ${s.consent.acknowledgedAt}` : 'none recorded'}`);
    if (s.audioDeletedAt) lines.push(`- Audio deleted on ${s.audioDeletedAt} under the retention policy`);
    if (s.transcriptDeletedAt) lines.push(`- Transcript deleted on ${s.transcriptDeletedAt} under the retention policy`);
    if (s.segments.length > 0) {
      lines.push('', '### Transcript', '');
      for (const seg of s.segments) lines.push(`[${formatClockSeconds(seg.start)}] ${seg.speaker ? `${seg.speaker}: ` : ''}${seg.text}`, '');
    }
    if (s.moments.length > 0) {
      lines.push('### Moments', '');
      for (const m of s.moments) lines.push(`- [${formatClockSeconds(m.start)}] ${m.status}${m.note ? `: ${m.note}` : ''}${m.quote ? ` — "${m.quote}"` : ''}`);
    }
    for (const card of s.scorecards) {
      lines.push('', `### Scorecard by ${card.interviewer}${card.submittedAt ? ` (submitted ${card.submittedAt})` : ' (draft)'}`, '');
      if (card.recommendation) lines.push(`Recommendation: ${card.recommendation}`, '');
      for (const r of card.ratings) lines.push(`- ${r.criterion}: ${r.rating ?? 'not rated'}${r.notes ? ` — ${r.notes}` : ''}`);
    }
  }
  if (e.audit.length > 0) {
    lines.push('', '## Who touched this data', '');
    for (const a of e.audit) lines.push(`- ${a.at} ${a.actor} ${a.action} ${a.subjectKind} ${a.subjectId}`);
  }
  return `${lines.join('\n')}\n`;
}
