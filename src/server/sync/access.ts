import type { SyncedEntity } from '../../core/sync/sync-change.js';
import type { ServerTransaction } from '../db/server-database.js';
import type { HiringRole, TeamRole } from '../db/server-schema.js';

/**
 * The access rules, in code (row-level security in migration 0003 says the same in SQL):
 * - recruiters and hiring managers on a requisition read and write its structure;
 * - interviewers on it read its structure and write only their own scorecards, and read other
 *   people's scorecards and the debrief for a candidate only after submitting their own;
 * - only the requisition's hiring manager signs a rubric version off, as themselves;
 * - admins manage people and devices; they see hiring content only where they hold a hiring role.
 */

export async function memberRole(trx: ServerTransaction, teamId: string, requisitionId: string, userId: string): Promise<HiringRole | null> {
  const row = await trx
    .selectFrom('requisition_members')
    .select('role')
    .where('team_id', '=', teamId)
    .where('requisition_id', '=', requisitionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

const label = (entity: SyncedEntity) => entity.replace(/_/g, ' ');

/** Why this person may not write this entity on this requisition, or null when they may. */
export function writeRefusal(entity: SyncedEntity, role: HiringRole | null, teamRole: TeamRole): string | null {
  if (role === null) {
    return teamRole === 'admin'
      ? "Admins manage people and devices, not hiring content: you aren't on this requisition."
      : "You aren't on this requisition, so you can't change it.";
  }
  if (role === 'interviewer' && entity !== 'scorecard_version') {
    return `Interviewers submit scorecards; a ${label(entity)} is changed by the requisition's recruiter or hiring manager.`;
  }
  return null;
}

/** Who may open a requisition that has no members yet: it becomes theirs. */
export function creatorRefusal(teamRole: TeamRole): string | null {
  return teamRole === 'recruiter' || teamRole === 'hiring_manager' ? null : 'Only recruiters and hiring managers open new requisitions.';
}

export function signOffRefusal(role: HiringRole | null, signer: string, userId: string): string | null {
  if (signer !== userId) return 'A sign-off is valid only from the hiring manager themselves: it names someone else.';
  if (role !== 'hiring_manager') return "Only the requisition's hiring manager can sign off its rubric.";
  return null;
}
