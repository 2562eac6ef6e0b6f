import fs from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand } from '../../bench/support/run-command.js';
import { findAddonAbove, unpackedDir } from '../../src/core/transcribe/engine/native-engine.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { dispatchedAddonPath, encodeInChildArgs, engineChildEnv, parseEncodeChild } from '../support/engine-child.js';
import { weightlessModelPath } from '../support/test-models.js';

// What `npm run dist` puts in the package, read from electron-builder.yml with electron-builder's own
// glob rules (minimatch; a later `!pattern` excludes): the dispatched engine, unpacked from the asar.
const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as { files: string[]; asarUnpack: string[] };
const shipped = (file: string) => {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, pattern, { dot: true })) included = true;
  }
  return included;
};
const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));

const bin = path.dirname(dispatchedAddonPath());
const built = fs.existsSync(dispatchedAddonPath());
// What the dispatched build writes on Linux (ggml's GGML_CPU_ALL_VARIANTS for x86-64), and on macOS and Windows.
const expectedNames = [
  'debrief_whisper.node',
  'libwhisper.so',
  'libwhisper.so.1',
  'libggml.so',
  'libggml-base.so.0',
  'libggml-base.so.0.15.1',
  'libggml-cpu-x64.so',
  'libggml-cpu-haswell.so',
  'libggml-cpu-skylakex.so',
  'libggml-cpu-sapphirerapids.so',
  'libggml-cpu-apple_m1.so',
  'libggml.dylib',
  'ggml-cpu-haswell.dll',
];

describe('the packaged engine', () => {
  it('ships the dispatched build (addon, libraries, every CPU variant) unpacked, and not the GGML_NATIVE one', () => {
    const names = new Set([...expectedNames, ...(built ? fs.readdirSync(bin) : [])]);
    for (const name of [...names].filter((n) => n.endsWith('.node') || /\.(so|dylib|dll)(\.|$)/.test(n))) {
      const file = `native/build-dispatch/bin/${name}`;
      expect(shipped(file), file).toBe(true);
      expect(unpacked(file), file).toBe(true);
    }
    // Built for this CPU only: an older CPU would die on an illegal instruction, which nothing can catch.
    expect(shipped('native/build/debrief_whisper.node')).toBe(false);
    // Build leftovers stay out.
    expect(shipped('native/build-dispatch/CMakeCache.txt')).toBe(false);
    expect(shipped('native/build-dispatch/build.log')).toBe(false);
  });

  it('is built for distribution by `npm run dist` before electron-builder packs it', () => {
    const dist = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.dist!;
    expect(dist.indexOf('build-engine.mjs --dispatch')).toBeGreaterThan(-1);
    expect(dist.indexOf('build-engine.mjs --dispatch')).toBeLessThan(dist.indexOf('electron-builder'));
  });

  it('is found from the app code inside app.asar, and its CPU variants are loaded from app.asar.unpacked', () => {
    const resources = path.join(path.sep, 'opt', 'Debrief', 'resources');
    const inArchive = path.join(resources, 'app.asar', 'native', 'build-dispatch', 'bin', 'debrief_whisper.node');
    // Electron's fs lists archive entries, unpacked ones included; only the dispatched build is in a package.
    const found = findAddonAbove(path.join(resources, 'app.asar', 'out', 'main'), (file) => file === inArchive);
    expect(found).toBe(inArchive);
    expect(unpackedDir(path.dirname(found!))).toBe(path.join(resources, 'app.asar.unpacked', 'native', 'build-dispatch', 'bin'));
    // Outside a package nothing changes, even with "asar" in a folder name.
    expect(unpackedDir('/home/me/asar-tools/native/build-dispatch/bin')).toBe('/home/me/asar-tools/native/build-dispatch/bin');
  });

  // The strongest check: copy only the files the config ships into a folder of their own and run the
  // engine from there, so a library the patterns miss fails here rather than on a user's machine.
  it.skipIf(!built)('runs from exactly the files the package ships', { timeout: 180_000 }, async () => {
    const staged = path.join(scratchDir('debrief-packaged-'), 'app.asar.unpacked', 'native', 'build-dispatch', 'bin');
    fs.mkdirSync(staged, { recursive: true });
    const copied: string[] = [];
    for (const name of fs.readdirSync(bin)) {
      if (!shipped(`native/build-dispatch/bin/${name}`)) continue;
      fs.cpSync(path.join(bin, name), path.join(staged, name), { verbatimSymlinks: true });
      copied.push(name);
    }
    expect(copied.filter((n) => n.startsWith('libggml-cpu-')).length).toBeGreaterThan(1);
    // The build's RUNPATH also names the build folder: the dynamic loader's own log shows which files it really loaded.
    const env = { ...engineChildEnv(path.join(staged, 'debrief_whisper.node')), LD_DEBUG: 'libs' };
    const { stdout, stderr } = await runCommand(process.execPath, encodeInChildArgs(weightlessModelPath(), 2, 1), { env });
    const result = parseEncodeChild(stdout);
    expect(result.description).toContain(`CPU variant ${result.cpuVariant}`);
    expect(result.encodeMs).toHaveLength(1);
    const engineLibraries = [...stderr.matchAll(/calling init: (\S*(?:libggml|libwhisper|debrief_whisper)\S*)/g)].map((m) => m[1]!);
    expect(engineLibraries.some((lib) => lib.includes(`libggml-cpu-${result.cpuVariant}.so`))).toBe(true);
    for (const lib of engineLibraries) expect(lib.startsWith(staged), lib).toBe(true);
  });
});
