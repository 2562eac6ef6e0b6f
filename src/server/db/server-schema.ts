import type { ColumnType, Generated } from 'kysely';

/** The team server's PostgreSQL schema as today's code sees it (migrations don't import this). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const TEAM_ROLES = ['admin', 'recruiter', 'hiring_manager', 'interviewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** Roles a person can hold on one requisition (admin is not a hiring role). */
export const HIRING_ROLES = ['recruiter', 'hiring_manager', 'interviewer'] as const;
export type HiringRole = (typeof HIRING_ROLES)[number];

export interface TeamsTable {
  id: string;
  name: string;
  /** The last sequence number handed to a change; locked by each push so sequences commit in order. */
  last_seq: Generated<number>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  team_id: string;
  email: string;
  display_name: string;
  role: TeamRole;
  password_hash: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface InvitesTable {
  id: string;
  team_id: string;
  token_hash: string;
  role: TeamRole;
  /** Set when the invite is for a person already on the team (the first admin). */
  user_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: string | null;
}

export interface DevicesTable {
  id: string;
  team_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface WebSessionsTable {
  token_hash: string;
  team_id: string;
  user_id: string;
  csrf_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  team_id: string;
  key: string;
  window_start: Timestamp;
  failures: number;
}

export interface RequisitionMembersTable {
  team_id: string;
  requisition_id: string;
  user_id: string;
  role: HiringRole;
  added_by: string;
  added_at: Timestamp;
  /** The team seq at which this person joined: rows older than it become visible to them there. */
  visible_from: Generated<number>;
}

export interface SyncRowsTable {
  team_id: string;
  entity: string;
  entity_id: string;
  requisition_id: string;
  candidate_id: string | null;
  author_id: string;
  version: number;
  deleted: boolean;
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  content_hash: string | null;
  signed_off_by: string | null;
  last_seq: number;
}

export interface SyncChangesTable {
  team_id: string;
  seq: number;
  change_id: string;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  hlc: string;
  base_version: number;
  version: number;
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  requisition_id: string;
  candidate_id: string | null;
  author_id: string;
  device_id: string | null;
  applied_at: Timestamp;
}

export interface SignOffsTable {
  team_id: string;
  rubric_version_id: string;
  requisition_id: string;
  user_id: string;
  content_hash: string;
  signed_at: Timestamp;
}

/** All that remains of an erased candidate (migration 0005). */
export interface ErasureReceiptsTable {
  team_id: string;
  candidate_hash: string;
  requisition_id: string;
  erased_at: Timestamp;
  erased_by: string;
  /** The log entry that tells laptops to erase. */
  seq: number;
  rows_removed: number;
  changes_removed: number;
}

export const AUDIT_ACTIONS = ['opened', 'exported', 'shared', 'submitted', 'amended', 'signed_off', 'deleted'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only: who did what to which id, never content. */
export interface AuditEventsTable {
  team_id: string;
  id: string;
  at: Timestamp;
  actor_id: string;
  device_id: string | null;
  action: AuditAction;
  subject_kind: string;
  subject_id: string;
  requisition_id: string | null;
  candidate_hash: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

/** A comment on a rubric version from the web view (migration 0007); on the server only. */
export interface RubricCommentsTable {
  team_id: string;
  id: string;
  rubric_version_id: string;
  requisition_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface ServerDB {
  teams: TeamsTable;
  users: UsersTable;
  invites: InvitesTable;
  devices: DevicesTable;
  web_sessions: WebSessionsTable;
  login_attempts: LoginAttemptsTable;
  requisition_members: RequisitionMembersTable;
  sync_rows: SyncRowsTable;
  sync_changes: SyncChangesTable;
  sign_offs: SignOffsTable;
  erasure_receipts: ErasureReceiptsTable;
  audit_events: AuditEventsTable;
  rubric_comments: RubricCommentsTable;
}
