import { ipcMain } from 'electron';
import { channelNames, type ChannelName, type IpcResult } from '../shared/ipc/contract.js';
import { dispatchIpc } from '../backend/ipc-dispatch.js';
import type { IpcHandlers } from '../backend/ipc-handlers.js';

/**
 * Registers every contract channel with ipcMain. Calls from any frame that is not our
 * renderer are refused; everything else (validation, errors as data) is dispatchIpc's.
 * Returns a function that unregisters them.
 */
export function registerIpcHandlers(handlers: IpcHandlers, isTrustedSender: (url: string) => boolean): () => void {
  return registerIpcForwarding((channel, input) => dispatchIpc(handlers, channel, input), isTrustedSender);
}

/** The same registration, each call handed to `forward` (the backend process, which runs dispatchIpc). */
export function registerIpcForwarding(
  forward: (channel: ChannelName, input: unknown) => Promise<IpcResult<unknown>>,
  isTrustedSender: (url: string) => boolean,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        console.warn(`Refused IPC ${channel} from ${url || 'an unknown frame'}`);
        return { ok: false, error: { code: 'untrusted-sender', message: `Only Debrief's own window may call ${channel}.` } };
      }
      return forward(channel, input);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
