import type { rubricChannels } from '../../shared/ipc/rubric-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** Handlers for the rubric feature's channels. */
export function createRubricHandlers(deps: IpcHandlerDeps): HandlersFor<typeof rubricChannels> {
  void deps;
  return {};
}
