import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreKey, storeKeyPath } from '../core/privacy/store-key.js';
import { plainSealer } from '../core/secrets/secret-sealer.js';
import { dispatchIpc } from '../backend/ipc-dispatch.js';
import type { IpcHandlers } from '../backend/ipc-handlers.js';
import { gatedHandlers, StoreGate } from './store-gate.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});
const home = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-gate-'));
  homes.push(dir);
  return dir;
};
const sessionsOnly = (keys: Buffer[]) => ({ 'sessions:list': async () => [], keys }) as unknown as IpcHandlers;

describe('StoreGate', () => {
  it('opens at once with a passphrase given up front, and never asks', async () => {
    const h = home();
    const made = await createStoreKey(storeKeyPath(h), { sealer: plainSealer, passphrase: 'long enough phrase' });
    const opened: Buffer[] = [];
    const gate = await StoreGate.start({ home: h, sealer: plainSealer, passphrase: 'long enough phrase', open: async (key) => (opened.push(key), key) });
    expect(gate.status()).toEqual({ state: 'open' });
    expect(opened).toEqual([made]);
  });

  it('a damaged key file cannot be typed past: refused, with the reason, and the file left as it is', async () => {
    const h = home();
    fs.writeFileSync(storeKeyPath(h), '{"version": 1, "passphrase": 7}');
    const gate = await StoreGate.start({ home: h, sealer: plainSealer, open: async () => 'open' });
    expect(gate.status()).toEqual({ state: 'locked', mode: 'refused', message: expect.stringMatching(/store-key\.json is damaged/) });
    const handlers = gatedHandlers(gate, () => sessionsOnly([]));
    expect(await dispatchIpc(handlers, 'store:unlock', { passphrase: 'anything at all' })).toMatchObject({ ok: false, error: { code: 'key-store-refused' } });
    expect(fs.readFileSync(storeKeyPath(h), 'utf8')).toBe('{"version": 1, "passphrase": 7}');
  });

  it('two unlocks at once on a first start make one key and open once', async () => {
    const h = home();
    const opened: Buffer[] = [];
    const gate = await StoreGate.start({ home: h, sealer: plainSealer, open: async (key) => (opened.push(key), key) });
    expect(gate.status()).toMatchObject({ state: 'locked', mode: 'choose' });
    const handlers = gatedHandlers(gate, (key) => sessionsOnly([key]));
    expect(await dispatchIpc(handlers, 'sessions:list', undefined)).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    const both = await Promise.all([gate.unlock('first passphrase'), gate.unlock('second passphrase')]);
    expect(both).toEqual([undefined, undefined]);
    expect(opened).toHaveLength(1);
    expect(await dispatchIpc(handlers, 'sessions:list', undefined)).toEqual({ ok: true, value: [] });
    // The key that was made opens with the first passphrase only.
    const again = await StoreGate.start({ home: h, sealer: plainSealer, passphrase: 'first passphrase', open: async (key) => key });
    expect(again.current).toEqual(opened[0]);
  });
});
