#!/usr/bin/env node
// `npm start`: builds the app and opens the Electron window. Where the Electron binary was not
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline machines) it explains how to get one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const bin = require('electron'); // the package exports the binary's path
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = electronBinary();
if (!bin) {
  process.stderr.write(
    [
      'The Electron binary is not installed, so the desktop window cannot open here.',
      'To get it on a machine with internet access:',
      '  node node_modules/electron/install.js      (or: npm rebuild electron, without ELECTRON_SKIP_BINARY_DOWNLOAD)',
      'or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron release.',
      'Everything else works without it: "npx debrief --help" for the command line.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(bin, ['.'], { stdio: 'inherit' });
process.exit(run.status ?? 0);
