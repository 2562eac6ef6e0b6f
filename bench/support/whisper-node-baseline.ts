import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runCommand } from './run-command.js';

// whisper-node is the package first named for this project. It is not a dependency: the bench
// installs it into a git-ignored cache folder, builds its bundled whisper.cpp, and calls it the way
// its README tells users to.
export const WHISPER_NODE_VERSION = '1.1.1';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const whisperNodePrefix = path.join(repoRoot, '.cache', 'whisper-node');
const packageDir = path.join(whisperNodePrefix, 'node_modules', 'whisper-node');
/** whisper-node runs `./main` from here (it chdir's the whole process into it when loaded). */
export const whisperNodeCppDir = path.join(packageDir, 'lib', 'whisper.cpp');

const transcriptLineSchema = z.object({ start: z.string(), end: z.string(), speech: z.string() });
type TranscriptLine = z.infer<typeof transcriptLineSchema>;

interface WhisperNodeOptions {
  modelPath?: string;
  whisperOptions?: { language?: string; word_timestamps?: boolean };
}
type WhisperNodeFn = (filePath: string, options?: WhisperNodeOptions) => Promise<unknown>;

export interface WhisperNodeBaseline {
  /** The compiler flags its Makefile chose on this machine (its defaults; nothing added). */
  cflags: string;
  /** One call of `whisper(file, { modelPath })`: spawns ./main, which loads the model and transcribes. */
  transcribe(wavPath: string, options: { modelPath: string; threads: number }): Promise<TranscriptLine[]>;
  /**
   * The command that call runs (`./main -ml 1 -l en -m MODEL -f FILE`, plus `-t`), without its output
   * parser: whisper-node's parser crashes on an empty transcript (the weightless model's).
   */
  runMain(wavPath: string, options: { modelPath: string; threads: number }): Promise<void>;
}

/** Installs whisper-node into .cache/whisper-node if needed, builds its whisper.cpp `main`, and loads it. */
export async function prepareWhisperNode(): Promise<WhisperNodeBaseline> {
  if (installedVersion() !== WHISPER_NODE_VERSION) {
    await runCommand('npm', ['install', '--prefix', whisperNodePrefix, '--no-audit', '--no-fund', `whisper-node@${WHISPER_NODE_VERSION}`]);
  }
  const cflags = await buildMain();
  const runMain: WhisperNodeBaseline['runMain'] = async (wavPath, { modelPath, threads }) => {
    await runCommand('./main', ['-ml', '1', '-l', 'en', '-m', modelPath, '-t', String(threads), '-f', wavPath], { cwd: whisperNodeCppDir });
  };
  return { cflags, transcribe: await loadWhisperFunction(), runMain };
}

function installedVersion(): string | null {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

/**
 * whisper-node runs a bare `make` the first time it is loaded and calls process.exit(1) if that fails,
 * so build first, here, where a failure can be reported. Same Makefile, same compiler, same default
 * flags; only the `main` target, because `main` is the one program whisper-node runs (its default
 * target also builds bench, quantize and server, which it never uses).
 */
async function buildMain(): Promise<string> {
  const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  const { stdout } = await runCommand('make', ['-j', jobs, 'main'], { cwd: whisperNodeCppDir });
  if (!fs.existsSync(path.join(whisperNodeCppDir, 'main'))) throw new Error(`make finished but ${whisperNodeCppDir}/main is missing`);
  return /^I CFLAGS:\s*(.*)$/m.exec(stdout)?.[1]?.trim() ?? 'unknown';
}

async function loadWhisperFunction(): Promise<WhisperNodeBaseline['transcribe']> {
  const cwd = process.cwd();
  let whisper: WhisperNodeFn;
  try {
    const mod = createRequire(import.meta.url)(packageDir) as { whisper?: WhisperNodeFn };
    if (typeof mod.whisper !== 'function') throw new Error(`whisper-node ${WHISPER_NODE_VERSION} does not export whisper()`);
    whisper = mod.whisper;
  } finally {
    process.chdir(cwd);
  }

  return async (wavPath, { modelPath, threads }) => {
    // whisper-node builds a shell command string from modelPath and the file path without quoting them.
    for (const p of [wavPath, modelPath]) {
      if (!/^[\w./+-]+$/.test(p)) throw new Error(`whisper-node cannot take a path with spaces or shell characters: ${p}`);
    }
    const logs: string[] = [];
    const log = console.log;
    // It prints progress chatter to stdout, and on failure it logs the reason and resolves undefined.
    console.log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
    process.chdir(whisperNodeCppDir);
    try {
      const lines = await whisper(wavPath, {
        // whisper-node has no threads option and main's default is min(4, cores); its modelPath goes
        // into the command line verbatim, so `-t N` rides along to give both sides the same threads.
        modelPath: `${modelPath} -t ${threads}`,
        // Its own defaults (word_timestamps → `-ml 1`), plus English like the Debrief side.
        whisperOptions: { language: 'en', word_timestamps: true },
      });
      if (lines === undefined) throw new Error(`whisper-node failed: ${lastLines(logs.join('\n'), 4)}`);
      return z.array(transcriptLineSchema).parse(lines);
    } finally {
      process.chdir(cwd);
      console.log = log;
    }
  };
}

function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');
}
