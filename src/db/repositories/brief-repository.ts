import type { BriefSession } from '../../core/brief/brief-input.js';
import { UserFacingError } from '../../core/errors.js';
import { speakersOf, suggestInterviewerSpeakers } from '../../core/mapping/session-mapping-input.js';
import type { Database } from '../open-database.js';
import { getSession } from './sessions-repository.js';

/**
 * Stored interviews as the candidate brief and the prep read them. Who asked the questions is the
 * session's recorded interviewer when they speak in it, else the speakers labelled as interviewers,
 * else whoever opened the call (the mapper's own guess, so both read a transcript the same way).
 */

interface SessionRow {
  id: string;
  stage: string | null;
  interviewer: string | null;
  candidateName: string | null;
}

async function briefSessions(db: Database, rows: readonly SessionRow[]): Promise<BriefSession[]> {
  const sessions: BriefSession[] = [];
  for (const row of rows) {
    const s = await getSession(db, row.id);
    if (!s || s.transcriptDeletedAt) continue;
    const interviewerSpeakers = suggestInterviewerSpeakers(speakersOf(s.segments), row.interviewer);
    sessions.push({
      sessionId: s.id,
      title: s.title,
      stage: row.stage,
      date: s.startedAt ?? s.createdAt,
      candidateName: row.candidateName,
      interviewerSpeakers,
      segments: s.segments.map((g) => ({ id: g.id, start: g.start, end: g.end, speaker: g.speaker, text: g.text, words: g.words })),
    });
  }
  return sessions;
}

/** Every interview of one candidate, oldest first. */
export async function getCandidateBriefSessions(db: Database, candidateId: string): Promise<{ candidate: { id: string; name: string }; sessions: BriefSession[] }> {
  const candidate = await db.selectFrom('candidates').select(['id', 'name']).where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) throw new UserFacingError('That candidate no longer exists (they may have been deleted).', 'candidate-not-found');
  const rows = await db.selectFrom('sessions').select(['id', 'stage', 'interviewer']).where('candidate_id', '=', candidateId).where('kind', '=', 'interview').orderBy('created_at').execute();
  return { candidate, sessions: await briefSessions(db, rows.map((r) => ({ ...r, candidateName: candidate.name }))) };
}

/**
 * Earlier interviews at a stage (names compared without case or surrounding spaces), by one interviewer
 * when given, leaving out the candidate being prepared.
 */
export async function getPrepSessions(db: Database, filter: { stage: string; interviewer?: string | null; excludeCandidateId?: string | null }): Promise<BriefSession[]> {
  const stage = filter.stage.trim().toLowerCase();
  const interviewer = filter.interviewer?.trim().toLowerCase() || null;
  const rows = await db
    .selectFrom('sessions')
    .leftJoin('candidates', 'candidates.id', 'sessions.candidate_id')
    .select(['sessions.id', 'sessions.stage', 'sessions.interviewer', 'sessions.candidate_id', 'candidates.name as candidateName'])
    .where('sessions.kind', '=', 'interview')
    .where('sessions.stage', 'is not', null)
    .orderBy('sessions.created_at')
    .execute();
  const chosen = rows.filter(
    (r) =>
      r.stage!.trim().toLowerCase() === stage &&
      (interviewer === null || r.interviewer?.trim().toLowerCase() === interviewer) &&
      (!filter.excludeCandidateId || r.candidate_id !== filter.excludeCandidateId),
  );
  return briefSessions(db, chosen);
}

/** The stages interviews were filed under, each with its interviewers, for choosing what to prepare for. */
export async function listPrepStages(db: Database): Promise<{ stage: string; interviewers: string[] }[]> {
  const rows = await db.selectFrom('sessions').select(['stage', 'interviewer']).where('kind', '=', 'interview').where('stage', 'is not', null).orderBy('created_at').execute();
  const stages = new Map<string, { stage: string; interviewers: string[] }>();
  for (const r of rows) {
    const name = r.stage!.trim();
    if (name === '') continue;
    const entry = stages.get(name.toLowerCase()) ?? { stage: name, interviewers: [] };
    stages.set(name.toLowerCase(), entry);
    const who = r.interviewer?.trim();
    if (who && !entry.interviewers.some((i) => i.toLowerCase() === who.toLowerCase())) entry.interviewers.push(who);
  }
  return [...stages.values()];
}
