import type { ChannelSpecs } from './primitives.js';

/** The rubric feature's IPC channels (see contract.ts). */
export const rubricChannels = {} as const satisfies ChannelSpecs;
