import type { Generated } from 'kysely';

/**
 * The kysely view of the store, matching the migrations in ./migrations/.
 * Column names are the SQL names (snake_case); repositories map them to camelCase.
 * Conventions: TEXT uuid ids from crypto.randomUUID(), ISO-8601 UTC text timestamps
 * written by the app (no SQL defaults, so SQLite and PostgreSQL agree), JSON kept in
 * TEXT columns only where the list is opaque to queries.
 */

export type RequisitionStatus = 'draft' | 'open' | 'on-hold' | 'filled' | 'closed';
export type CriterionKind = 'must-have' | 'trade-off' | 'deal-breaker';
export type SessionKind = 'intake' | 'interview';
export type SessionStatus = 'recording' | 'complete' | 'recovered' | 'failed';
export type SessionSource = 'recording' | 'audio-file' | 'import';
export type TrackSource = 'mic' | 'system' | 'file';
export type MomentOrigin = 'manual' | 'auto';
export type MomentStatus = 'proposed' | 'accepted' | 'rejected';
export type Recommendation = 'strong-no' | 'no' | 'yes' | 'strong-yes';
export type SyncOp = 'upsert' | 'delete';
/** A criterion's rating on a submitted scorecard (0006): four points, no neutral, or no evidence. */
export type CriterionRating = 'strong_no' | 'no' | 'yes' | 'strong_yes' | 'no_evidence';
/** Greenhouse's overall recommendation values (0006). */
export type OverallRecommendation = 'definitely_not' | 'no' | 'yes' | 'strong_yes' | 'no_decision';
export type DebriefDecision = 'advance' | 'reject' | 'hold' | 'offer';

export interface RequisitionsTable {
  id: string;
  title: string;
  role: string | null;
  hiring_manager: string | null;
  recruiter: string | null;
  status: Generated<RequisitionStatus>;
  created_at: string;
  updated_at: string;
}

export interface RubricsTable {
  id: string;
  requisition_id: string;
  title: string | null;
  created_at: string;
}

export interface RubricVersionsTable {
  id: string;
  rubric_id: string;
  version: number;
  created_at: string;
  signed_off_by: string | null;
  signed_off_at: string | null;
  notes: string | null;
  /** The version this one was edited from (0003). */
  parent_version: number | null;
}

export interface CriteriaTable {
  id: string;
  rubric_version_id: string;
  position: number;
  kind: CriterionKind;
  title: string;
  description: string | null;
  good_looks_like: string | null;
  bad_looks_like: string | null;
  /** JSON array of strings: phrases that hint at this criterion. */
  signals: Generated<string>;
  scale_min: Generated<number>;
  scale_max: Generated<number>;
}

export interface CandidatesTable {
  id: string;
  name: string;
  email: string | null;
  requisition_id: string | null;
  created_at: string;
  updated_at: string;
  /** Where the candidate is in the pipeline ("Phone screen"), free text (0005). */
  stage: string | null;
  /** Where the candidate came from ("Referral"), free text (0005). */
  source: string | null;
}

export interface SessionsTable {
  id: string;
  kind: SessionKind;
  title: string;
  requisition_id: string | null;
  candidate_id: string | null;
  rubric_version_id: string | null;
  stage: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_sec: number | null;
  status: Generated<SessionStatus>;
  source: SessionSource;
  consent_text: string | null;
  consent_acknowledged_at: string | null;
  /** Who recorded it (0003). */
  interviewer: string | null;
  created_at: string;
  updated_at: string;
  /** When the retention policy removed the audio (0010). */
  audio_deleted_at: string | null;
  /** When the retention policy removed the transcript (0010). */
  transcript_deleted_at: string | null;
}

export interface TracksTable {
  id: string;
  session_id: string;
  /** Order of the track within its session (0-based). */
  position: number;
  source: TrackSource;
  speaker_label: string | null;
  path: string | null;
  sample_rate: number | null;
  channels: number | null;
  duration_sec: number | null;
}

export interface TranscriptSegmentsTable {
  id: string;
  session_id: string;
  track_id: string | null;
  /** Order of the segment as the transcriber produced it (0-based). */
  position: number;
  speaker: string | null;
  start_sec: number;
  end_sec: number;
  text: string;
  /** JSON array of word timings: [{ start, end, text, p? }]. */
  words: Generated<string>;
}

export interface MomentsTable {
  id: string;
  session_id: string;
  start_sec: number;
  end_sec: number;
  criterion_id: string | null;
  rubric_version_id: string | null;
  author: string | null;
  origin: MomentOrigin;
  note: string | null;
  quote: string | null;
  confidence: number | null;
  status: Generated<MomentStatus>;
  created_at: string;
  /** 1 for "revisit this" flags, which may have no criterion (0003). */
  flagged: Generated<number>;
  /** Which way a mapper proposal points: 'supports' or 'contradicts'; null for tags (0007). */
  polarity: Generated<'supports' | 'contradicts' | null>;
  /** Why the mapper proposed an auto moment (0003). */
  reason: string | null;
}

/** Interview plan: questions per stage of a rubric version (0003). */
export interface InterviewQuestionsTable {
  id: string;
  rubric_version_id: string;
  /** The question's id inside its version, as rubric files name it. */
  key: string;
  stage: string;
  stage_position: number;
  position: number;
  text: string;
}

export interface InterviewQuestionCriteriaTable {
  question_id: string;
  criterion_id: string;
}

/** An intake-call quote behind a criterion, kept with the criterion's version (0004). */
export interface CriterionSourcesTable {
  id: string;
  criterion_id: string;
  /** Null once the intake session is deleted: the quote itself stays. */
  session_id: string | null;
  segment_id: string | null;
  /** Order among the criterion's quotes (0-based). */
  position: number;
  quote: string;
  start_sec: number;
  end_sec: number;
  speaker: string | null;
  cue: string | null;
}

export interface ScorecardsTable {
  id: string;
  session_id: string;
  interviewer: string;
  rubric_version_id: string;
  overall_recommendation: Recommendation | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScorecardRatingsTable {
  id: string;
  scorecard_id: string;
  criterion_id: string;
  rating: number | null;
  notes: string | null;
}

export interface RatingEvidenceTable {
  rating_id: string;
  moment_id: string;
}

/** One immutable version of a submitted scorecard (0006). */
export interface ScorecardVersionsTable {
  id: string;
  scorecard_id: string;
  version: number;
  rubric_version_id: string;
  overall_recommendation: OverallRecommendation;
  summary: string | null;
  amendment_reason: string | null;
  submitted_by: string;
  submitted_at: string;
}

export interface ScorecardVersionRatingsTable {
  id: string;
  scorecard_version_id: string;
  criterion_id: string;
  position: number;
  rating: CriterionRating;
  note: string | null;
  proposed_rating: CriterionRating | null;
  proposal_reason: string | null;
}

/** The evidence behind a submitted rating, copied so later edits to the moment can't change it (0006). */
export interface ScorecardVersionEvidenceTable {
  rating_id: string;
  position: number;
  moment_id: string | null;
  session_id: string;
  start_sec: number;
  end_sec: number;
  quote: string | null;
}

export interface DebriefDecisionsTable {
  id: string;
  candidate_id: string;
  decision: DebriefDecision;
  decided_by: string;
  decided_at: string;
}

export interface DebriefReasonsTable {
  decision_id: string;
  position: number;
  text: string;
  moment_id: string | null;
  quote: string | null;
  criterion_id: string | null;
}

export interface SyncOutboxTable {
  id: string;
  entity: string;
  entity_id: string;
  op: SyncOp;
  /** JSON snapshot of the entity; null for deletes. */
  payload: string | null;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** The change's hybrid logical clock (0011). */
  hlc: string | null;
  /** The row version the change was made on (0011). */
  base_version: Generated<number>;
  /** The candidate the change concerns, so erasure drops it (0011). */
  candidate_id: string | null;
}

/** This install's device id and the last hybrid logical clock it issued (0011, one row). */
export interface SyncDeviceTable {
  id: number;
  device_id: string;
  hlc: string | null;
  created_at: string;
}

export type SyncChangeStatus = 'pending' | 'applied' | 'superseded' | 'conflict' | 'refused';

/** Every change this store knows, local or received, keyed by change id (0011). */
export interface SyncChangesTable {
  id: string;
  hlc: string;
  entity: string;
  entity_id: string;
  op: SyncOp;
  base_version: number;
  payload: string | null;
  candidate_id: string | null;
  server_version: number | null;
  origin: 'local' | 'remote';
  status: SyncChangeStatus;
  reason: string | null;
  received_at: string;
}

/** The row version of each synced entity and the change that last set it (0011). */
export interface SyncRowsTable {
  entity: string;
  entity_id: string;
  version: number;
  hlc: string;
  change_id: string;
}

/** Two changes on the same row version of a draft rubric or a candidate, kept for a person to choose (0011). */
export interface SyncConflictsTable {
  id: string;
  entity: string;
  entity_id: string;
  base_version: number;
  change_a_id: string;
  change_b_id: string;
  shown_change_id: string;
  candidate_id: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by_change_id: string | null;
}

/** Fields a newer client sent that this schema does not know (0011). */
export interface SyncParkedTable {
  entity: string;
  entity_id: string;
  fields: string;
  updated_at: string;
}

/** Team server people's names by server user id, for sign-offs made in the web view (0015). */
export interface SyncPeopleTable {
  user_id: string;
  display_name: string;
  updated_at: string;
}

export interface SyncCursorsTable {
  source: string;
  position: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON value, validated by the caller's zod schema on read and write. */
  value: string;
  updated_at: string;
}

export type AuditAction = 'opened' | 'exported' | 'shared' | 'amended' | 'deleted';

/** Append-only: who did what to which record, never transcript text (0010). */
export interface AuditEventsTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: AuditAction;
  subject_kind: string;
  subject_id: string;
  candidate_id: string | null;
  /** JSON of counts and ids. */
  details: Generated<string>;
}

/** A candidate's erasure, keyed by a hash of their id (0010). */
export interface ErasureReceiptsTable {
  id: string;
  candidate_hash: string;
  erased_at: string;
  erased_by: string;
  /** JSON counts of what was removed. */
  removed: string;
  server: string;
}

/** Per-requisition retention; null columns use the Settings → Privacy default (0010). */
export interface RetentionOverridesTable {
  requisition_id: string;
  audio_days: number | null;
  transcript_days_after_close: number | null;
  updated_at: string;
}

/** A change of a candidate's stage (0012). */
export interface CandidateStageChangesTable {
  id: string;
  candidate_id: string;
  from_stage: string | null;
  to_stage: string | null;
  changed_at: string;
}

export type LossOutcome = 'withdrawn' | 'declined';

/** A candidate lost to the search, with why (0012). */
export interface CandidateLossesTable {
  id: string;
  candidate_id: string;
  outcome: LossOutcome;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

/** A moment that explains a loss, its quote copied (0012). */
export interface CandidateLossMomentsTable {
  loss_id: string;
  position: number;
  moment_id: string | null;
  session_id: string;
  start_sec: number;
  end_sec: number;
  quote: string | null;
}

export type PulseRole = 'recruiter' | 'hiring-manager';

/** The two-question alignment pulse, one answer per role per requisition (0012). */
export interface AlignmentPulsesTable {
  requisition_id: string;
  role: PulseRole;
  respondent: string;
  counterpart_understood: number;
  interviews_tested_rubric: number;
  answered_at: string;
}

/** Per session and speaker (`''`: unlabelled lines): lines and first line's start, kept by triggers (0013, SQLite only). */
export interface SessionSpeakersTable {
  session_id: string;
  speaker: string;
  first_start: number;
  segment_count: number;
}

/** Moments per session and how many await review, kept by triggers (0013, SQLite only). */
export interface SessionMomentCountsTable {
  session_id: string;
  total: number;
  proposed: number;
}

export type SearchDocumentKind = 'session-title' | 'candidate-name' | 'moment' | 'scorecard-note';

/** Searchable text that is not transcript, kept by triggers on its source tables (0013, SQLite only). */
export interface SearchDocumentsTable {
  id: Generated<number>;
  kind: SearchDocumentKind;
  ref_id: string;
  session_id: string | null;
  candidate_id: string | null;
  criterion_id: string | null;
  start_sec: number | null;
  end_sec: number | null;
  text: string;
}

export interface DB {
  requisitions: RequisitionsTable;
  rubrics: RubricsTable;
  rubric_versions: RubricVersionsTable;
  criteria: CriteriaTable;
  candidates: CandidatesTable;
  sessions: SessionsTable;
  tracks: TracksTable;
  transcript_segments: TranscriptSegmentsTable;
  moments: MomentsTable;
  scorecards: ScorecardsTable;
  scorecard_ratings: ScorecardRatingsTable;
  rating_evidence: RatingEvidenceTable;
  sync_outbox: SyncOutboxTable;
  sync_device: SyncDeviceTable;
  sync_changes: SyncChangesTable;
  sync_rows: SyncRowsTable;
  sync_conflicts: SyncConflictsTable;
  sync_parked: SyncParkedTable;
  sync_people: SyncPeopleTable;
  sync_cursors: SyncCursorsTable;
  settings: SettingsTable;
  interview_questions: InterviewQuestionsTable;
  interview_question_criteria: InterviewQuestionCriteriaTable;
  criterion_sources: CriterionSourcesTable;
  scorecard_versions: ScorecardVersionsTable;
  scorecard_version_ratings: ScorecardVersionRatingsTable;
  scorecard_version_evidence: ScorecardVersionEvidenceTable;
  debrief_decisions: DebriefDecisionsTable;
  debrief_reasons: DebriefReasonsTable;
  audit_events: AuditEventsTable;
  erasure_receipts: ErasureReceiptsTable;
  retention_overrides: RetentionOverridesTable;
  candidate_stage_changes: CandidateStageChangesTable;
  candidate_losses: CandidateLossesTable;
  candidate_loss_moments: CandidateLossMomentsTable;
  alignment_pulses: AlignmentPulsesTable;
  session_speakers: SessionSpeakersTable;
  search_documents: SearchDocumentsTable;
  session_moment_counts: SessionMomentCountsTable;
}
