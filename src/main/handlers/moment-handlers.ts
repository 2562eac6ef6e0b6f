import type { momentChannels } from '../../shared/ipc/moment-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** Handlers for the moment feature's channels. */
export function createMomentHandlers(deps: IpcHandlerDeps): HandlersFor<typeof momentChannels> {
  void deps;
  return {};
}
