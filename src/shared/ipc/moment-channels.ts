import type { ChannelSpecs } from './primitives.js';

/** The moment feature's IPC channels (see contract.ts). */
export const momentChannels = {} as const satisfies ChannelSpecs;
