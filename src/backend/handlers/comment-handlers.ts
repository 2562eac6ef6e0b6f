import { UserFacingError } from '../../core/errors.js';
import type { commentChannels } from '../../shared/ipc/comment-channels.js';
import type { HandlersFor } from '../ipc-handlers.js';

const onServer = () => new UserFacingError("Rubric comments live on the team server: open the team's web view to read and write them.", 'comments-on-server');

/** The laptop has no rubric comments (its transport says so); a call anyway gets this sentence. */
export function createCommentHandlers(): HandlersFor<typeof commentChannels> {
  return {
    'rubrics:comments': async () => {
      throw onServer();
    },
    'rubrics:comment': async () => {
      throw onServer();
    },
  };
}
