import { z } from 'zod';
import type { ChannelSpecs } from './primitives.js';

/** Files come from the OS dialog the main process opens; the renderer gets a token for the chosen file. */

export const filePurposeSchema = z.enum(['transcript', 'recording', 'rubric', 'model']);
export const fileTokenSchema = z.string().uuid('choose the file again');

export const fileChannels = {
  /** Opens the OS "Open" dialog for one kind of file; null when the user cancels. */
  'files:choose': {
    input: z.object({ purpose: filePurposeSchema }).strict(),
    output: z.object({ token: fileTokenSchema, name: z.string() }).nullable(),
  },
} as const satisfies ChannelSpecs;
