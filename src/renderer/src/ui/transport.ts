import type { ChannelName } from '../../../shared/ipc/contract.js';

/**
 * What the transport behind `window.debrief` serves: every channel in the app, only what lives on
 * the team server in the web view. Features ask this, never where they run.
 */
export function serves(channel: ChannelName): boolean {
  return window.debrief.transport.serves(channel);
}

/** The laptop's own store is behind the transport (recording, transcripts, audio, settings). */
export function onLaptop(): boolean {
  return window.debrief.transport.local;
}

/** Who a sign-off is made as when the transport knows (the signed-in person); null where a name is typed. */
export function signer(): string | null {
  return window.debrief.transport.signer;
}
