import { inTransaction } from '../db/server-database.js';
import { callerOf, type Handlers } from '../http/handler.js';
import { lockAgainstErasure } from '../sync/apply-changes.js';
import { eraseOnServer } from './erase-on-server.js';

type PrivacyHandlers = Pick<Handlers, 'candidate.erase' | 'audit.list'>;

export const privacyHandlers: PrivacyHandlers = {
  async 'candidate.erase'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      await lockAgainstErasure(trx, caller.teamId, 'exclusive');
      const result = await eraseOnServer(trx, caller, input, async () => {
        // The team lock, as a push takes it: sequence numbers commit in order.
        const team = await trx.selectFrom('teams').select('last_seq').where('id', '=', caller.teamId).forUpdate().executeTakeFirstOrThrow();
        await trx.updateTable('teams').set({ last_seq: team.last_seq + 1 }).where('id', '=', caller.teamId).execute();
        return team.last_seq + 1;
      });
      if ('refusal' in result) throw result.refusal;
      return result;
    });
  },

  async 'audit.list'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      let query = trx
        .selectFrom('audit_events')
        .innerJoin('users', 'users.id', 'audit_events.actor_id')
        .select([
          'audit_events.id',
          'audit_events.at',
          'audit_events.actor_id',
          'users.display_name',
          'audit_events.device_id',
          'audit_events.action',
          'audit_events.subject_kind',
          'audit_events.subject_id',
          'audit_events.requisition_id',
          'audit_events.candidate_hash',
          'audit_events.details',
        ])
        .where('audit_events.team_id', '=', caller.teamId);
      if (input.candidateHash) query = query.where('audit_events.candidate_hash', '=', input.candidateHash);
      if (input.requisitionId) query = query.where('audit_events.requisition_id', '=', input.requisitionId);
      if (input.after) query = query.where('audit_events.id', '>', input.after);
      const rows = await query.orderBy('audit_events.id').limit(input.limit).execute();
      return {
        events: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.display_name,
          deviceId: r.device_id,
          action: r.action,
          subjectKind: r.subject_kind,
          subjectId: r.subject_id,
          requisitionId: r.requisition_id,
          candidateHash: r.candidate_hash,
          details: r.details ?? {},
        })),
      };
    });
  },
};
