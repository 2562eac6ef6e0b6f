import fs from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../core/errors.js';
import { candidateExportMarkdown, type CandidateExport, type ExportedSession } from '../../core/privacy/candidate-export.js';
import { pcm16WavHeader, WAV_HEADER_BYTES } from '../../core/capture/wav-header.js';
import { ENCRYPTED_AUDIO_EXTENSION, indexEncryptedAudio, readPcmRange } from '../../core/privacy/encrypted-audio.js';
import { TarWriter } from '../../core/privacy/tar-writer.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { listAudit, recordAudit } from '../repositories/audit-repository.js';

/**
 * A subject-access export: everything stored about one candidate (sessions with consent records,
 * transcripts, moments, scorecards, the audit trail, audio files) as one tar archive holding
 * manifest.json, a readable candidate.md and audio/. The export itself goes into the audit trail.
 */
export async function exportCandidate(
  db: Database,
  candidateId: string,
  options: { out: string; actor: string; /** Reads recordings encrypted at rest; they go into the archive as plain WAV. */ encryptionKey?: Buffer },
): Promise<CandidateExport> {
  const candidate = await db.selectFrom('candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) throw new UserFacingError(`No candidate with id "${candidateId}".`, 'candidate-not-found');
  if (fs.existsSync(options.out)) throw new UserFacingError(`${options.out} already exists; choose a new file for the export.`, 'export-exists');

  const sessionRows = await db.selectFrom('sessions').selectAll().where('candidate_id', '=', candidateId).orderBy('created_at').execute();
  const sessions: ExportedSession[] = [];
  const audio: { archivePath: string; source: string; sessionId: string; trackId: string }[] = [];
  const missingAudio: CandidateExport['missingAudio'] = [];
  for (const s of sessionRows) {
    const segments = await db.selectFrom('transcript_segments').select(['start_sec', 'end_sec', 'speaker', 'text']).where('session_id', '=', s.id).orderBy('start_sec').execute();
    const moments = await db.selectFrom('moments').selectAll().where('session_id', '=', s.id).orderBy('start_sec').execute();
    const cards = await db.selectFrom('scorecards').selectAll().where('session_id', '=', s.id).orderBy('created_at').execute();
    const scorecards: ExportedSession['scorecards'] = [];
    for (const card of cards) {
      const ratings = await db
        .selectFrom('scorecard_ratings')
        .innerJoin('criteria', 'criteria.id', 'scorecard_ratings.criterion_id')
        .select(['criteria.title', 'scorecard_ratings.rating', 'scorecard_ratings.notes'])
        .where('scorecard_id', '=', card.id)
        .orderBy('criteria.position')
        .execute();
      scorecards.push({
        interviewer: card.interviewer,
        recommendation: card.overall_recommendation,
        submittedAt: card.submitted_at,
        ratings: ratings.map((r) => ({ criterion: r.title, rating: r.rating, notes: r.notes })),
      });
    }
    for (const t of await db.selectFrom('tracks').select(['id', 'path']).where('session_id', '=', s.id).orderBy('position').execute()) {
      if (!t.path) missingAudio.push({ sessionId: s.id, trackId: t.id, reason: s.audio_deleted_at ? `deleted on ${s.audio_deleted_at} under the retention policy` : 'no audio file' });
      else if (!fs.existsSync(t.path)) missingAudio.push({ sessionId: s.id, trackId: t.id, reason: 'the file is no longer on disk' });
      else audio.push({ archivePath: `audio/${s.id}/${t.id}${t.path.endsWith(ENCRYPTED_AUDIO_EXTENSION) ? '.wav' : path.extname(t.path) || '.audio'}`, source: t.path, sessionId: s.id, trackId: t.id });
    }
    sessions.push({
      id: s.id,
      title: s.title,
      kind: s.kind,
      stage: s.stage,
      startedAt: s.started_at,
      durationSec: s.duration_sec,
      interviewer: s.interviewer,
      consent: { text: s.consent_text, acknowledgedAt: s.consent_acknowledged_at },
      audioDeletedAt: s.audio_deleted_at,
      transcriptDeletedAt: s.transcript_deleted_at,
      segments: segments.map((g) => ({ start: g.start_sec, end: g.end_sec, speaker: g.speaker, text: g.text })),
      moments: moments.map((m) => ({ start: m.start_sec, end: m.end_sec, status: m.status, note: m.note, quote: m.quote, author: m.author })),
      scorecards,
    });
  }

  const exported: CandidateExport = {
    format: 'debrief-candidate-export',
    version: 1,
    exportedAt: nowIso(),
    exportedBy: options.actor,
    candidate: { id: candidate.id, name: candidate.name, email: candidate.email, createdAt: candidate.created_at },
    sessions,
    audit: (await listAudit(db, { candidateId })).map(({ at, actor, action, subjectKind, subjectId }) => ({ at, actor, action, subjectKind, subjectId })),
    files: [],
    missingAudio,
  };
  const tar = await TarWriter.create(options.out);
  try {
    for (const a of audio) {
      const bytes = a.source.endsWith(ENCRYPTED_AUDIO_EXTENSION)
        ? await addDecrypted(tar, a.archivePath, a.source, options.encryptionKey, (reason) => missingAudio.push({ sessionId: a.sessionId, trackId: a.trackId, reason }))
        : await tar.addFile(a.archivePath, a.source);
      exported.files.push({ archivePath: a.archivePath, sessionId: a.sessionId, trackId: a.trackId, bytes });
    }
    await tar.addBuffer('manifest.json', `${JSON.stringify(exported, null, 2)}\n`);
    await tar.addBuffer('candidate.md', candidateExportMarkdown(exported));
    await tar.close();
  } catch (error) {
    await tar.close().catch(() => undefined);
    fs.rmSync(options.out, { force: true });
    throw error;
  }
  await recordAudit(db, {
    actor: options.actor,
    action: 'exported',
    subjectKind: 'candidate',
    subjectId: candidateId,
    candidateId,
    details: { sessions: sessions.length, audioFiles: exported.files.length },
  });
  return exported;
}

/** A recording encrypted at rest goes into the export as the WAV it holds: the export is for reading. */
async function addDecrypted(tar: TarWriter, name: string, source: string, key: Buffer | undefined, onDamaged: (reason: string) => void): Promise<number> {
  if (!key) throw new UserFacingError(`${source} is encrypted at rest and the store key was not given; unlock the store to export it.`, 'audio-encrypted');
  const index = await indexEncryptedAudio(source, key);
  // The rest of a damaged recording is still theirs to have: exported, with the damage said in the manifest.
  if (index.damaged.length > 0) {
    onDamaged(`damaged: ${index.damaged.map((d) => `${d.startSec.toFixed(1)}–${d.endSec.toFixed(1)} s`).join(', ')} failed authentication and is silence in the export`);
  }
  async function* pieces() {
    yield pcm16WavHeader(index, index.pcmBytes);
    for (let at = 0; at < index.pcmBytes; at += PIECE_BYTES) yield await readPcmRange(index, at, Math.min(index.pcmBytes, at + PIECE_BYTES));
  }
  return tar.addPieces(name, WAV_HEADER_BYTES + index.pcmBytes, pieces());
}

const PIECE_BYTES = 1 << 20;
