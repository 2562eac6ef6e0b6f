import { formatHlc } from '../../core/sync/hybrid-logical-clock.js';
import { uuidV7 } from '../../core/sync/uuid-v7.js';
import { inTransaction } from '../db/server-database.js';
import { callerOf, inRequestTransaction, type Handlers } from '../http/handler.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { applyChanges } from './apply-changes.js';
import { pullChanges } from './pull-changes.js';
import { candidateHash } from '../../core/privacy/candidate-hash.js';
import type { SyncChange } from '../../core/sync/sync-change.js';
import { recordServerAudit, type ServerAuditEvent } from '../privacy/server-audit.js';

type SyncHandlers = Pick<Handlers, 'sync.push' | 'sync.pull' | 'rubric.signOff'>;

export const syncHandlers: SyncHandlers = {
  async 'sync.push'(input, ctx) {
    const caller = callerOf(ctx);
    // One transaction for the batch: a server killed mid-push leaves none of it, and the retry applies it whole.
    const outcomes = await inRequestTransaction(ctx, caller, (trx) => applyChanges(trx, caller, input.changes, { commit: true }));
    return { outcomes };
  },

  async 'sync.pull'(input, ctx) {
    const caller = callerOf(ctx);
    return inRequestTransaction(ctx, caller, async (trx) => {
      // A laptop's pull is the transaction's only work: it commits in the same round trip.
      const page = await pullChanges(trx, caller, input, { commit: !caller.sessionToken });
      // A person reading candidates in the web view is on the audit trail (a laptop's pull is a copy, not a read).
      if (caller.sessionToken) await recordServerAudit(trx, caller, candidatesOpened(page.changes.map((c) => c.change)));
      return page;
    });
  },

  /** The web view's sign-off: the same change a laptop would push, made as the signed-in person. */
  async 'rubric.signOff'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      const row = await trx
        .selectFrom('sync_rows')
        .selectAll()
        .where('team_id', '=', ctx.teamId)
        .where('entity', '=', 'rubric_version')
        .where('entity_id', '=', input.rubricVersionId)
        .executeTakeFirst();
      if (!row || row.deleted || !row.payload) throw notFound('There is no such rubric version on the team server (or you are not on its requisition).');
      if (row.signed_off_by) {
        if (row.signed_off_by !== caller.user.id) throw new HttpError(409, 'already-signed', 'This rubric version is already signed off.');
        return { rubricVersionId: input.rubricVersionId, contentHash: row.content_hash!, seq: row.last_seq, version: row.version };
      }
      const [outcome] = await applyChanges(trx, caller, [
        {
          id: uuidV7(),
          hlc: formatHlc({ millis: Date.now(), counter: 0, node: 'server' }),
          entity: 'rubric_version',
          entityId: input.rubricVersionId,
          op: 'upsert',
          baseVersion: row.version,
          payload: { ...row.payload, signedOffBy: caller.user.id },
        },
      ]);
      if (outcome?.status !== 'applied') throw forbidden(outcome?.status === 'refused' ? outcome.reason : 'The sign-off could not be recorded.');
      const signed = await trx.selectFrom('sign_offs').select('content_hash').where('team_id', '=', ctx.teamId).where('rubric_version_id', '=', input.rubricVersionId).executeTakeFirstOrThrow();
      return { rubricVersionId: input.rubricVersionId, contentHash: signed.content_hash, seq: outcome.seq, version: outcome.version };
    });
  },
};

function candidatesOpened(changes: readonly SyncChange[]): ServerAuditEvent[] {
  const seen = new Map<string, string | null>();
  for (const c of changes) {
    if (c.entity === 'erasure') continue;
    const id = c.entity === 'candidate' ? c.entityId : c.payload?.['candidateId'];
    if (typeof id === 'string' && !seen.has(id)) seen.set(id, typeof c.payload?.['requisitionId'] === 'string' ? (c.payload['requisitionId'] as string) : c.entity === 'candidate' ? ((c.payload?.['requisition_id'] as string | undefined) ?? null) : null);
  }
  return [...seen].map(([id, requisitionId]) => ({ action: 'opened', subjectKind: 'candidate', subjectId: candidateHash(id), requisitionId, candidateHash: candidateHash(id), details: { via: 'web view' } }));
}
