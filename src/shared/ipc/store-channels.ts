import { z } from 'zod';
import { noInput, type ChannelSpecs } from './primitives.js';

/**
 * The store's lock: where the data key is wrapped with a passphrase (no OS key store, or one that
 * refuses), the app starts locked and asks for it before any other channel answers.
 */

export const storeStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open') }),
  z.object({
    state: z.literal('locked'),
    /** `enter`: the key has a passphrase; `choose`: first start without a key store; `refused`: nothing the user can type helps. */
    mode: z.enum(['enter', 'choose', 'refused']),
    message: z.string(),
  }),
]);
export type StoreStatus = z.output<typeof storeStatusSchema>;

export const storeChannels = {
  'store:status': { input: noInput, output: storeStatusSchema },
  /** Fails with `wrong-passphrase` (nothing changed, try again) or `passphrase-too-short` when choosing one. */
  'store:unlock': {
    input: z.object({ passphrase: z.string().min(1, 'enter the passphrase').max(1024) }).strict(),
    output: z.null(),
  },
} as const satisfies ChannelSpecs;
