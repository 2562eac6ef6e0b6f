import { UserFacingError } from '../../core/errors.js';
import type { Database } from '../../db/index.js';
import { createCandidateHandlers } from '../../backend/handlers/candidate-handlers.js';
import { createRubricHandlers } from '../../backend/handlers/rubric-handlers.js';
import { createScorecardHandlers } from '../../backend/handlers/scorecard-handlers.js';
import type { IpcHandlers } from '../../backend/ipc-handlers.js';
import { WEB_VIEW_CHANNELS, type WebViewChannel } from '../../shared/ipc/web-view-channels.js';
import { callerOf, type RequestContext } from '../http/handler.js';
import { HttpError } from '../http/http-error.js';
import { syncHandlers } from '../sync/sync-handlers.js';
import type { WebViewStores } from './project-store.js';
import { addRubricComment, listRubricComments } from './rubric-comments.js';

type LocalChannel = Exclude<WebViewChannel, 'rubrics:comments' | 'rubrics:comment'>;

/** The laptop's own handlers over a projected store: the web view answers exactly as the app does. */
function localHandlers(store: Database): Pick<IpcHandlers, LocalChannel> {
  const deps = { db: store, home: '' };
  return { ...createRubricHandlers(deps), ...createCandidateHandlers(deps), ...createScorecardHandlers(deps) };
}

/**
 * The web view's handler table for one request: every read runs on what this person may see;
 * a sign-off goes through the team server's own sign-off (as the signed-in person, recording the
 * content hash) and answers with the version as they now see it; comments live on the server.
 */
export function webViewHandlers(ctx: RequestContext, stores: WebViewStores): Pick<IpcHandlers, WebViewChannel> {
  const caller = callerOf(ctx);
  const read = <C extends LocalChannel>(channel: C) =>
    ((input: unknown) => stores.with(caller, (store) => (localHandlers(store)[channel] as (i: unknown) => Promise<unknown>)(input))) as IpcHandlers[C];
  const local = WEB_VIEW_CHANNELS.filter((c): c is LocalChannel => c !== 'rubrics:comments' && c !== 'rubrics:comment');
  const table = Object.fromEntries(local.map((c) => [c, read(c)])) as unknown as Pick<IpcHandlers, WebViewChannel>;
  table['rubrics:comments'] = (input) => listRubricComments(ctx, caller, input);
  table['rubrics:comment'] = (input) => addRubricComment(ctx, caller, input);
  table['rubrics:signOff'] = async ({ versionId }) => {
    // `by` is what the laptop's form types; here the signer is the authenticated person, always.
    try {
      await syncHandlers['rubric.signOff']({ rubricVersionId: versionId }, ctx);
    } catch (error) {
      // The server's refusals (someone else's requisition, not its hiring manager) are said in words.
      if (error instanceof HttpError) throw new UserFacingError(error.message, error.code);
      throw error;
    }
    return stores.with(caller, (store) => localHandlers(store)['rubrics:getVersion']({ versionId }));
  };
  return table;
}
