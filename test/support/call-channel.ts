import { dispatchIpc } from '../../src/backend/ipc-dispatch.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/ipc/contract.js';

/**
 * Calls a channel the way the renderer does (validated by the contract) and returns its value; a
 * handler's error becomes a thrown Error with its `code`. `unexpected` collects crashes the
 * dispatcher logged, for the test to assert none.
 */
export function channelCaller(handlers: () => IpcHandlers, unexpected: unknown[] = []) {
  return async <C extends ChannelName>(channel: C, input?: InputOf<C>): Promise<OutputOf<C>> => {
    const result = await dispatchIpc(handlers(), channel, input, (m, e) => unexpected.push([m, e]));
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as OutputOf<C>;
  };
}
