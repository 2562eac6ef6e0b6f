import { UserFacingError } from '../../core/errors.js';
import type { OutputOf, ParsedInputOf } from '../../shared/ipc/contract.js';
import { inTransaction, type ServerTransaction } from '../db/server-database.js';
import type { Caller, RequestContext } from '../http/handler.js';
import { newId } from '../identity/tokens.js';
import { memberRole } from '../sync/access.js';

type Comment = OutputOf<'rubrics:comment'>;

/** The requisition of a rubric version this person is on, or a refusal in words (the same for "none" and "not yours"). */
async function requisitionOf(trx: ServerTransaction, caller: Caller, versionId: string): Promise<string> {
  const row = await trx
    .selectFrom('sync_rows')
    .select(['requisition_id', 'deleted'])
    .where('team_id', '=', caller.teamId)
    .where('entity', '=', 'rubric_version')
    .where('entity_id', '=', versionId)
    .executeTakeFirst();
  if (!row || row.deleted || (await memberRole(trx, caller.teamId, row.requisition_id, caller.user.id)) === null) {
    throw new UserFacingError('There is no such rubric version on the team server (or you are not on its requisition).', 'not-found');
  }
  return row.requisition_id;
}

export async function listRubricComments(ctx: RequestContext, caller: Caller, { versionId }: ParsedInputOf<'rubrics:comments'>): Promise<Comment[]> {
  return inTransaction(ctx.db, { teamId: caller.teamId, userId: caller.user.id }, async (trx) => {
    await requisitionOf(trx, caller, versionId);
    const rows = await trx
      .selectFrom('rubric_comments')
      .innerJoin('users', (j) => j.onRef('users.id', '=', 'rubric_comments.author_id').onRef('users.team_id', '=', 'rubric_comments.team_id'))
      .select(['rubric_comments.id', 'rubric_comments.body', 'rubric_comments.created_at', 'users.display_name'])
      .where('rubric_comments.team_id', '=', caller.teamId)
      .where('rubric_comments.rubric_version_id', '=', versionId)
      .orderBy('rubric_comments.created_at')
      .orderBy('rubric_comments.id')
      .execute();
    return rows.map((r) => ({ id: r.id, versionId, author: r.display_name, body: r.body, createdAt: new Date(r.created_at).toISOString() }));
  });
}

/** Anyone on the requisition comments, as themselves; a comment changes nothing signed. */
export async function addRubricComment(ctx: RequestContext, caller: Caller, { versionId, body }: ParsedInputOf<'rubrics:comment'>): Promise<Comment> {
  return inTransaction(ctx.db, { teamId: caller.teamId, userId: caller.user.id }, async (trx) => {
    const requisitionId = await requisitionOf(trx, caller, versionId);
    const row = await trx
      .insertInto('rubric_comments')
      .values({ team_id: caller.teamId, id: newId('rc'), rubric_version_id: versionId, requisition_id: requisitionId, author_id: caller.user.id, body })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, versionId, author: caller.user.displayName, body, createdAt: new Date(row.created_at).toISOString() };
  });
}
