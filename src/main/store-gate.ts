import { UserFacingError } from '../core/errors.js';
import { readKeyEnvelope, storeKeyFor, storeKeyPath } from '../core/privacy/store-key.js';
import type { SecretSealer } from '../core/secrets/secret-sealer.js';
import { channelNames } from '../shared/ipc/contract.js';
import type { StoreStatus } from '../shared/ipc/store-channels.js';
import type { IpcHandlers } from '../backend/ipc-handlers.js';

/** Short passphrases are guessed offline against store-key.json; scrypt slows that, length stops it. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface StoreGateOptions<T> {
  home: string;
  /** The OS key store (safeStorage in the app); `plainSealer` where there is none. */
  sealer: SecretSealer;
  /** Given up front (DEBRIEF_PASSPHRASE): then no prompt is shown. */
  passphrase?: string;
  /** Opens the store (the backend process, or the handlers in tests) with the install's key. */
  open(key: Buffer): Promise<T>;
}

/**
 * Stands between the window and the store while the data key is locked. It tries the OS key store
 * at once; where that needs a passphrase the gate stays locked, every channel but `store:*` answers
 * `store-locked`, and `unlock` opens the store once the passphrase unwraps the key. A wrong one
 * changes nothing, so the user simply tries again.
 */
export class StoreGate<T> {
  private opened: T | undefined;
  private locked: Extract<StoreStatus, { state: 'locked' }> | undefined;
  private unlocking: Promise<void> | undefined;

  private constructor(private readonly options: StoreGateOptions<T>) {}

  static async start<T>(options: StoreGateOptions<T>): Promise<StoreGate<T>> {
    const gate = new StoreGate(options);
    try {
      await gate.openWith(options.passphrase);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      gate.lock(error);
    }
    return gate;
  }

  /** What the store opened into; undefined while locked. */
  get current(): T | undefined {
    return this.opened;
  }

  status(): StoreStatus {
    return this.opened !== undefined ? { state: 'open' } : this.locked!;
  }

  unlock(passphrase: string): Promise<void> {
    if (this.opened !== undefined) return Promise.resolve();
    // One attempt at a time: a double click must not make two keys on a first start.
    this.unlocking ??= this.tryUnlock(passphrase).finally(() => {
      this.unlocking = undefined;
    });
    return this.unlocking;
  }

  private async tryUnlock(passphrase: string): Promise<void> {
    const mode = this.locked?.mode;
    if (mode === 'refused') throw new UserFacingError(this.locked!.message, 'key-store-refused');
    if (mode === 'choose' && passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new UserFacingError(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; it is the only way to your data on this computer.`, 'passphrase-too-short');
    }
    await this.openWith(passphrase);
  }

  private async openWith(passphrase: string | undefined): Promise<void> {
    const key = await storeKeyFor(this.options.home, { sealer: this.options.sealer, passphrase, create: true });
    // storeKeyFor with create always yields a key or throws.
    this.opened = await this.options.open(key!);
    this.locked = undefined;
  }

  private lock(error: UserFacingError): void {
    if (error.code === 'passphrase-needed') {
      const choose = readKeyEnvelope(storeKeyPath(this.options.home)) === undefined;
      this.locked = { state: 'locked', mode: choose ? 'choose' : 'enter', message: error.message };
    } else {
      // The key store refused, the key file is damaged, the store would not open: typing cannot fix it.
      this.locked = { state: 'locked', mode: 'refused', message: error.message };
    }
  }
}

const lockedError = () => new UserFacingError('Debrief is locked: enter your passphrase first.', 'store-locked');

/**
 * The channel table while the store may be locked: `store:*` from the gate, every other channel
 * from `handlersOf(opened)` once open. In the app `opened` is the backend; tests use the handlers.
 */
export function gatedHandlers<T>(gate: StoreGate<T>, handlersOf: (opened: T) => IpcHandlers): IpcHandlers {
  let handlers: IpcHandlers | undefined;
  const table: Record<string, (input: never) => Promise<unknown>> = {};
  for (const channel of channelNames) {
    table[channel] = (input: never) => {
      const opened = gate.current;
      if (opened === undefined) return Promise.reject(lockedError());
      handlers ??= handlersOf(opened);
      return (handlers[channel] as (input: never) => Promise<unknown>)(input);
    };
  }
  const gated: Pick<IpcHandlers, 'store:status' | 'store:unlock'> = {
    'store:status': async () => gate.status(),
    'store:unlock': async ({ passphrase }) => {
      await gate.unlock(passphrase);
      return null;
    },
  };
  return { ...table, ...gated } as IpcHandlers;
}
