import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../bench/support/run-command.js';
import { dispatchedAddonPath, encodeInChildArgs, engineChildEnv, parseEncodeChild } from '../support/engine-child.js';
import { weightlessModelPath } from '../support/test-models.js';

// The engine built for distribution (node scripts/build-engine.mjs --dispatch; a long build, so
// not part of npm install) picks its CPU variant once per process: each case runs in a child.
const built = fs.existsSync(dispatchedAddonPath());

async function encodeWith(variant?: string) {
  const { stdout } = await runCommand(process.execPath, encodeInChildArgs(weightlessModelPath(), 2, 1), { env: engineChildEnv(dispatchedAddonPath(), variant) });
  return parseEncodeChild(stdout);
}

describe.skipIf(!built)('dispatched engine (every CPU variant, the best chosen at start)', () => {
  it('loads the best variant this CPU runs and encodes with it', { timeout: 120_000 }, async () => {
    const result = await encodeWith();
    expect(result.cpuVariant).not.toBe('x64');
    expect(result.description).toContain(`CPU variant ${result.cpuVariant}`);
    expect(result.encodeMs).toHaveLength(1);
  });

  it('still runs when an older variant is forced (a CPU without AVX-512)', { timeout: 120_000 }, async () => {
    const result = await encodeWith('haswell');
    expect(result.cpuVariant).toBe('haswell');
    expect(result.description).not.toContain('AVX512 = 1');
    expect(result.encodeMs).toHaveLength(1);
  });

  it('names a variant it cannot load', { timeout: 120_000 }, async () => {
    await expect(encodeWith('pentium-mmx')).rejects.toThrow('CPU engine variant pentium-mmx is missing or does not run on this CPU');
  });
});
