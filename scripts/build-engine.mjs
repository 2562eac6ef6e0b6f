#!/usr/bin/env node
// Builds the whisper.cpp engine for this machine's CPU (AVX2/AVX-512/NEON as available).
// Runs at install; when no compiler or CMake is present it says so and the app falls back to
// the prebuilt @fugood/whisper.node binary, which is much slower on most CPUs.
//   node scripts/build-engine.mjs              build if missing or stale (native/build)
//   node scripts/build-engine.mjs --force      rebuild
//   node scripts/build-engine.mjs --dispatch   build for distribution (native/build-dispatch/bin): every
//                                              ggml-cpu variant, the best one loaded at start. It compiles
//                                              ggml-cpu 14 times on x86, so it is built once and kept.
//   --gpu=vulkan|cuda|metal                    also build that GPU backend, when its SDK is installed
//   DEBRIEF_SKIP_ENGINE_BUILD=1                skip (use the prebuilt fallback)
//   DEBRIEF_ENGINE_MODE=native|portable|dispatch, DEBRIEF_ENGINE_GPU=…   the same as the flags
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const force = process.argv.includes('--force');
const mode = process.argv.includes('--dispatch') ? 'dispatch' : (process.env.DEBRIEF_ENGINE_MODE ?? (process.env.DEBRIEF_PORTABLE_ENGINE === '1' ? 'portable' : 'native'));
const requestedGpu = process.argv.find((a) => a.startsWith('--gpu='))?.slice('--gpu='.length) ?? process.env.DEBRIEF_ENGINE_GPU ?? '';
const buildDir = path.join(root, 'native', mode === 'dispatch' ? 'build-dispatch' : 'build');
// The dispatched build keeps the addon in bin/ beside the ggml libraries it loads at start.
const addonPath = path.join(buildDir, ...(mode === 'dispatch' ? ['bin'] : []), 'debrief_whisper.node');
const stampPath = path.join(buildDir, 'build-stamp.json');

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

// A GPU backend is built only where its SDK is installed; otherwise the CPU build goes ahead.
const gpuSdks = {
  vulkan: { present: () => has('glslc') && has('pkg-config', ['--exists', 'vulkan']), needs: 'the Vulkan SDK (glslc and vulkan.pc)' },
  cuda: { present: () => has('nvcc'), needs: 'the CUDA toolkit (nvcc)' },
  metal: { present: () => process.platform === 'darwin', needs: 'macOS' },
};

function chooseGpu() {
  if (!requestedGpu) return '';
  const sdk = gpuSdks[requestedGpu];
  if (!sdk) {
    log(`unknown GPU backend "${requestedGpu}" (vulkan, cuda or metal); building for the CPU only`);
    return '';
  }
  if (!sdk.present()) {
    log(`GPU backend ${requestedGpu} skipped: ${sdk.needs} not found; building for the CPU only`);
    return '';
  }
  return requestedGpu;
}

function stampOf(sourceDir, config) {
  const h = createHash('sha1');
  for (const f of ['native/src/addon.cpp', 'native/reference/whisper-reference.cpp', 'native/CMakeLists.txt']) {
    h.update(fs.readFileSync(path.join(root, f)));
  }
  h.update(fs.readFileSync(path.join(sourceDir, 'CMakeLists.txt')));
  h.update(JSON.stringify({ ...config, cpu: os.cpus()[0]?.model, arch: process.arch }));
  return h.digest('hex');
}

// A build folder copied from another checkout keeps that checkout's paths, which CMake refuses.
function dropCacheFromElsewhere() {
  const cache = path.join(buildDir, 'CMakeCache.txt');
  if (!fs.existsSync(cache)) return;
  const home = /^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$/m.exec(fs.readFileSync(cache, 'utf8'))?.[1];
  if (home && path.resolve(home) !== path.join(root, 'native')) {
    log(`starting a fresh build: ${path.relative(root, buildDir)} was configured for ${home}`);
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
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
  if (!['native', 'portable', 'dispatch'].includes(mode)) {
    log(`unknown DEBRIEF_ENGINE_MODE "${mode}" (native, portable or dispatch)`);
    return 1;
  }
  const gpu = chooseGpu();
  const stamp = stampOf(sourceDir, { mode, gpu });
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
    `-DDEBRIEF_ENGINE_MODE=${mode}`,
    `-DDEBRIEF_GPU=${gpu}`,
    `-DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${buildDir}`,
    `-DCMAKE_RUNTIME_OUTPUT_DIRECTORY=${buildDir}`,
  ];
  const what = { native: 'for this CPU', portable: 'for a generic CPU', dispatch: 'with every CPU variant (runtime dispatch)' }[mode];
  log(`building whisper.cpp ${what}${gpu ? ` and ${gpu}` : ''} with ${jobs} jobs; this takes ${mode === 'dispatch' ? 'a long while' : 'a few minutes'} once`);
  const started = Date.now();
  dropCacheFromElsewhere();
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
  fs.writeFileSync(stampPath, JSON.stringify({ stamp, builtAt: new Date().toISOString(), mode, gpu }, null, 2));
  log(`built ${path.relative(root, addonPath)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

process.exit(main());
