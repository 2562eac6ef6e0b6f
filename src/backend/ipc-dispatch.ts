import { UserFacingError } from '../core/errors.js';
import { ipcContract, isChannelName, maxInputBytes, type IpcResult } from '../shared/ipc/contract.js';
import type { IpcHandlers } from './ipc-handlers.js';
import { describeIssueForUser, describeIssues } from '../core/zod-issues.js';

/** Where unexpected errors go; Electron's main logs to its console, tests can collect them. */
export type ErrorLog = (message: string, error: unknown) => void;

const consoleLog: ErrorLog = (message, error) => console.error(message, error);

/**
 * Runs one IPC call end to end: known channel, input size, input schema, handler,
 * output schema; every failure becomes `{ ok: false, error }`. Electron-free: the
 * ipcMain registration and the browser test bridge both go through here.
 */
export async function dispatchIpc(
  handlers: IpcHandlers,
  channel: unknown,
  input: unknown,
  log: ErrorLog = consoleLog,
): Promise<IpcResult<unknown>> {
  if (!isChannelName(channel)) {
    return failure('unknown-channel', `Debrief has no IPC channel named ${JSON.stringify(String(channel)).slice(0, 100)}.`);
  }
  const size = inputBytes(input);
  if (size === undefined) return failure('invalid-input', `The input to ${channel} is not plain data.`);
  if (size > maxInputBytes) {
    return failure('input-too-large', `The input to ${channel} is ${size} bytes; the limit is ${maxInputBytes}.`);
  }

  const spec = ipcContract[channel];
  const parsedInput = spec.input.safeParse(input);
  if (!parsedInput.success) return failure('invalid-input', describeIssueForUser(parsedInput.error));

  let output: unknown;
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    output = await handler(parsedInput.data);
  } catch (error) {
    if (error instanceof UserFacingError) return failure(error.code, error.message);
    log(`IPC ${channel} failed`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return failure('internal-error', `Something went wrong in Debrief (${channel}): ${detail}`);
  }

  // Also strips what the renderer must not see (track file paths).
  const parsedOutput = spec.output.safeParse(output);
  if (!parsedOutput.success) {
    log(`IPC ${channel} returned data outside the contract`, parsedOutput.error);
    return failure('internal-error', `Something went wrong in Debrief (${channel}): unexpected reply: ${describeIssues(parsedOutput.error)}`);
  }
  return { ok: true, value: parsedOutput.data };
}

function failure(code: string, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** UTF-8 size of the input as JSON; undefined when it can't be JSON (cycles, BigInt). */
function inputBytes(input: unknown): number | undefined {
  if (input === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
  } catch {
    return undefined;
  }
}

