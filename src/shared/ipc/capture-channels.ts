import type { ChannelSpecs } from './primitives.js';

/** The capture feature's IPC channels (see contract.ts). */
export const captureChannels = {} as const satisfies ChannelSpecs;
