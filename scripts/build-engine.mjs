#!/usr/bin/env node
// Builds the whisper.cpp engine for this machine's CPU (AVX2/AVX-512/NEON as available).
// Runs at install; when no compiler or CMake is present it says so and the app falls back to
// the prebuilt @fugood/whisper.node binary, which is much slower on most CPUs.
//   node scripts/build-engine.mjs            build if missing or stale
//   node scripts/build-engine.mjs --force    rebuild
//   DEBRIEF_SKIP_ENGINE_BUILD=1              skip (use the prebuilt fallback)
//   DEBRIEF_PORTABLE_ENGINE=1                build for a generic CPU (for packaging)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const buildDir = path.join(root, 'native', 'build');
const addonPath = path.join(buildDir, 'debrief_whisper.node');
const stampPath = path.join(buildDir, 'build-stamp.json');
const force = process.argv.includes('--force');

function log(msg) {
  process.stderr.write(`[debrief engine] ${msg}\n`);
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

function findNodeHeaders() {
  const candidates = [
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include', 'node'),
    path.join(path.dirname(process.execPath), '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'node_api.h')));
}

function whisperSource() {
  const pkg = require.resolve('nodejs-whisper/package.json');
  const dir = path.join(path.dirname(pkg), 'cpp', 'whisper.cpp');
  return fs.existsSync(path.join(dir, 'include', 'whisper.h')) ? dir : undefined;
}

function stampOf(sourceDir, portable) {
  const h = createHash('sha1');
  for (const f of ['native/src/addon.cpp', 'native/reference/whisper-reference.cpp', 'native/CMakeLists.txt']) {
    h.update(fs.readFileSync(path.join(root, f)));
  }
  h.update(fs.readFileSync(path.join(sourceDir, 'CMakeLists.txt')));
  h.update(JSON.stringify({ portable, cpu: os.cpus()[0]?.model, arch: process.arch }));
  return h.digest('hex');
}

function main() {
  if (process.env.DEBRIEF_SKIP_ENGINE_BUILD === '1') {
    log('skipped (DEBRIEF_SKIP_ENGINE_BUILD=1); the prebuilt engine will be used');
    return 0;
  }
  const sourceDir = whisperSource();
  const headers = findNodeHeaders();
  const missing = [
    !sourceDir && 'the whisper.cpp source (npm package nodejs-whisper)',
    !headers && "Node's C headers (node_api.h)",
    !has('cmake') && 'cmake',
    !(has('c++') || has('g++') || has('clang++')) && 'a C++ compiler',
  ].filter(Boolean);
  if (missing.length > 0) {
    log(`not built: missing ${missing.join(', ')}. Using the prebuilt engine (slower). Install them and run "npm run build:engine".`);
    return 0;
  }
  const portable = process.env.DEBRIEF_PORTABLE_ENGINE === '1';
  const stamp = stampOf(sourceDir, portable);
  if (!force && fs.existsSync(addonPath) && fs.existsSync(stampPath)) {
    const previous = JSON.parse(fs.readFileSync(stampPath, 'utf8'));
    if (previous.stamp === stamp) {
      log('up to date');
      return 0;
    }
  }
  const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  const addonApi = require('node-addon-api').include_dir ?? path.dirname(require.resolve('node-addon-api/napi.h'));
  const configure = [
    '-S', path.join(root, 'native'),
    '-B', buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    `-DWHISPER_SOURCE_DIR=${sourceDir}`,
    `-DNODE_INCLUDE_DIR=${headers}`,
    `-DNODE_ADDON_API_DIR=${path.resolve(root, addonApi)}`,
    `-DDEBRIEF_PORTABLE=${portable ? 'ON' : 'OFF'}`,
    `-DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${buildDir}`,
    `-DCMAKE_RUNTIME_OUTPUT_DIRECTORY=${buildDir}`,
  ];
  log(`building whisper.cpp for this CPU${portable ? ' (portable)' : ''} with ${jobs} jobs; this takes a few minutes once`);
  const started = Date.now();
  fs.mkdirSync(buildDir, { recursive: true });
  const logPath = path.join(buildDir, 'build.log');
  const logFd = fs.openSync(logPath, 'w');
  for (const args of [configure, ['--build', buildDir, '--config', 'Release', '-j', jobs, '--target', 'debrief_whisper', 'whisper-reference']]) {
    // Compiler chatter goes to a log; only a failure shows its tail.
    const r = spawnSync('cmake', args, { stdio: ['ignore', logFd, logFd] });
    if (r.status !== 0) {
      fs.closeSync(logFd);
      const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
      log(`build failed (full log: ${path.relative(root, logPath)}):\n${tail}`);
      log('the prebuilt engine will be used instead.');
      return process.env.DEBRIEF_REQUIRE_NATIVE_ENGINE === '1' ? 1 : 0;
    }
  }
  fs.closeSync(logFd);
  fs.writeFileSync(stampPath, JSON.stringify({ stamp, builtAt: new Date().toISOString(), portable }, null, 2));
  log(`built ${path.relative(root, addonPath)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

process.exit(main());
