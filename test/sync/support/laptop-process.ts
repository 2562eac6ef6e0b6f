import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncWithServer } from '../../../src/backend/sync/server-sync.js';
import { openLaptop } from './sync-stores.js';

const child = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/laptop-sync-child.ts');

export interface LaptopSpec {
  home: string;
  origin: string;
  deviceToken: string;
  userId: string;
  requisitionId: string;
  /** The most candidates it makes, one per round. */
  edits: number;
  /** Its candidates are named `NAME 0`, `NAME 1`, … */
  name: string;
}

/** A laptop process (test/sync/fixtures/laptop-sync-child.ts) and what it has said so far. */
export interface LaptopProcess {
  lines: string[];
  /** Resolves with the first line (already said or to come) that matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** How many lines so far match. */
  count(pattern: RegExp): number;
  /** How many candidates its store holds of its own (the last `edit N`). */
  edits(): number;
  kill(): Promise<void>;
  /** Asks it to stop after its next clean round, and waits for it to exit. */
  stop(timeoutMs?: number): Promise<void>;
  proc: ChildProcess;
}

export function startLaptopProcess(spec: LaptopSpec): LaptopProcess {
  mkdirSync(spec.home, { recursive: true });
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', child, spec.home, spec.origin, spec.deviceToken, spec.userId, spec.requisitionId, String(spec.edits), spec.name],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let rest = '';
  proc.stdout!.on('data', (d: Buffer) => {
    rest += d.toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (process.env.DEBRIEF_DEBUG_LAPTOPS) process.stderr.write(`[${spec.name}] ${line}\n`);
      for (const w of [...waiters]) if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    lines,
    proc,
    count: (pattern) => lines.filter((l) => pattern.test(l)).length,
    edits: () => Number([...lines].reverse().find((l) => l.startsWith('edit '))?.split(' ')[1] ?? 0),
    waitFor(pattern, timeoutMs = 600_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`laptop ${spec.name} never said ${pattern} (said: ${lines.slice(-5).join(' | ')})`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => setTimeout(() => reject(new Error(`laptop ${spec.name} exited before saying ${pattern} (said: ${lines.slice(-5).join(' | ')})`)), 50));
      });
    },
    async kill() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 600_000) {
      writeFileSync(path.join(spec.home, 'stop'), '');
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      if (!lines.includes('done')) throw new Error(`laptop ${spec.name} did not stop cleanly (said: ${lines.slice(-5).join(' | ')})`);
    },
  };
}

/**
 * A lead recruiter's laptop, in this process, that opens a requisition with `candidates` candidates
 * and syncs them up: real payloads, so the laptop processes merge them as they would in the app.
 */
export async function seedRequisition(
  home: string,
  connection: { origin: string; deviceToken: string; userId: string },
  candidates: number,
): Promise<{ requisitionId: string; close(): Promise<void> }> {
  const laptop = await openLaptop(path.dirname(home), path.basename(home));
  const requisitionId = (await laptop.handlers['requisitions:create']({ title: 'Fault run' })).id;
  for (let i = 0; i < candidates; i++) await laptop.handlers['candidates:create']({ name: `Backlog ${i}`, requisitionId, stage: 'Applied' });
  await syncWithServer(laptop.db, connection, { home: laptop.home, backoffMs: 50 });
  return { requisitionId, close: () => laptop.db.destroy() };
}
