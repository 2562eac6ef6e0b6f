import { UserFacingError } from '../../core/errors.js';
import { inTransaction, openServerDatabase, pendingServerMigrations } from '../db/server-database.js';
import { serverApi, type ServerApiInput, type ServerApiOutput } from '../../shared/server-api/server-api.js';
import { describeIssueForUser } from '../../core/zod-issues.js';
import { requestContext, type RequestContext } from '../http/handler.js';
import { HttpError } from '../http/http-error.js';
import { identityHandlers, toUser } from './identity-handlers.js';

/** One API call as the admin, through the API's own input schema and handler. */
export type AdminCall = <N extends keyof typeof identityHandlers>(name: N, input: ServerApiInput<N>) => Promise<ServerApiOutput<N>>;

/**
 * Runs an admin's people work from the server's own host (`debrief server invite`, `people`,
 * `set-role`, `disable`): the API's own handlers, as the admin named by email, so every check and
 * row-level security policy holds as it does over HTTP. Whoever can reach the database URL could do
 * more than this anyway; naming the admin puts the work on the audit of who did it.
 */
export async function asAdmin<T>(databaseUrl: string, adminEmail: string, task: (call: AdminCall) => Promise<T>): Promise<T> {
  const db = openServerDatabase(databaseUrl, { max: 2 });
  try {
    const pending = await pendingServerMigrations(db);
    if (pending.length > 0) throw new UserFacingError(`The team database needs migrating (${pending.join(', ')}): run \`debrief server migrate\` first.`, 'database-behind');
    const teams = await db.selectFrom('teams').select('id').execute();
    if (teams.length !== 1) throw new UserFacingError('The team database has no team yet: run `debrief server init` first.', 'no-team');
    const teamId = teams[0]!.id;
    const admin = await inTransaction(db, { teamId, userId: null }, (trx) => trx.selectFrom('users').selectAll().where('email', '=', adminEmail.trim().toLowerCase()).executeTakeFirst());
    if (!admin || admin.role !== 'admin' || admin.disabled_at) throw new UserFacingError(`${adminEmail} is not an admin of this team.`, 'not-admin');
    const ctx: RequestContext = requestContext({ db, teamId }, { ip: 'server host' }, { header: () => undefined }, { teamId, user: toUser(admin), deviceId: null, sessionToken: null });
    // Inputs parsed by the API's own schemas, defaults included, as the HTTP route parses them.
    const call: AdminCall = async (name, input) => {
      const parsed = serverApi[name].input.safeParse(input);
      if (!parsed.success) throw new UserFacingError(describeIssueForUser(parsed.error), 'invalid-input');
      try {
        return await (identityHandlers[name] as (i: unknown, c: RequestContext) => Promise<never>)(parsed.data, ctx);
      } catch (error) {
        // The API's refusals, in the same words a laptop would show.
        if (error instanceof HttpError) throw new UserFacingError(error.message, error.code);
        throw error;
      }
    };
    return await task(call);
  } finally {
    await db.destroy();
  }
}
