import type { captureChannels } from '../../shared/ipc/capture-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** Handlers for the capture feature's channels. */
export function createCaptureHandlers(deps: IpcHandlerDeps): HandlersFor<typeof captureChannels> {
  void deps;
  return {};
}
